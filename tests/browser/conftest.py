"""Playwright driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: /usr/bin/chromium comes from `.ci/system-packages`.
"""

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
# `make screenshots` refreshes the user guides' pictures; ordinary runs keep
# theirs out of the work tree.
_REFRESH_GUIDES = os.environ.get("UPDATE_SCREENSHOTS") == "1"
SCREENSHOTS = ROOT / ("docs/screenshots" if _REFRESH_GUIDES else "test-artifacts/screenshots")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def assert_accessible(page):
    """Runs axe-core on the current page; fails listing every violation."""
    # evaluate() runs through the DevTools protocol, so the site's CSP (which
    # forbids inline scripts) stays on while axe is injected.
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], f"axe found violations on {page.url}:\n{json.dumps(violations, indent=2)}"


def screenshot(page, name: str) -> None:
    """Saves a screenshot for the user guides (docs/screenshots/ under `make screenshots`)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def sign_in_staff(page):
    """Signs a staff member in through /accounts/login/ and the authenticator step.

    Usage: ``sign_in_staff(member(Role.COORDINATOR, district=..., mfa=True))``;
    returns the page, now on the staff dashboard.
    """
    from accounts.mfa import current_totp_code
    from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET

    def sign_in(user):
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url("**/2fa/authenticate/")
        page.get_by_label("Code").fill(current_totp_code(TEST_TOTP_SECRET))
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url("**/staff/**")
        return page

    return sign_in
