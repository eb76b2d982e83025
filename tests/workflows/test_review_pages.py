"""The staff review pages: queue, case page, task actions, CSV, audit."""

import pytest
from django.urls import reverse

from accounts.models import Role
from complaints.models import Finding, Recusal
from core.models import AuditEvent
from tests.factories import ComplaintFactory, UserFactory, member
from workflows.models import Route
from workflows.review import services
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db


def _case_url(complaint):
    return reverse("staff:reviews:case", args=[complaint.pk])


def _task_url(complaint, node, action):
    task = services.open_task(complaint, node)
    return reverse("staff:reviews:task", args=[complaint.pk, task.pk, action])


def test_a_coordinator_triages_from_the_case_page(client, case):
    review_start(case.complaint)
    client.force_login(case.coordinator)
    page = client.get(_case_url(case.complaint)).content.decode()
    assert "Complete this step" in page and "fam@example.org" in page
    response = client.post(_task_url(case.complaint, "triage", "complete"), {"route": Route.SCHOOL})
    assert response.status_code == 302
    assert services.open_task(case.complaint, "school_review") is not None


def test_a_school_administrator_records_findings_for_every_concern(client, case):
    case.take_to("triaged", route=Route.SCHOOL)
    client.force_login(case.principal)
    incomplete = client.post(
        _task_url(case.complaint, "school_review", "complete"), {f"finding_{case.allegations[0].pk}": "sustained"}
    )
    assert incomplete.status_code == 200
    assert "This field is required." in incomplete.content.decode()
    data = {f"finding_{a.pk}": "unfounded" for a in case.allegations}
    assert client.post(_task_url(case.complaint, "school_review", "complete"), data).status_code == 302
    assert Finding.objects.filter(review="school", value="unfounded").count() == 2


def test_out_of_scope_without_an_explanation_keeps_the_form_and_says_why(client, case):
    review_start(case.complaint)
    client.force_login(case.coordinator)
    response = client.post(_task_url(case.complaint, "triage", "complete"), {"route": Route.OUT_OF_SCOPE})
    assert "Explain to the complainant why this is outside scope." in response.content.decode()


def test_police_reviewers_see_only_what_their_review_needs(client, case):
    case.take_to("triaged", route=Route.POLICE)
    client.force_login(case.reviewer)
    page = client.get(_case_url(case.complaint)).content.decode()
    assert "The officer searched my bag." in page
    assert "fam@example.org" not in page


def test_police_reviewers_cannot_open_a_complaint_routed_only_to_the_school(client, case):
    case.take_to("triaged", route=Route.SCHOOL)
    client.force_login(case.reviewer)
    assert client.get(_case_url(case.complaint)).status_code == 404


def test_the_named_officer_never_sees_the_complaint_even_as_a_reviewer(client, case):
    officer_user = member(Role.POLICE_REVIEWER, agency=case.agency)
    case.officer.user = officer_user
    case.officer.save()
    case.take_to("triaged", route=Route.POLICE)
    client.force_login(officer_user)
    assert client.get(_case_url(case.complaint)).status_code == 404
    assert case.complaint.tracking_code not in client.get(reverse("staff:reviews:index")).content.decode()


def test_a_recused_coordinator_cannot_see_or_act(client, case):
    review_start(case.complaint)
    Recusal.objects.create(complaint=case.complaint, user=case.coordinator, reason="Related to the student")
    client.force_login(case.coordinator)
    assert client.get(_case_url(case.complaint)).status_code == 404
    assert client.post(_task_url(case.complaint, "triage", "complete"), {"route": "school"}).status_code == 404


def test_viewing_a_case_is_written_to_the_audit_log(client, case):
    review_start(case.complaint)
    client.force_login(case.coordinator)
    client.get(_case_url(case.complaint))
    assert AuditEvent.objects.filter(action="viewed", actor=case.coordinator, object_id=str(case.complaint.pk)).exists()


def test_the_queue_filters_and_counts_with_a_fixed_number_of_queries(client, case, django_assert_max_num_queries):
    for _ in range(12):
        review_start(ComplaintFactory(school=case.school))
    review_start(case.complaint)
    client.force_login(case.coordinator)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("staff:reviews:index")).content.decode()
    assert page.count("/staff/reviews/") >= 13
    other = ComplaintFactory()  # another district
    review_start(other)
    assert other.tracking_code not in client.get(reverse("staff:reviews:index")).content.decode()
    overdue_only = client.get(reverse("staff:reviews:index") + "?overdue=1").content.decode()
    assert "No open tasks match." in overdue_only


