"""Unfinished drafts expire (14 days, or when the survey closes) and the
worker purges them."""

import datetime

from django.conf import settings
from django.utils import timezone

from surveys.models import InvitationStatus, ResponseDraft, Source
from surveys.services.taking import StartTicket, draft_expires_at, draft_start
from surveys.tasks import survey_drafts_purge
from tests.surveys.builders import build_survey
from tests.surveys.taking import invitation


def _draft(survey, school):
    draft, _code = draft_start(ticket=StartTicket(survey=survey, source=Source.LINK, school=school), language="en")
    return draft


def test_a_draft_lives_fourteen_days_or_until_its_survey_closes(world):
    now = timezone.now()
    far = build_survey(world.a, [world.a_school], closes_on=timezone.localdate() + datetime.timedelta(days=60))
    assert draft_expires_at(far, now=now) == now + datetime.timedelta(days=14)
    soon = build_survey(world.a, [world.a_school], closes_on=timezone.localdate() + datetime.timedelta(days=2))
    expires = timezone.localtime(draft_expires_at(soon, now=now))
    assert expires.date() == timezone.localdate() + datetime.timedelta(days=3) and expires.hour == 0


def test_the_purge_deletes_expired_drafts_and_drafts_of_closed_surveys_and_keeps_the_rest(climate, world):
    kept = _draft(climate, world.a_school)
    expired = _draft(climate, world.a_school)
    ResponseDraft.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    closing = build_survey(world.a, [world.a_school])
    of_closed = _draft(closing, world.a_school)
    type(closing).objects.filter(pk=closing.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))

    assert survey_drafts_purge.call() == 2
    assert list(ResponseDraft.objects.values_list("pk", flat=True)) == [kept.pk]
    assert of_closed.pk not in ResponseDraft.objects.values_list("pk", flat=True)
    assert survey_drafts_purge.call() == 0  # safe to run twice


def test_an_invitation_whose_draft_expired_stays_started_and_can_start_again(client, climate, world):
    inv, code = invitation(climate, world.a_school)
    draft_start(ticket=StartTicket(survey=climate, source=Source.INVITATION, invitation=inv), language="en")
    ResponseDraft.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    survey_drafts_purge.call()
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.STARTED
    draft_start(ticket=StartTicket(survey=climate, source=Source.INVITATION, invitation=inv), language="en")
    assert ResponseDraft.objects.filter(invitation=inv).count() == 1


def test_the_worker_purges_drafts_hourly():
    assert settings.PERIODIC_TASKS["surveys.tasks.survey_drafts_purge"] == 3600
