"""The delivery page with late and failed mail, in Chromium: accessible (axe), and Send again works."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from notifications.models import OutboundEmail, OutboundStatus
from tests.browser.conftest import assert_accessible
from tests.factories import DistrictFactory, member

pytestmark = pytest.mark.browser


def _late(district, status, to):
    outbound = OutboundEmail.objects.create(
        key=f"k-{to}", template="outcome_ready", to_email=to, status=status, district=district, attempts=4
    )
    OutboundEmail.objects.filter(pk=outbound.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    return outbound


def test_a_coordinator_sends_failed_mail_again_from_an_accessible_page(page, sign_in_staff):
    district = DistrictFactory()
    failed = _late(district, OutboundStatus.FAILED, "gone@example.org")
    _late(district, OutboundStatus.RETRYING, "waiting@example.org")
    _late(district, OutboundStatus.UNKNOWN, "unconfirmed@example.org")
    sign_in_staff(member(Role.COORDINATOR, district=district, mfa=True))
    page.goto("/staff/delivery/")
    assert "Waiting to try again" in page.content() and "Every mail was sent." not in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Send again to gone@example.org").click()
    assert "The mail to gone@example.org will be sent again." in page.content()
    assert_accessible(page)
    failed.refresh_from_db()
    assert failed.status == OutboundStatus.QUEUED
