"""Retention: each district's schedule purges what is due, counts it in the audit log, and never touches a
complaint under a legal hold; the coordinator sets the periods and places and lifts holds."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from complaints.models import Attachment, Complaint, Message, MessageKind
from core.audit import audit_record
from core.models import AuditEvent, AuditKind
from notifications.models import OutboundEmail, OutboundStatus
from surveys.models import Invitation
from tests.factories import member
from tests.surveys.builders import build_survey
from tests.surveys.taking import invitation
from workflows.models import ComplaintProcess, Route
from workflows.retention.holds import legal_hold_lift, legal_hold_place
from workflows.retention.purge import retention_purge
from workflows.retention.schedule import retention_months_set
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db
YEARS_LATER = relativedelta(years=7)  # past every default except the audit log's seven years


def _closed(case, *, note="The officer's name is Jordan."):
    """The case's complaint closed at triage (outside scope), with a written note and a file."""
    case.take_to("triaged", route=Route.OUT_OF_SCOPE, explanation="A city matter.")
    Message.objects.create(complaint=case.complaint, author=case.coordinator, audience="case", body=note)
    attachment = Attachment(
        complaint=case.complaint, original_name="a.pdf", content_type="application/pdf", size=4, sha256="0" * 64
    )
    attachment.file.save("x.pdf", ContentFile(b"%PDF"), save=True)
    assert ComplaintProcess.objects.get(complaint=case.complaint).finished is not None
    return attachment


def _purge(case, when):
    with transaction.atomic():
        counts = retention_purge(district=case.school.district, now=when)
    return counts