def test_the_queue_exports_what_the_person_may_see_as_csv_and_the_export_is_audited(client, case):
    review_start(case.complaint)
    review_start(ComplaintFactory(tracking_code="CG-OTHR-DIST"))
    client.force_login(case.coordinator)
    response = client.get(reverse("staff:reviews:export"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert case.complaint.tracking_code in body and "CG-OTHR-DIST" not in body
    assert AuditEvent.objects.filter(kind="queue_exported", actor=case.coordinator).exists()


def test_claim_release_and_reassign(client, case):
    review_start(case.complaint)
    second = member(Role.COORDINATOR, district=case.school.district)
    client.force_login(case.coordinator)
    client.post(_task_url(case.complaint, "triage", "claim"))
    assert services.open_task(case.complaint, "triage").owner == case.coordinator
    client.post(_task_url(case.complaint, "triage", "reassign"), {"user": second.pk})
    assert services.open_task(case.complaint, "triage").owner == second
    client.force_login(second)
    client.post(_task_url(case.complaint, "triage", "release"))
    assert services.open_task(case.complaint, "triage").owner is None


def test_a_coordinator_cannot_reassign_to_someone_who_may_not_do_the_step(client, case):
    review_start(case.complaint)
    client.force_login(case.coordinator)
    response = client.post(_task_url(case.complaint, "triage", "reassign"), {"user": UserFactory().pk})
    assert response.status_code == 404
    assert services.open_task(case.complaint, "triage").owner is None


def test_internal_notes_stay_internal_and_public_messages_reach_the_tracking_page(client, case):
    review_start(case.complaint)
    client.force_login(case.coordinator)
    client.post(
        reverse("staff:reviews:note", args=[case.complaint.pk]), {"body": "Call the principal", "audience": "school"}
    )
    client.post(
        reverse("staff:reviews:note", args=[case.complaint.pk]), {"body": "We are reviewing.", "audience": "public"}
    )
    public = list(case.complaint.messages.filter(audience="public").values_list("body", flat=True))
    assert public == ["We are reviewing."]


def test_the_complainant_appeals_from_the_tracking_page_while_the_window_is_open(client, case):
    from tests.factories import TEST_PIN

    case.take_to("outcome_written")  # routed to the school, found unfounded, letter sent: the appeal window opens
    detail = client.post("/complaints/track/", {"tracking_code": case.complaint.tracking_code, "pin": TEST_PIN}).url
    page = client.get(detail).content.decode()
    assert "The concerns were unfounded." in page and "Appeal the outcome" in page
    appeal_url = f"/complaints/track/{case.complaint.tracking_code}/appeal/"
    assert "This field is required." in client.post(appeal_url, {"reason": ""}).content.decode()
    assert client.post(appeal_url, {"reason": "My witness was never asked."}).status_code == 302
    assert services.open_task(case.complaint, "appeal_review") is not None
    # The appeal is confirmed with its date, and not offered again.
    again = client.get(appeal_url).content.decode()
    assert "You appealed on" in again and "Send my appeal" not in again
    tracking = client.get(detail).content.decode()
    assert "You appealed on" in tracking and "Appeal the outcome</a>" not in tracking


def test_the_case_page_shows_its_audit_history_and_a_bouncing_address(client, case):
    from django.utils import timezone

    from notifications.models import AddressProblem

    AddressProblem.objects.create(email="fam@example.org", event="bounce", since=timezone.now())
    review_start(case.complaint)
    client.force_login(case.coordinator)
    client.get(_case_url(case.complaint))
    page = client.get(_case_url(case.complaint)).content.decode()
    assert "Audit history" in page and "Review started" in page and "Case viewed" in page
    assert "Mail to this address does not arrive (bounced)" in page


def test_the_queue_filters_by_complaint_status(client, case):
    review_start(case.complaint)
    client.force_login(case.coordinator)
    url = reverse("staff:reviews:index")
    assert case.complaint.tracking_code in client.get(url + "?status=received").content.decode()
    assert case.complaint.tracking_code not in client.get(url + "?status=closed").content.decode()


def test_the_canned_responses_form_is_labelled_in_spanish(client, case):
    client.force_login(case.coordinator)
    page = client.get(reverse("staff:reviews:canned"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert ">Distrito" in page and "District:" not in page


def test_the_coordinator_keeps_canned_responses_and_staff_start_a_message_from_one(client, case):
    from core.models import AuditEvent
    from workflows.models import CannedResponse

    review_start(case.complaint)
    client.force_login(case.coordinator)
    canned_url = reverse("staff:reviews:canned")
    assert "This field is required." in client.post(canned_url, {"title": "Received"}).content.decode()
    client.post(
        canned_url,
        {
            "district": case.school.district_id,
            "title": "Still reviewing",
            "body": "We are still reviewing your complaint.",
        },
    )
    canned = CannedResponse.objects.get()
    assert AuditEvent.objects.filter(action="created", object_id=str(canned.pk)).exists()
    page = client.get(_case_url(case.complaint) + f"?canned={canned.pk}").content.decode()
    assert "We are still reviewing your complaint.</textarea>" in page
    client.force_login(case.principal)
    assert client.get(canned_url).status_code == 404
    assert client.get(reverse("staff:reviews:canned_edit", args=[canned.pk])).status_code == 404


def test_a_district_can_let_school_administrators_triage_their_own_schools_complaints(client, case):
    review_start(case.complaint)
    client.force_login(case.principal)
    assert case.complaint.tracking_code not in client.get(reverse("staff:reviews:index")).content.decode()
    district = case.school.district
    district.school_admins_triage = True
    district.save()
    assert case.complaint.tracking_code in client.get(reverse("staff:reviews:index")).content.decode()
    response = client.post(_task_url(case.complaint, "triage", "complete"), {"route": Route.SCHOOL})
    assert response.status_code == 302
    assert services.open_task(case.complaint, "school_review") is not None


def _appealed(case, reason):
    case.take_to("outcome_written")
    services.appeal_file(complaint=case.complaint, reason=reason)


def test_the_coordinator_reads_the_appeal_next_to_the_decision_form_and_then_with_its_decision(client, case):
    _appealed(case, "Nobody talked to the students <who> saw it.\n\nSee https://example.org/video")
    client.force_login(case.coordinator)
    page = client.get(_case_url(case.complaint)).content.decode()
    appeals, steps = page.index('id="appeals-heading"'), page.index('id="tasks-heading"')
    reason = page.index("Nobody talked to the students &lt;who&gt; saw it.")
    assert appeals < reason < steps < page.index('name="decision"')
    assert '<a href="https://example.org/video" rel="nofollow noopener noreferrer">' in page
    assert "Not decided yet." in page
    # The timeline holds the appeal too, where it was filed.
    assert page.count("Nobody talked to the students &lt;who&gt; saw it.") == 2
    services.appeal_decide(
        task=services.open_task(case.complaint, "appeal_review"), user=case.coordinator, decision="Upheld: we spoke."
    )
    decided = client.get(_case_url(case.complaint)).content.decode()
    assert "Nobody talked to the students &lt;who&gt; saw it." in decided
    assert "Upheld: we spoke." in decided and "Not decided yet." not in decided
    client.force_login(case.principal)
    assert "Nobody talked to the students &lt;who&gt; saw it." in client.get(_case_url(case.complaint)).content.decode()


def test_the_police_reviewer_reads_no_appeal_reason_as_they_read_no_reply_of_the_complainant(client, case):
    _appealed(case, "My phone is 555-201-3344; nobody called the witnesses.")
    client.force_login(case.reviewer)
    page = client.get(_case_url(case.complaint)).content.decode()
    assert "555-201-3344" not in page and "nobody called the witnesses" not in page


@pytest.mark.parametrize("role", [Role.SRO, Role.ADVISORY, Role.FACILITATOR])
def test_the_review_area_does_not_exist_for_roles_that_do_not_review(client, case, role):
    where = {"agency": case.agency} if role == Role.SRO else {"district": case.school.district}
    client.force_login(member(role, **where))
    for url in (reverse("staff:reviews:index"), _case_url(case.complaint), "/staff/reviews/99999/"):
        assert client.get(url).status_code == 404, url
