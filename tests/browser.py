"""Playwright driving Debian's Chromium (a test tool's own browser download cannot work here)."""

from __future__ import annotations

import os
import re
import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = os.environ.get("TEST_ARTIFACTS", "test-artifacts")


def shot(page, name: str) -> None:
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=True)


def sign_in(page, base: str, username: str, password: str) -> None:
    """The admin's sign-in form from a clean session, until the dashboard shows."""
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
