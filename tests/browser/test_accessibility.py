"""axe-core finds no WCAG 2.2 AA violation on the public pages."""

import pytest

from tests.browser.conftest import assert_accessible

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/complaints/new/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violations(page, path):
    response = page.goto(path)
    assert response.status == 200
    assert_accessible(page)


@pytest.mark.parametrize("path", PUBLIC_PAGES[:3])
def test_public_page_has_no_accessibility_violations_in_spanish(page, live_server, path):
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page)


def test_keyboard_users_can_skip_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
