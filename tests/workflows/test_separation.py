"""School and police reviews are separate (FERPA, MOU items 9-10): each side
reads only its own notes, the files shared with it and, once its own findings
are in, the other side's; the principal sees only complaints routed to the
school; conflicted people see nothing and hear nothing."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from complaints.models import Attachment, Audience, Recusal
from notifications.models import OutboundEmail
from tests.factories import MessageFactory, RosterAssignmentFactory, member
from workflows.models import Route
from workflows.review import services
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db


def _case_url(complaint):
    return reverse("staff:reviews:case", args=[complaint.pk])


def _triage(case, route=Route.BOTH, shared=(), emergency=False):
    case.take_to("triaged", route=route, shared_files=shared, emergency=emergency)


def _file(case, name):
    attachment = Attachment(
        complaint=case.complaint, original_name=name, content_type="application/pdf", size=4, sha256="0" * 64
    )
    attachment.file.save("x", ContentFile(b"%PDF"), save=True)
    return attachment


def _page(client, user, complaint):
    client.force_login(user)
    response = client.get(_case_url(complaint))
    assert response.status_code == 200
    return response.content.decode()


def test_police_reviewers_never_read_school_notes_complainant_replies_or_the_audit_history(client, case):
    _triage(case)
    MessageFactory(complaint=case.complaint, audience=Audience.SCHOOL, body="DOB 2010-03-04, IEP, mother 555-0100")
    MessageFactory(complaint=case.complaint, audience=Audience.SCHOOL, from_complainant=True, body="Call me at home")
    MessageFactory(complaint=case.complaint, audience=Audience.POLICE, body="Body camera requested")
    MessageFactory(complaint=case.complaint, audience=Audience.PUBLIC, body="We are reviewing your complaint")
    page = _page(client, case.reviewer, case.complaint)
    assert "Body camera requested" in page and "We are reviewing your complaint" in page
    assert "IEP" not in page and "Call me at home" not in page
    assert "fam@example.org" not in page
    assert "Audit history" not in page


def test_the_principal_reads_school_notes_but_never_police_notes(client, case):
    _triage(case)
    MessageFactory(complaint=case.complaint, audience=Audience.SCHOOL, body="Spoke with the counsellor")
    MessageFactory(complaint=case.complaint, audience=Audience.POLICE, body="Internal affairs number 42")
    page = _page(client, case.principal, case.complaint)
    assert "Spoke with the counsellor" in page
    assert "Internal affairs number 42" not in page
    assert "Audit history" not in page


def test_the_coordinator_reads_every_note_and_the_audit_history(client, case):
    _triage(case)
    MessageFactory(complaint=case.complaint, audience=Audience.SCHOOL, body="School side note")
    MessageFactory(complaint=case.complaint, audience=Audience.POLICE, body="Police side note")
    page = _page(client, case.coordinator, case.complaint)
    assert "School side note" in page and "Police side note" in page and "Audit history" in page


def test_a_reviewer_may_not_write_a_note_to_the_other_side(client, case):
    _triage(case)
    client.force_login(case.reviewer)
    response = client.post(
        reverse("staff:reviews:note", args=[case.complaint.pk]), {"body": "For the school", "audience": "school"}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not case.complaint.messages.filter(kind="note").exists()


def test_police_open_only_the_files_shared_with_them_at_triage(client, case):
    shared, private = _file(case, "video.pdf"), _file(case, "transcript.pdf")
    _triage(case, shared=[shared])
    page = _page(client, case.reviewer, case.complaint)
    assert "video.pdf" in page and "transcript.pdf" not in page
    assert client.get(reverse("staff:reviews:attachment", args=[case.complaint.pk, shared.pk])).status_code == 200
    assert client.get(reverse("staff:reviews:attachment", args=[case.complaint.pk, private.pk])).status_code == 404


def test_reviews_are_blind_until_the_readers_own_findings_are_recorded(client, case):
    _triage(case)
    school_task = services.open_task(case.complaint, "school_review")
    findings = {a.pk: ("exonerated", "Talked to staff") for a in case.allegations}
    services.review_complete(task=school_task, user=case.principal, review="school", findings=findings)
    assert "School review: Exonerated" not in _page(client, case.reviewer, case.complaint)
    police_task = services.open_task(case.complaint, "police_review")
    services.review_complete(
        task=police_task,
        user=case.reviewer,
        review="police",
        findings={a.pk: ("sustained", "") for a in case.allegations},
    )
    # The outcome step follows; both reviewers now read both findings.
    assert "School review: Exonerated" in _page(client, case.reviewer, case.complaint)


def test_the_principal_does_not_see_a_complaint_routed_to_police_review_only(client, case):
    _triage(case, route=Route.POLICE)
    client.force_login(case.principal)
    assert client.get(_case_url(case.complaint)).status_code == 404
    assert case.complaint.tracking_code not in client.get(reverse("staff:reviews:index")).content.decode()


def test_the_principal_sees_a_complaint_at_triage_only_where_the_district_lets_principals_triage(client, case):
    review_start(case.complaint)
    client.force_login(case.principal)
    assert client.get(_case_url(case.complaint)).status_code == 404
    case.school.district.school_admins_triage = True
    case.school.district.save()
    assert client.get(_case_url(case.complaint)).status_code == 200


def test_an_sro_rostered_at_the_school_never_sees_a_complaint_naming_no_officer(client, case):
    # The rostered officer also holds a police reviewer role in the agency.
    officer_user = member(Role.POLICE_REVIEWER, agency=case.agency)
    case.officer.user = officer_user
    case.officer.save()
    case.complaint.officer = None
    case.complaint.save()
    _triage(case, route=Route.POLICE)
    client.force_login(officer_user)
    assert client.get(_case_url(case.complaint)).status_code == 404
    assert case.complaint.tracking_code not in client.get(reverse("staff:reviews:index")).content.decode()
    task = services.open_task(case.complaint, "police_review")
    response = client.post(reverse("staff:reviews:task", args=[case.complaint.pk, task.pk, "claim"]))
    assert response.status_code == 404
    # Another reviewer of the agency, not rostered there, still works it.
    assert client.get(_case_url(case.complaint)).status_code == 404
    client.force_login(case.reviewer)
    assert client.get(_case_url(case.complaint)).status_code == 200


def test_an_officer_rostered_elsewhere_or_after_the_incident_is_not_conflicted(client, case):
    later = member(Role.POLICE_REVIEWER, agency=case.agency)
    RosterAssignmentFactory(
        officer__agency=case.agency, officer__user=later, school=case.school, starts_on="2027-01-01"
    )
    case.complaint.officer = None
    case.complaint.save()
    _triage(case, route=Route.POLICE)
    client.force_login(later)
    assert client.get(_case_url(case.complaint)).status_code == 200


def test_the_emergency_alert_never_reaches_the_named_officer(case):
    officer_user = member(Role.POLICE_REVIEWER, agency=case.agency, email="named@example.org")
    case.officer.user = officer_user
    case.officer.save()
    _triage(case, emergency=True)
    recipients = set(OutboundEmail.objects.filter(template="emergency").values_list("to_email", flat=True))
    assert recipients == {"coord@example.org", "reviewer@example.org"}


def test_a_recused_coordinator_is_not_mailed_about_an_appeal(case):
    other = member(Role.COORDINATOR, district=case.school.district, email="other-coord@example.org")
    _triage(case, route=Route.SCHOOL)
    Recusal.objects.create(complaint=case.complaint, user=case.coordinator, reason="Related to the student")
    case.take_to("outcome_written", since="triaged", school_finding="exonerated", letter="Outcome", written_by=other)
    services.appeal_file(complaint=case.complaint, reason="I disagree")
    recipients = set(OutboundEmail.objects.filter(template="appeal_received").values_list("to_email", flat=True))
    assert recipients == {"other-coord@example.org"}
    assert not mail.outbox or all("coord@example.org" not in m.to for m in mail.outbox)


def test_the_coordinator_records_and_lifts_a_recusal_on_the_case_page_with_a_reason(client, case):
    _triage(case)
    client.force_login(case.coordinator)
    response = client.post(
        reverse("staff:reviews:recusal_add", args=[case.complaint.pk]),
        {"user": case.principal.pk, "reason": "Parent of the student"},
    )
    assert response.status_code == 302
    recusal = Recusal.objects.get(complaint=case.complaint, user=case.principal)
    assert recusal.recorded_by == case.coordinator
    client.force_login(case.principal)
    assert client.get(_case_url(case.complaint)).status_code == 404
    client.force_login(case.coordinator)
    lift_url = reverse("staff:reviews:recusal_lift", args=[case.complaint.pk, recusal.pk])
    refused = client.post(lift_url, {f"lift{recusal.pk}-reason": ""})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    assert client.post(lift_url, {f"lift{recusal.pk}-reason": "Student moved school"}).status_code == 302
    assert not Recusal.objects.exists()
    from core.models import AuditEvent

    notes = set(AuditEvent.objects.filter(content_type__model="recusal").values_list("note", flat=True))
    assert {"Parent of the student", "Student moved school"} <= notes
    client.force_login(case.principal)
    assert client.get(_case_url(case.complaint)).status_code == 200


def test_only_the_coordinator_may_record_a_recusal(client, case):
    _triage(case)
    client.force_login(case.principal)
    response = client.post(
        reverse("staff:reviews:recusal_add", args=[case.complaint.pk]), {"user": case.reviewer.pk, "reason": "x"}
    )
    assert response.status_code == 404
    assert not Recusal.objects.exists()


def test_each_reviewer_reads_the_actions_taken_only_as_they_read_the_findings(client, case):
    _triage(case)
    services.review_complete(
        task=services.open_task(case.complaint, "school_review"),
        user=case.principal,
        review="school",
        findings={a.pk: ("sustained", "SCHOOL-ACTION: retraining <now>") for a in case.allegations},
    )
    # The principal reads what they recorded; the police reviewer not before their own review is in.
    assert "SCHOOL-ACTION: retraining &lt;now&gt;" in _page(client, case.principal, case.complaint)
    assert "SCHOOL-ACTION" not in _page(client, case.reviewer, case.complaint)
    assert "SCHOOL-ACTION: retraining &lt;now&gt;" in _page(client, case.coordinator, case.complaint)
    services.review_complete(
        task=services.open_task(case.complaint, "police_review"),
        user=case.reviewer,
        review="police",
        findings={a.pk: ("sustained", "POLICE-ACTION: written reprimand") for a in case.allegations},
    )
    for reader in (case.reviewer, case.principal, case.coordinator):
        page = _page(client, reader, case.complaint)
        assert "SCHOOL-ACTION: retraining &lt;now&gt;" in page and "POLICE-ACTION: written reprimand" in page


def test_the_school_reviewer_does_not_read_the_police_actions_before_their_own_review(client, case):
    _triage(case)
    services.review_complete(
        task=services.open_task(case.complaint, "police_review"),
        user=case.reviewer,
        review="police",
        findings={a.pk: ("sustained", "POLICE-ACTION: written reprimand") for a in case.allegations},
    )
    assert "POLICE-ACTION" in _page(client, case.reviewer, case.complaint)
    assert "POLICE-ACTION" not in _page(client, case.principal, case.complaint)
