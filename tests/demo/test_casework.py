"""`manage.py seed_demo_casework` adds staff intake, related and duplicate
complaints, a withdrawal and a reopening to the demo district."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role, User
from complaints.models import Complaint, ComplaintLink, PublicStatus, ReceivedVia
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo_seeded, settings):
    settings.DEMO_MODE = True
    out = io.StringIO()
    call_command("seed_demo_casework", stdout=out)
    return out.getvalue()


def test_the_demo_shows_every_kind_of_casework(seeded, client):
    recorded = Complaint.objects.filter(recorded_by__isnull=False)
    assert set(recorded.values_list("received_via", flat=True)) == {
        ReceivedVia.PHONE,
        ReceivedVia.LETTER,
        ReceivedVia.EMAIL,
    }
    assert recorded.filter(contact_preference="none").exists()
    assert ComplaintLink.objects.filter(kind="duplicate").count() == 1
    assert ComplaintLink.objects.filter(kind="related").count() == 1
    assert Complaint.objects.filter(public_status=PublicStatus.WITHDRAWN).count() == 1
    assert AuditEvent.objects.filter(kind="complaint_reopened").count() == 1
    held = Complaint.objects.filter(legal_holds__isnull=False, legal_holds__lifted_at__isnull=True)
    assert held.count() == 1 and held.get().public_status == PublicStatus.CLOSED  # kept from the retention purge
    coordinator = User.objects.get(memberships__role=Role.COORDINATOR, memberships__district__slug="riverside")
    client.force_login(coordinator)
    page = client.get(reverse("staff:reviews:cases"), {"received_via": "phone"})
    assert [c.received_via for c in page.context["page"].object_list] == ["phone"]
    duplicate = ComplaintLink.objects.get(kind="duplicate")
    case = client.get(reverse("staff:reviews:case", args=[duplicate.other_id])).content.decode()
    assert duplicate.complaint.tracking_code in case


def test_running_it_again_adds_nothing(seeded):
    before = (Complaint.objects.count(), ComplaintLink.objects.count(), AuditEvent.objects.count())
    out = io.StringIO()
    call_command("seed_demo_casework", stdout=out)
    assert "already there" in out.getvalue()
    assert (Complaint.objects.count(), ComplaintLink.objects.count(), AuditEvent.objects.count()) == before


def test_purging_the_demo_removes_the_casework_too(seeded, settings):
    call_command("purge_demo_cases", stdout=io.StringIO())
    assert not Complaint.objects.filter(recorded_by__isnull=False).exists()
    assert not ComplaintLink.objects.exists()
