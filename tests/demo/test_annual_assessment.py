"""`seed_demo` adds last year's assessment, published with a dissent, and this year's in
progress; running it again makes nothing twice, and `purge_demo` takes them away."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_DISTRICT_SLUG
from accounts.models import District
from assessment.models import AnnualProcess, Criterion, Goal, Release, Stage, WorkPlanTask

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_a_published_assessment_and_one_in_progress(demo_seeded, settings):
    settings.DEMO_MODE = True
    call_command("seed_demo_assessment", stdout=StringIO())  # again: nothing twice
    stages = sorted(AnnualProcess.objects.values_list("stage", flat=True))
    assert stages == sorted([Stage.PUBLISHED, Stage.SCORING])
    published = AnnualProcess.objects.get(stage=Stage.PUBLISHED)
    assert [s["agrees"] for s in published.summary["sign_offs"]] == [False]
    assert Release.objects.filter(pk=published.release_id).exists()


def test_purge_demo_removes_the_demo_assessments(demo_seeded):
    call_command("purge_demo", "--yes", stdout=StringIO())
    assert not AnnualProcess.objects.exists() and not Release.objects.exists()
    assert not (Criterion.objects.exists() or Goal.objects.exists() or WorkPlanTask.objects.exists())
    assert not District.objects.filter(slug=DEMO_DISTRICT_SLUG).exists()
