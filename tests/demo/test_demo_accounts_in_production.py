"""Demo accounts have a public password and one public authenticator secret:
with DEBUG off the system checks refuse them, and `manage.py purge_demo`
removes them together with the demo district."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError

from accounts.demo import DEMO_TOTP_SECRET
from accounts.models import District, Membership, Officer, Role, School, User
from complaints.models import Attachment, Complaint
from tests.factories import AttachmentFactory, ComplaintFactory, UserFactory, member
from workflows.review.services import open_task
from workflows.review.start import review_start


@pytest.fixture
def demo(demo_seeded, db, settings):
    settings.DEMO_MODE = False
    settings.DEBUG = False


def _check_ids(**kwargs):
    return {message.id for message in run_checks(**kwargs)}


def test_check_deploy_fails_while_demo_accounts_exist_with_debug_off(demo):
    with pytest.raises(SystemCheckError, match="accounts.E001"):
        call_command("check", "--deploy", stdout=StringIO(), stderr=StringIO())


def test_migrate_and_check_on_a_named_database_report_demo_accounts_and_the_demo_secret(demo):
    assert {"accounts.E001", "accounts.E002"} <= _check_ids(databases=["default"])


def test_demo_accounts_are_fine_on_a_debug_demo_site(demo, settings):
    settings.DEBUG = True
    assert not {"accounts.E001", "accounts.E002"} & _check_ids(databases=["default"], include_deployment_checks=True)


def test_purge_demo_without_yes_lists_what_would_go_and_deletes_nothing(demo):
    out = StringIO()
    with pytest.raises(CommandError, match="--yes"):
        call_command("purge_demo", stdout=out)
    assert "Demo accounts (@demo.commonground.test, public password): 12" in out.getvalue()
    assert District.objects.filter(slug="riverside").exists()
    assert User.objects.count() == 12


def test_purge_demo_removes_demo_accounts_district_and_complaints_but_nothing_else(
    demo, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    demo_complaint = ComplaintFactory(school=School.objects.get(slug="lincoln-high"))
    upload = AttachmentFactory(complaint=demo_complaint)
    review_start(demo_complaint)
    real_coordinator = member(Role.COORDINATOR, district=world.a)
    real_complaint = ComplaintFactory(school=world.a_school)
    review_start(real_complaint)
    # A demo account holding a real district's task hands it back, not deletes it.
    task = open_task(real_complaint, "triage")
    task.owner = User.objects.get(email="coordinator@demo.commonground.test")
    task.status = "ASSIGNED"
    task.save()
    copied = UserFactory(email="copied-the-readme@district.example.org")
    TOTP.activate(copied, DEMO_TOTP_SECRET)
    RecoveryCodes.activate(copied)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_demo", "--yes", stdout=StringIO())

    assert not User.objects.filter(email__endswith="@demo.commonground.test").exists()
    assert not District.objects.filter(slug="riverside").exists()
    assert not Complaint.objects.filter(pk=demo_complaint.pk).exists()
    assert not Attachment.objects.exists()
    assert not (tmp_path / upload.file.name).exists()
    # Their app and recovery codes are gone: the next staff page asks them to set up a new app.
    assert not Authenticator.objects.filter(user=copied).exists()
    assert User.objects.filter(pk=copied.pk).exists()
    assert not Officer.objects.filter(agency__district__slug="riverside").exists()
    # The real district is untouched, and its task waits in the queue again.
    assert Complaint.objects.filter(pk=real_complaint.pk).exists()
    assert Membership.objects.filter(user=real_coordinator).exists()
    assert District.objects.filter(pk=world.a.pk).exists()
    task.refresh_from_db()
    assert (task.owner, task.status) == (None, "NEW")
    assert not {"accounts.E001", "accounts.E002"} & _check_ids(databases=["default"], include_deployment_checks=True)


def test_purge_demo_twice_changes_nothing_the_second_time(demo):
    call_command("purge_demo", "--yes", stdout=StringIO())
    out = StringIO()
    call_command("purge_demo", "--yes", stdout=out)
    assert out.getvalue().strip() == "No demo data found."