def test_a_complaint_closed_longer_than_the_schedule_goes_whole_with_its_files_and_the_log_keeps_only_counts(
    case, django_capture_on_commit_callbacks
):
    attachment = _closed(case)
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)

    assert _purge(case, timezone.now() + relativedelta(years=5))["closed_complaints"] == 0  # not yet due
    assert Complaint.objects.filter(pk=case.complaint.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        counts = _purge(case, timezone.now() + YEARS_LATER)
    assert counts["closed_complaints"] == 1 and counts["attachments"] == 1
    assert not Complaint.objects.filter(pk=case.complaint.pk).exists()
    assert not ComplaintProcess.objects.filter(complaint_id=case.complaint.pk).exists()
    assert not storage.exists(name)
    record = AuditEvent.objects.get(kind=AuditKind.RETENTION_PURGED)
    assert record.changes["purged"]["closed_complaints"] == 1
    assert "Jordan" not in str(record.changes) and case.complaint.tracking_code not in str(record.changes)


def test_an_open_complaint_is_never_purged_however_old(case):
    review_start(case.complaint)
    counts = _purge(case, timezone.now() + relativedelta(years=50))
    assert counts["closed_complaints"] == 0
    assert Complaint.objects.filter(pk=case.complaint.pk).exists()


def test_a_legal_hold_keeps_the_complaint_its_notes_and_its_audit_entries_until_lifted(case):
    _closed(case)
    hold = legal_hold_place(complaint=case.complaint, reason="Tort claim 2026-114", by=case.coordinator)
    audit_count = AuditEvent.objects.filter(object_id=str(case.complaint.pk)).count()
    counts = _purge(case, timezone.now() + relativedelta(years=20))
    assert counts["closed_complaints"] == 0 and counts["messages"] == 0
    assert Message.objects.filter(complaint=case.complaint, body__contains="Jordan").exists()
    assert AuditEvent.objects.filter(object_id=str(case.complaint.pk)).count() >= audit_count

    legal_hold_lift(hold=hold, reason="Claim settled", by=case.coordinator)
    assert _purge(case, timezone.now() + relativedelta(years=20))["closed_complaints"] == 1


def test_written_notes_go_sooner_when_the_district_says_so_and_the_timeline_stays(case):
    _closed(case)
    retention_months_set(district=case.school.district, months={"messages": 12}, by=case.coordinator)
    counts = _purge(case, timezone.now() + relativedelta(months=13))
    assert counts["messages"] >= 1 and counts["closed_complaints"] == 0
    notes = Message.objects.filter(complaint=case.complaint, kind=MessageKind.NOTE)
    assert not notes.exclude(body="").exists()
    assert Message.objects.filter(complaint=case.complaint).exclude(kind=MessageKind.NOTE).exists()


def test_mail_keeps_its_delivery_record_but_loses_its_contents_after_a_year_and_unsent_mail_is_kept(case):
    district = case.school.district
    sent = OutboundEmail.objects.create(
        key="a",
        template="receipt",
        to_email="fam@example.org",
        district=district,
        status=OutboundStatus.SENT,
        context={"pin": "1234"},
    )
    waiting = OutboundEmail.objects.create(
        key="b",
        template="receipt",
        to_email="fam@example.org",
        district=district,
        status=OutboundStatus.RETRYING,
        context={"pin": "5678"},
    )
    assert _purge(case, timezone.now() + relativedelta(months=13))["mail_bodies"] == 1
    sent.refresh_from_db(), waiting.refresh_from_db()
    assert sent.context == {} and sent.status == OutboundStatus.SENT and sent.to_email
    assert waiting.context == {"pin": "5678"}


def test_survey_invitations_lose_their_addresses_a_year_after_the_survey_closed_and_still_count(case):
    today = timezone.localdate()
    survey = build_survey(case.school.district, [case.school])
    survey.closes_on = today
    survey.save(update_fields=["closes_on"])
    invitation(survey, case.school)
    assert _purge(case, timezone.now() + relativedelta(months=6))["survey_invitations"] == 0
    assert _purge(case, timezone.now() + relativedelta(months=13))["survey_invitations"] == 1
    assert Invitation.objects.filter(survey=survey, email="").count() == 1


def test_audit_entries_go_after_seven_years_while_anyone_else_still_cannot_delete_one(case):
    audit_record(actor=case.coordinator, kind=AuditKind.CASE_VIEWED, obj=case.complaint)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
    assert _purge(case, timezone.now() + relativedelta(years=6))["audit_events"] == 0
    assert _purge(case, timezone.now() + relativedelta(years=8))["audit_events"] >= 1
    assert not AuditEvent.objects.filter(kind=AuditKind.CASE_VIEWED).exists()
    assert AuditEvent.objects.filter(kind=AuditKind.RETENTION_PURGED).exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")


def test_the_worker_runs_the_purge_on_its_own_schedule(settings):
    assert settings.PERIODIC_TASKS["workflows.retention.tasks.retention_purge_task"] == 86400


# ---- the coordinator's page ---------------------------------------------------------------


def _page(case):
    return reverse("staff:retention:district", args=[case.school.district.pk])


def test_the_coordinator_shortens_a_period_and_the_change_is_audited(client, case):
    client.force_login(case.coordinator)
    page = client.get(_page(case))
    assert page.status_code == 200 and page.context["form"]["mail_bodies"].value() == 12
    data = {name: page.context["form"][name].value() for name in page.context["form"].fields} | {"mail_bodies": 6}
    assert client.post(_page(case), data).status_code == 302
    event = AuditEvent.objects.get(kind=AuditKind.RETENTION_CHANGED)
    assert event.changes == {"mail_bodies": [12, 6]}


def test_a_period_of_zero_is_refused_next_to_its_field_in_spanish(client, case):
    client.force_login(case.coordinator)
    page = client.get(_page(case))
    data = {name: page.context["form"][name].value() for name in page.context["form"].fields} | {"messages": 0}
    response = client.post(_page(case), data, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "mayor o igual a 1" in response.context["form"].errors["messages"][0]
    assert not AuditEvent.objects.filter(kind=AuditKind.RETENTION_CHANGED).exists()


def test_the_coordinator_places_a_hold_by_tracking_code_and_lifts_it_with_a_reason(client, case):
    client.force_login(case.coordinator)
    response = client.post(_page(case), {"tracking_code": "NO-SUCH", "reason": "Claim"})
    assert response.status_code == 400
    assert response.context["hold_form"].errors["tracking_code"]
    response = client.post(_page(case), {"tracking_code": case.complaint.tracking_code.lower(), "reason": "Claim"})
    assert response.status_code == 302
    hold = case.complaint.legal_holds.get()
    assert case.complaint.tracking_code in client.get(_page(case)).content.decode()
    lift = reverse("staff:retention:lift", args=[hold.pk])
    assert client.post(lift, {"reason": ""}).status_code == 400
    assert client.post(lift, {"reason": "Settled"}).status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_at and hold.lift_reason == "Settled"
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {AuditKind.LEGAL_HOLD_PLACED, AuditKind.LEGAL_HOLD_LIFTED, AuditKind.RETENTION_VIEWED} <= kinds


def test_another_districts_coordinator_and_a_principal_get_not_found(client, case):
    hold = legal_hold_place(complaint=case.complaint, reason="Claim", by=case.coordinator)
    for person in (member("coordinator"), case.principal):
        client.force_login(person)
        assert client.get(_page(case)).status_code == 404
        assert client.post(reverse("staff:retention:lift", args=[hold.pk]), {"reason": "x"}).status_code == 404
