"""The partner feedback and post-session pages keep a fixed number of queries however many answered."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from feedback.services.partner import partner_round_open
from surveys.models import Invitation
from surveys.services.responses import response_store
from tests.factories import member
from tests.surveys.builders import questions_by_code

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _sro_answers(partner_round, emails):
    survey = partner_round.sro_survey
    qs = questions_by_code(survey)
    for email in emails:
        invitation = Invitation.objects.get(survey=survey, email=email)
        answers = {qs["training-rating"].pk: "agree", qs["training-comment"].pk: "ok", qs["concern"].pk: "A worry"}
        response_store(survey=survey, answers=answers, source="invitation", language="en", invitation=invitation)


def test_the_round_and_concern_pages_do_not_grow_with_answers(client, world):
    sros = [member(Role.SRO, agency=world.a_agency) for _ in range(4)]
    coordinator = member(Role.COORDINATOR, district=world.a)
    today = timezone.localdate()
    partner_round = partner_round_open(
        district=world.a, label="Fall", opens_on=today, closes_on=today + dt.timedelta(days=9), actor=coordinator
    )
    client.force_login(coordinator)
    round_url = reverse("staff:partner:round", args=[partner_round.pk])
    concerns_url = reverse("staff:partner:concerns", args=[partner_round.pk])
    _sro_answers(partner_round, [sros[0].email])
    one = (_queries(client, round_url), _queries(client, concerns_url))
    _sro_answers(partner_round, [sro.email for sro in sros[1:]])
    four = (_queries(client, round_url), _queries(client, concerns_url))
    assert four == one


def test_the_round_list_does_not_grow_with_rounds(client, world):
    coordinator = member(Role.COORDINATOR, district=world.a)
    today = timezone.localdate()
    client.force_login(coordinator)

    def open_round(label):
        partner_round_open(
            district=world.a, label=label, opens_on=today, closes_on=today + dt.timedelta(days=9), actor=coordinator
        )

    open_round("Fall")
    one = _queries(client, reverse("staff:partner:index"))
    for label in ("Spring", "Summer", "Winter"):
        open_round(label)
    assert _queries(client, reverse("staff:partner:index")) == one
