"""The browser tests' Chromium (Debian's), where their screenshots go, and the steps every such test takes."""

import shutil
from pathlib import Path

from django.conf import settings

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "e2e"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, username: str = "editor", password: str = "editor") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
