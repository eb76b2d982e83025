"""`seed_demo` adds a police-only staff file and the early warnings the demo outcomes raise; running it again adds
nothing; `purge_demo` removes them with the demo district."""

import io

import pytest
from django.core.management import call_command

from complaints.models import Attachment, Audience
from workflows.models import EarlyWarning, EarlyWarningPolicy

pytestmark = pytest.mark.django_db


def test_the_demo_has_staff_files_and_early_warnings_once_and_purge_removes_them(demo_seeded, settings):
    settings.DEMO_MODE = True
    staff_file = Attachment.objects.get(from_complainant=False)
    assert staff_file.audience == Audience.POLICE and staff_file.uploaded_by is not None
    warnings = EarlyWarning.objects.count()
    assert warnings >= 1 and EarlyWarningPolicy.objects.count() == 1
    assert "early warnings" in demo_seeded
    call_command("seed_demo", stdout=io.StringIO())
    assert Attachment.objects.filter(from_complainant=False).count() == 1
    assert EarlyWarning.objects.count() == warnings
    call_command("purge_demo", "--yes", stdout=io.StringIO())
    assert not Attachment.objects.exists() and not EarlyWarning.objects.exists()
    assert not EarlyWarningPolicy.objects.exists()
