"""What counts as a real SECRET_KEY: the same rules as Django's deployment check (security.W009)."""

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-this-key-in-production-0123456789"  # noqa: S105 (used only with DEBUG on)

_MIN_LENGTH = 50
_MIN_UNIQUE_CHARACTERS = 5


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is unfit for production, or None when it is fine."""
    if not key:
        return "is not set"
    if key.startswith("django-insecure"):
        return "is a development placeholder (it starts with 'django-insecure')"
    if len(key) < _MIN_LENGTH:
        return f"is only {len(key)} characters long"
    if len(set(key)) < _MIN_UNIQUE_CHARACTERS:
        return "has too few different characters"
    return None
