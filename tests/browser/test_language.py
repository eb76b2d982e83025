"""A visitor switches the site to Spanish and it stays Spanish."""

from tests.browser.conftest import assert_accessible


def test_a_visitor_switches_to_spanish_without_javascript_and_the_choice_sticks(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-US")
    page = context.new_page()
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "School Resource Officers, in the open"
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change language").click()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == "Agentes de Recursos Escolares, a la vista de todos"
    page.goto("/accounts/login/")
    assert page.get_by_role("link", name="Presentar una queja").first.is_visible()
    context.close()


def test_spanish_speaking_browsers_get_spanish_first(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="es-MX")
    page = context.new_page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page)
    context.close()
