"""The monthly review in a browser, axe-clean in English and Spanish: the principal's home page says the month
waits for them, they are stopped next to the unresolved flag, resolve it, the coordinator accepts, and the flags
table shows the resolution."""

import datetime as dt
import re

import pytest

from tests.browser.conftest import assert_accessible, screenshot
from tests.workflows.monthly_world import MonthlyWorld
from workflows.monthly import services
from workflows.monthly.selectors import open_tasks

pytestmark = pytest.mark.browser


def test_a_month_is_resolved_and_accepted_in_the_browser_in_both_languages(live_server, sign_in_staff, page):
    world = MonthlyWorld()
    citation = world.flagged_citation()
    world.call(officer=world.officer2)
    review = world.open_october()
    for user in (world.sro, world.sro2):
        services.monthly_certify(task=open_tasks(review).get(), user=user)

    sign_in_staff(world.principal)
    page.goto("/staff/")  # the home page says the month waits for the school, and leads to it
    assert "School review: 1" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("link", name="Open the monthly reviews").click()
    page.wait_for_url(re.compile(r".*/staff/monthly/\?state=open$"))
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto("/staff/")
    assert "Revisión de la escuela: 1" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("link", name="Abrir las revisiones mensuales").click()
    page.wait_for_url(re.compile(r".*/staff/monthly/\?state=open$"))
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"/staff/monthly/{review.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    field = f"id_resolution_{citation.pk}_public_order_without_threat"
    assert page.locator(f"#{field}_error").is_visible()
    assert_accessible(page)
    screenshot(page, "monthly-review-flag-needs-resolution")

    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto(f"/staff/monthly/{review.pk}/")
    assert "Revisión mensual" in page.inner_text("h1")
    assert_accessible(page)
    page.get_by_role("button", name="Guardar").click()
    assert "Escriba cómo se resolvió esta alerta." in page.inner_text(f"#{field}_error")
    assert_accessible(page)
    page.locator(f"#{field}").fill("Se retiró la citación.")
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url(re.compile(rf".*/staff/monthly/{review.pk}/$"))
    assert open_tasks(review).get().flow_task.name == "accept"
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])

    page.context.clear_cookies()
    sign_in_staff(world.coordinator)
    page.goto(f"/staff/monthly/{review.pk}/")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(rf".*/staff/monthly/{review.pk}/$"))
    assert "the month is locked" in page.inner_text("body")
    assert_accessible(page)
    page.goto("/staff/monthly/flags/")
    assert "Se retiró la citación." in page.inner_text("table")
    assert_accessible(page)
    screenshot(page, "monthly-flags-table")
    page.goto("/staff/monthly/?state=accepted")
    assert_accessible(page)
    page.goto(f"/staff/monthly/deadlines/{world.district.pk}/")
    assert_accessible(page)
    review.refresh_from_db()
    assert review.accepted_at is not None and review.month == dt.date(2026, 10, 1)
