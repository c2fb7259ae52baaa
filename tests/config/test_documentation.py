"""Every environment variable the settings read is documented in README.md and .env.example, and
.env.example's values, copied into a .env, give a working configuration."""

import re
from pathlib import Path

from tests.helpers.processes import manage

ROOT = Path(__file__).resolve().parents[2]


def _settings_variables() -> set[str]:
    source = (ROOT / "config" / "settings.py").read_text()
    return set(re.findall(r'env(?:\.\w+|_path|_choice)\(\s*"([A-Z][A-Z0-9_]+)"', source))


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            pairs[name] = value
    return pairs


def test_settings_read_the_variables_we_expect():
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "REDIS_URL", "WEBHOOK_SIGNING_SECRET"} <= _settings_variables()


def test_every_variable_is_documented():
    readme = (ROOT / "README.md").read_text()
    example = _env_example()
    for name in _settings_variables():
        assert f"`{name}`" in readme, f"{name} is missing from README.md"
        assert name in example, f"{name} is missing from .env.example"


def test_env_example_values_give_a_working_development_configuration():
    values = {k: v for k, v in _env_example().items() if k not in ("EMBEDDED_DB_DIR",)}
    values.update(DEBUG="true")
    result = manage("check", **values)
    assert result.returncode == 0, result.stderr
