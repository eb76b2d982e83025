"""On a site without the demo: the demo commands refuse to run outside demo mode or before the demo district
exists, and the deployment check still finds a real account set up with the demo's public authenticator secret.

(The tests that read the seeded demo share one, in tests/demo/; these need a database without it.)"""

from io import StringIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.checks import run_checks
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_TOTP_SECRET
from accounts.models import User
from surveys.models import Survey
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _check_ids(**kwargs):
    return {message.id for message in run_checks(**kwargs)}


def test_seed_demo_refuses_to_run_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.parametrize("command", ["seed_demo_cases", "seed_demo_casework"])
def test_the_demo_complaints_need_the_demo_district_and_demo_mode(command, settings):
    settings.DEMO_MODE = True
    with pytest.raises(CommandError, match="seed_demo"):
        call_command(command, stdout=StringIO())
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command(command, stdout=StringIO())


def test_a_real_account_whose_authenticator_uses_the_demo_secret_is_reported(settings):
    settings.DEBUG = False
    TOTP.activate(UserFactory(email="head@district.example.org"), DEMO_TOTP_SECRET)
    assert _check_ids(databases=["default"]) & {"accounts.E001", "accounts.E002"} == {"accounts.E002"}


def test_the_survey_demo_refuses_to_run_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("seed_demo_surveys", stdout=StringIO())
    assert not Survey.objects.exists()
