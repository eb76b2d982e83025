"""The coordinator's retention page and the family's satisfaction question, in English and Spanish, with axe."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PIN, member
from tests.workflows.conftest import Case
from workflows.models import Route


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_coordinator_sets_the_schedule_and_places_and_lifts_a_hold(page, sign_in_staff, language):
    case = Case()
    coordinator = member(Role.COORDINATOR, district=case.school.district, mfa=True, preferred_language=language)
    sign_in_staff(coordinator)
    page.goto("/staff/retention/")
    page.locator("#language-select").select_option(language)
    page.locator(".language-switcher button").click()
    spanish = language == "es"
    expect(page.get_by_role("heading", level=1)).to_have_text("Conservación de registros" if spanish else "Retention")
    assert_accessible(page)
    page.get_by_label("Contenido de los correos enviados" if spanish else "Contents of mail sent").fill("0")
    page.get_by_role("button", name="Guardar el calendario" if spanish else "Save the schedule").click()
    expect(page.get_by_text("mayor o igual a 1" if spanish else "greater than or equal to 1")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Código de seguimiento" if spanish else "Tracking code").fill(case.complaint.tracking_code)
    page.get_by_label("Motivo" if spanish else "Reason").fill("Tort claim 2026-114")
    page.get_by_role("button", name="Establecer la retención" if spanish else "Place the hold").click()
    expect(page.get_by_role("cell", name="Tort claim 2026-114")).to_be_visible()
    assert_accessible(page)
    page.get_by_role(
        "link", name=f"{'Levantar la retención de' if spanish else 'Lift the hold on'} {case.complaint.tracking_code}"
    ).click()
    assert_accessible(page)
    page.get_by_label("Por qué se levanta la retención" if spanish else "Why the hold is lifted").fill("Settled")
    page.get_by_role("button", name="Levantar la retención" if spanish else "Lift the hold").click()
    expect(
        page.get_by_text(
            "Ninguna queja está bajo retención legal." if spanish else "No complaint is under a legal hold."
        )
    ).to_be_visible()


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_family_answers_how_it_went_once_and_then_is_thanked(browser, live_server, language):
    case = Case()
    case.take_to("triaged", route=Route.OUT_OF_SCOPE, explanation="A city matter.")
    context = browser.new_context(base_url=live_server.url, locale="es-ES" if language == "es" else "en-US")
    page = context.new_page()
    spanish = language == "es"
    page.goto("/complaints/track/")
    page.get_by_label("Código de seguimiento" if spanish else "Tracking code").fill(case.complaint.tracking_code)
    page.get_by_label("PIN").fill(TEST_PIN)
    page.get_by_role("button", name="Abrir mi queja" if spanish else "Open my complaint").click()
    page.get_by_role(
        "link", name="Cuéntenos cómo fue el proceso" if spanish else "Tell us how the process went"
    ).click()
    assert_accessible(page)
    page.get_by_role("button", name="Comenzar la encuesta" if spanish else "Start the survey").click()
    expect(page.get_by_text("El proceso fue justo." if spanish else "The process was fair.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Enviar mis respuestas" if spanish else "Send my answers").click()
    page.goto(f"/complaints/track/{case.complaint.tracking_code}/how-did-it-go/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gracias por sus respuestas" if spanish else "Thank you for your answers"
    )
    assert_accessible(page)
    context.close()
