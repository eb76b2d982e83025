"""A school administrator and a police reviewer complete their review steps in a real browser."""

from playwright.sync_api import expect

from complaints.models import Finding
from tests.browser.conftest import assert_accessible, screenshot
from tests.workflows.conftest import Case
from workflows.models import Route
from workflows.review import services


def _routed(route):
    case = Case()
    case.take_to("triaged", route=route)
    return case


def _record_findings(page, case, value_label):
    page.get_by_role("link", name=case.complaint.tracking_code).click()
    assert_accessible(page)
    page.get_by_role("button", name="Claim this task").click()
    for allegation in case.allegations:
        page.get_by_label(f"Finding: {allegation.get_category_display()}").select_option(label=value_label)
    page.get_by_role("button", name="Complete this step").click()


def test_a_school_administrator_finds_the_complaint_in_the_queue_and_records_findings(page, sign_in_staff):
    case = _routed(Route.BOTH)
    sign_in_staff(case.principal)
    page.goto("/staff/reviews/")
    assert_accessible(page)
    screenshot(page, "staff-review-queue")
    _record_findings(page, case, "Policy or training issue")
    expect(page.get_by_text("School review: Policy or training issue").first).to_be_visible()
    screenshot(page, "staff-case-page")
    assert Finding.objects.filter(review="school", value="policy").count() == 2
    assert services.open_task(case.complaint, "police_review") is not None


def test_a_police_reviewer_records_findings_without_seeing_the_family_contact(page, sign_in_staff):
    case = _routed(Route.POLICE)
    sign_in_staff(case.reviewer)
    page.goto("/staff/reviews/")
    _record_findings(page, case, "Exonerated")
    expect(page.get_by_text("Police review: Exonerated").first).to_be_visible()
    assert "fam@example.org" not in page.content()
    assert services.open_task(case.complaint, "outcome") is not None
