"""The monthly review of a school's SRO records, driven to its end: opened by the worker, certified by every
rostered SRO, reviewed by the school (a resolution for every flag, or sent back), accepted, locked and mailed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from activity.models import FlagResolution
from activity.services.locks import month_is_locked
from core.models import AuditEvent, AuditKind
from notifications.models import OutboundEmail
from notifications.rendering import render_email
from tests.factories import RosterAssignmentFactory, SchoolFactory
from tests.workflows.monthly_world import NOVEMBER_DAY, OCTOBER, MonthlyWorld
from workflows.calendar import add_school_days
from workflows.models import TaskDue
from workflows.monthly import opening, services
from workflows.monthly.models import MonthlyReview
from workflows.monthly.selectors import flagged_events, open_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def monthly(db):
    return MonthlyWorld()


def _open_step(review) -> str:
    return open_tasks(review).get().flow_task.name


def _certify_all(world, review):
    for user in (world.sro, world.sro2):
        services.monthly_certify(task=open_tasks(review).get(), user=user)


def test_the_worker_opens_last_months_review_once_for_each_school_with_a_rostered_sro(monthly):
    SchoolFactory(district=monthly.district)  # no SRO rostered: no review
    assert opening.monthly_reviews_open(today=NOVEMBER_DAY) == 1
    assert opening.monthly_reviews_open(today=NOVEMBER_DAY) == 0
    review = MonthlyReview.objects.get()
    assert (review.school, review.month, review.ends_on) == (monthly.school, OCTOBER, dt.date(2026, 10, 31))
    assert _open_step(review) == "certify"
    assert AuditEvent.objects.filter(kind=AuditKind.MONTHLY_OPENED).count() == 1


def test_an_sro_whose_roster_ended_before_the_month_gets_no_review(monthly):
    school = SchoolFactory(district=monthly.district)
    RosterAssignmentFactory(school=school, officer__agency=monthly.agency, ends_on=dt.date(2026, 9, 30))
    opening.monthly_reviews_open(today=NOVEMBER_DAY)
    assert not MonthlyReview.objects.filter(school=school).exists()


def test_the_month_moves_to_the_school_only_when_every_rostered_sro_certified(monthly):
    review = monthly.open_october()
    assert services.monthly_certify(task=open_tasks(review).get(), user=monthly.sro) is False
    assert _open_step(review) == "certify"
    assert services.monthly_certify(task=open_tasks(review).get(), user=monthly.sro2) is True
    assert _open_step(review) == "school_review"


def test_nobody_but_a_rostered_sro_certifies(monthly):
    review = monthly.open_october()
    for user in (monthly.principal, monthly.coordinator, monthly.reviewer):
        with pytest.raises(PermissionDenied):
            services.monthly_certify(task=open_tasks(review).get(), user=user)


def test_a_month_with_no_records_is_certified_accepted_locked_and_mailed_as_empty(monthly):
    review = monthly.open_october()
    _certify_all(monthly, review)
    services.monthly_school_review(task=open_tasks(review).get(), user=monthly.principal, comments="", resolutions={})
    services.monthly_accept(task=open_tasks(review).get(), user=monthly.coordinator)
    review.refresh_from_db()
    assert review.finished is not None and review.status == STATUS.DONE
    assert month_is_locked(school_id=monthly.school.pk, day=dt.date(2026, 10, 15))
    mail = OutboundEmail.objects.get(template="monthly_summary", to_email="principal@example.org")
    assert mail.context["officers"] == []


def test_the_flow_ends_locked_with_every_flag_resolved_and_the_summary_mailed_to_school_district_and_agency(monthly):
    citation = monthly.flagged_citation()
    monthly.call()
    monthly.call(officer=monthly.officer2)
    monthly.outreach(minutes=45)
    review = monthly.open_october()
    _certify_all(monthly, review)
    services.monthly_school_review(
        task=open_tasks(review).get(),
        user=monthly.principal,
        comments="Talked with the SRO about item 7.",
        resolutions={(citation.pk, "public_order_without_threat"): "Citation withdrawn; SRO retrained."},
    )
    assert _open_step(review) == "accept"
    services.monthly_accept(task=open_tasks(review).get(), user=monthly.coordinator)

    assert month_is_locked(school_id=monthly.school.pk, day=dt.date(2026, 10, 1))
    resolution = FlagResolution.objects.get()
    assert (resolution.event, resolution.code, resolution.resolved_by) == (
        citation,
        "public_order_without_threat",
        monthly.principal,
    )
    recipients = set(OutboundEmail.objects.filter(template="monthly_summary").values_list("to_email", flat=True))
    assert recipients == {"principal@example.org", "coord@example.org", "reviewer@example.org", "chief@example.org"}
    context = OutboundEmail.objects.get(template="monthly_summary", to_email="coord@example.org").context
    first = next(o for o in context["officers"] if o["name"] == monthly.officer.full_name)
    assert first["events"] == 2
    assert sorted(first["types"]) == [["Call for service", 1], ["Citation, ticket or summons", 1]]
    assert first["offences"] == [["Loitering or trespass", 1]]
    assert first["outreach"] == [["Presentation", 1, 45]]
    assert "15" not in str(context)  # the student's age stays out of the summary
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {AuditKind.MONTHLY_CERTIFIED, AuditKind.FLAG_RESOLVED, AuditKind.MONTHLY_ACCEPTED} <= kinds


def test_the_summary_mail_shows_each_officers_counts_in_html_and_text(monthly):
    monthly.flagged_citation()
    monthly.outreach(officer=monthly.officer2, minutes=20)
    review = monthly.open_october()
    _certify_all(monthly, review)
    citation = flagged_events(review)[0].pk
    services.monthly_school_review(
        task=open_tasks(review).get(),
        user=monthly.principal,
        comments="",
        resolutions={(citation, "public_order_without_threat"): "Withdrawn."},
    )
    services.monthly_accept(task=open_tasks(review).get(), user=monthly.coordinator)
    subject, text, html = render_email(
        OutboundEmail.objects.get(template="monthly_summary", to_email="chief@example.org")
    )
    assert subject == "SRO activity at Lincoln High, October 2026: accepted"
    assert monthly.officer.full_name in html and "Officer Two" in html
    assert "<caption" in html and 'scope="col"' in html
    assert "- Citation, ticket or summons: 1" in text and "- Presentation: 1 (20 minutes)" in text
    assert f"/staff/monthly/{review.pk}/" in text


def test_the_summary_mail_is_in_each_recipients_language(monthly):
    monthly.call()
    monthly.principal.preferred_language = "es"
    monthly.principal.save()
    review = monthly.open_october()
    _certify_all(monthly, review)
    services.monthly_school_review(task=open_tasks(review).get(), user=monthly.principal, comments="", resolutions={})
    services.monthly_accept(task=open_tasks(review).get(), user=monthly.coordinator)
    spanish = OutboundEmail.objects.get(template="monthly_summary", to_email="principal@example.org")
    assert spanish.context["officers"][0]["types"] == [["Llamada de servicio", 1]]


def test_a_month_sent_back_is_certified_again_and_then_accepted(monthly):
    citation = monthly.flagged_citation()
    review = monthly.open_october()
    _certify_all(monthly, review)
    services.monthly_school_review(
        task=open_tasks(review).get(),
        user=monthly.principal,
        comments="",
        resolutions={},
        send_back_reason="The citation on 7 October has the wrong offence.",
    )
    review.refresh_from_db()
    assert (_open_step(review), review.round, review.sent_back) == ("certify", 2, True)
    assert review.sent_back_reason.startswith("The citation")
    citation.offence = None  # the SRO corrects the record: no public order offence, no flag
    citation.save()
    _certify_all(monthly, review)
    services.monthly_school_review(task=open_tasks(review).get(), user=monthly.principal, comments="", resolutions={})
    services.monthly_accept(task=open_tasks(review).get(), user=monthly.coordinator)
    review.refresh_from_db()
    assert review.status == STATUS.DONE and not review.sent_back
    assert review.certifications.filter(round=2).count() == 2
    assert AuditEvent.objects.filter(kind=AuditKind.MONTHLY_SENT_BACK).count() == 1


def test_the_school_cannot_pass_on_a_month_with_a_flag_left_unresolved(monthly):
    citation = monthly.flagged_citation()
    review = monthly.open_october()
    _certify_all(monthly, review)
    with pytest.raises(ValidationError) as refused:
        services.monthly_school_review(
            task=open_tasks(review).get(), user=monthly.principal, comments="", resolutions={}
        )
    assert f"resolution_{citation.pk}_public_order_without_threat" in refused.value.message_dict
    assert _open_step(review) == "school_review"


def test_the_coordinator_cannot_accept_a_flag_raised_after_the_schools_review(monthly):
    review = monthly.open_october()
    _certify_all(monthly, review)
    services.monthly_school_review(task=open_tasks(review).get(), user=monthly.principal, comments="", resolutions={})
    monthly.flagged_citation()  # logged late, before the month was locked
    with pytest.raises(ValidationError):
        services.monthly_accept(task=open_tasks(review).get(), user=monthly.coordinator)
    services.monthly_accept(task=open_tasks(review).get(), user=monthly.coordinator, send_back_reason="New citation")
    assert _open_step(review) == "certify"


def test_an_overdue_step_escalates_to_the_coordinators_and_stays_open(monthly):
    review = monthly.open_october()
    certify = open_tasks(review).get()
    due = TaskDue.objects.get(task=certify)
    assert timezone.localtime(due.due_at).date() == add_school_days(monthly.district, timezone.localdate(), 5)
    Task.objects.filter(process=review, flow_task_type="TIMER").update(
        scheduled=timezone.now() - dt.timedelta(seconds=1)
    )
    fire_due_timers()
    assert TaskDue.objects.get(task=certify).escalated_at is not None
    assert _open_step(review) == "certify"
    overdue = OutboundEmail.objects.get(template="monthly_overdue")
    assert overdue.to_email == "coord@example.org"
    assert overdue.context["step"] == "SRO certifies the month"
