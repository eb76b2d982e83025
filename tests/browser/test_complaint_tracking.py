"""Following a complaint in a real browser: a wrong PIN, the right PIN, a reply;
closing it and Quick exit (in Spanish); Quick exit never covers the language button."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import TEST_PIN, ComplaintFactory, MessageFactory


def test_a_complainant_tries_a_wrong_pin_then_the_right_one_and_replies(page):
    complaint = ComplaintFactory(tracking_code="CG-7KQ4-M2XD")
    MessageFactory(complaint=complaint, body="Thank you. We have asked the school for the hallway video.")
    page.goto("/complaints/track/")
    assert_accessible(page)
    page.get_by_label("Tracking code").fill("cg-7kq4-m2xd")
    page.get_by_label("PIN").fill("000000")
    page.get_by_role("button", name="Open my complaint").click()
    expect(page.get_by_role("alert")).to_contain_text("That tracking code and PIN do not match")
    expect(page.get_by_label("Tracking code")).to_have_value("cg-7kq4-m2xd")
    assert_accessible(page)
    screenshot(page, "complaint-track-wrong-pin")

    page.get_by_label("PIN").fill(TEST_PIN)
    page.get_by_role("button", name="Open my complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint CG-7KQ4-M2XD")
    expect(page.locator(".status")).to_have_text("Received")
    expect(page.get_by_text("We have asked the school for the hallway video.")).to_be_visible()
    assert_accessible(page)

    reply = "My friend Jo also saw it and is willing to talk."
    page.get_by_role("textbox", name="Add information or reply").fill(reply)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text(reply)).to_be_visible()
    screenshot(page, "complaint-track-page")
    assert complaint.messages.filter(from_complainant=True).count() == 1


@pytest.fixture
def neutral_site(live_server, settings):
    """Quick exit's neutral site, served here (no network in tests; a browser does not let a
    test intercept the redirect to the real one). Another origin, like the real one."""
    settings.QUICK_EXIT_URL = live_server.url.replace("localhost", "127.0.0.1") + "/dashboard/"
    return settings.QUICK_EXIT_URL


@pytest.fixture
def spanish_page(browser, live_server, transactional_db, neutral_site):
    context = browser.new_context(base_url=live_server.url, locale="es-MX")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _open_in_spanish(page, complaint):
    page.goto("/complaints/track/")
    page.get_by_label("Código de seguimiento").fill(complaint.tracking_code)
    page.get_by_label("PIN").fill(TEST_PIN)
    page.get_by_role("button", name="Abrir mi queja").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Queja {complaint.tracking_code}")


def test_en_espanol_a_family_closes_the_complaint_and_needs_the_code_and_pin_again(spanish_page):
    page = spanish_page
    complaint = ComplaintFactory(tracking_code="CG-7KQ4-M2XD")
    _open_in_spanish(page, complaint)
    expect(page.get_by_text("Esta queja sigue abierta en este navegador")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "complaint-track-close-es")
    page.get_by_role("button", name="Cerrar esta queja").click()
    expect(page.get_by_text("La queja está cerrada en este dispositivo.")).to_be_visible()
    assert_accessible(page)
    _asked_for_code_and_pin_again(page, complaint)


def test_en_espanol_quick_exit_ends_the_session_and_back_does_not_return(spanish_page):
    page = spanish_page
    complaint = ComplaintFactory(tracking_code="CG-7KQ4-M2XD")
    page.goto("/")
    _open_in_spanish(page, complaint)
    page.get_by_role("link", name=re.compile("Salida rápida")).click()
    page.wait_for_url(settings.QUICK_EXIT_URL)
    page.go_back()
    assert "/complaints/track/CG-7KQ4-M2XD/" not in page.url  # the complaint page left no history entry
    _asked_for_code_and_pin_again(page, complaint)


def test_quick_exit_works_without_javascript(browser, live_server, transactional_db, neutral_site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="es-MX")
    page = context.new_page()
    complaint = ComplaintFactory(tracking_code="CG-7KQ4-M2XD")
    _open_in_spanish(page, complaint)
    page.get_by_role("link", name=re.compile("Salida rápida")).click()
    page.wait_for_url(settings.QUICK_EXIT_URL)
    _asked_for_code_and_pin_again(page, complaint)
    context.close()


def _asked_for_code_and_pin_again(page, complaint) -> None:
    """A closed complaint's address leads back to the tracking form, saying why, never to the complaint."""
    page.goto(f"/complaints/track/{complaint.tracking_code}/")
    assert page.url.endswith("/complaints/track/")
    expect(page.get_by_text(re.compile("Esta queja se cerró en este navegador"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).not_to_have_text(f"Queja {complaint.tracking_code}")


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (360, 740)])
@pytest.mark.parametrize("path", ["/", "/complaints/new/", "/complaints/track/"])
def test_quick_exit_never_covers_the_language_switcher(spanish_page, width, height, path):
    page = spanish_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(path)
    exit_link = page.get_by_role("link", name=re.compile("Salida rápida"))
    expect(exit_link).to_be_visible()
    exit_box = exit_link.bounding_box()
    for control in (page.locator("#language-select"), page.get_by_role("button", name="Cambiar idioma")):
        assert not _overlap(exit_box, control.bounding_box())
    name = path.strip("/").replace("/", "-") or "home"
    page.screenshot(path=str(screenshot_dir() / f"quick-exit-{name}-{width}x{height}.png"))


def screenshot_dir():
    """Checking pictures, not guide pictures: always outside docs/."""
    from tests.browser.conftest import ROOT

    folder = ROOT / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
