"""``make serve``: the production stack on this machine — gunicorn and a qcluster with DEBUG off.

Static files are collected first and served by whitenoise; the database is the embedded one unless
DATABASE_URL is set, as everywhere else. SECRET_KEY comes from the environment or ``.env`` (written on first
use by ``config.env_file``). Both processes run under ``config.supervise``: Ctrl-C stops them within about
10 s, a second Ctrl-C at once.

Production settings assume HTTPS. On a loopback HOST (the default 127.0.0.1) there is no TLS in front, so
unless they are set explicitly the HTTPS redirect and the secure-only cookies are turned off; on any other
HOST they stay on and the server belongs behind a TLS-terminating proxy (``TRUST_X_FORWARDED_PROTO=true``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from dotenv import dotenv_values

from config.supervise import Child, Supervisor

BASE_DIR = Path(__file__).resolve().parent.parent
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Settings that would break a plain-HTTP local server with DEBUG off (redirects to https://, cookies the
# browser never sends back over http://).
_PLAIN_HTTP_SETTINGS = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
# gunicorn's graceful timeout stays under the supervisor's 10 s grace, so workers finish their requests first.
GUNICORN_GRACEFUL_TIMEOUT = 8


def serve_environment(host: str, environ: Mapping[str, str], dotenv: Mapping[str, str | None]) -> dict[str, str]:
    """The children's environment: DEBUG off, HOST allowed, and plain HTTP on loopback; explicit values win."""
    configured = {**{k: v for k, v in dotenv.items() if v is not None}, **environ}
    env = dict(environ)
    env["DEBUG"] = "false"
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if "ALLOWED_HOSTS" not in configured:
        env["ALLOWED_HOSTS"] = ",".join(dict.fromkeys(["localhost", "127.0.0.1", "[::1]", _bracketed(host)]))
    if host in LOOPBACK_HOSTS:
        for name in _PLAIN_HTTP_SETTINGS:
            if name not in configured:
                env[name] = "false"
    return env


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def gunicorn_argv(host: str, port: int, workers: int, threads: int) -> list[str]:
    return [
        *(sys.executable, "-m", "gunicorn", "config.wsgi"),
        *("--bind", f"{_bracketed(host)}:{port}"),
        *("--workers", str(workers), "--threads", str(threads)),
        *("--graceful-timeout", str(GUNICORN_GRACEFUL_TIMEOUT), "--access-logfile", "-"),
    ]


def _web_concurrency(env: Mapping[str, str]) -> tuple[int, int]:
    """WEB_WORKERS and WEB_THREADS as the settings read them (defaults there suit the machine)."""
    os.environ.update(env)  # the settings module reads os.environ
    from django.conf import settings

    return settings.WEB_WORKERS, settings.WEB_THREADS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run gunicorn and a qcluster with DEBUG off.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    env = serve_environment(args.host, os.environ, dotenv_values(BASE_DIR / ".env"))
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    if subprocess.run(collect, cwd=BASE_DIR, env=env, check=False).returncode != 0:  # noqa: S603 (our own command)
        return 1
    workers, threads = _web_concurrency(env)
    print(f"  gunicorn on http://{_bracketed(args.host)}:{args.port}/ ({workers} workers x {threads} threads)")
    children = [
        Child("gunicorn", gunicorn_argv(args.host, args.port, workers, threads)),
        Child("qcluster", [sys.executable, "manage.py", "qcluster"]),
    ]
    return Supervisor(children).run(env)


if __name__ == "__main__":
    sys.exit(main())
