"""Wrong PINs: the lockout is per tracking code and client, and every failure
answers the same."""

import re

import pytest

from tests.factories import TEST_PIN, ComplaintFactory

pytestmark = pytest.mark.django_db

STRANGER = "203.0.113.9"
FAMILY = "198.51.100.7"


def _unlock(client, code, pin, ip=STRANGER):
    return client.post("/complaints/track/", {"tracking_code": code, "pin": pin}, REMOTE_ADDR=ip)


def _refusal(response) -> tuple[int, str]:
    """What the person sees: the status and the error box's text."""
    box = re.search(r'<div class="form-errors".*?</div>', response.content.decode(), re.S)
    return response.status_code, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", box.group(0))).strip()


def test_a_stranger_who_locks_a_code_does_not_lock_out_the_family(client):
    complaint = ComplaintFactory()
    for _ in range(4):
        _unlock(client, complaint.tracking_code, "000000", ip=FAMILY)  # the family mistypes too
    for _ in range(5):
        _unlock(client, complaint.tracking_code, "000000")
    assert _unlock(client, complaint.tracking_code, TEST_PIN).status_code == 200  # the stranger waits
    family = client.__class__()
    assert _unlock(family, complaint.tracking_code, TEST_PIN, ip=FAMILY).status_code == 302


def test_after_the_lock_period_the_same_client_may_try_again_without_a_captcha(client):
    complaint = ComplaintFactory()
    for _ in range(5):
        _unlock(client, complaint.tracking_code, "000000")
    assert _unlock(client, complaint.tracking_code, TEST_PIN).status_code == 200
    from complaints.models import TrackingLockout

    TrackingLockout.objects.update(locked_until="2000-01-01T00:00Z")  # the 30 minutes have passed
    assert _unlock(client, complaint.tracking_code, TEST_PIN).status_code == 302


def test_an_unknown_code_a_wrong_pin_and_a_locked_code_all_answer_the_same(client):
    complaint = ComplaintFactory()
    unknown = _refusal(_unlock(client, "CG-ZZZZ-ZZZZ", "123456"))
    wrong = _refusal(_unlock(client, complaint.tracking_code, "000000"))
    for _ in range(4):
        _unlock(client, complaint.tracking_code, "000000")
    locked = _refusal(_unlock(client, complaint.tracking_code, TEST_PIN))
    assert unknown == wrong == locked
    assert "That tracking code and PIN do not match." in locked[1]
    assert "wait 30 minutes" in locked[1] or "waits 30 minutes" in locked[1]


def test_an_unknown_code_is_locked_like_a_real_one(client):
    """Otherwise a sixth try would tell a real code from an invented one."""
    from complaints.models import TrackingLockout

    for _ in range(5):
        _unlock(client, "CG-ZZZZ-ZZZZ", "000000")
    assert TrackingLockout.objects.filter(locked_until__isnull=False).count() == 1


def test_the_lockout_stores_neither_the_address_nor_the_code(client):
    complaint = ComplaintFactory()
    from complaints.models import TrackingLockout

    _unlock(client, complaint.tracking_code, "000000")
    stored = str(list(TrackingLockout.objects.values()))
    assert STRANGER not in stored and complaint.tracking_code not in stored


def test_a_guesser_cannot_dodge_the_lockout_by_moving_through_their_ipv6_network(client):
    complaint = ComplaintFactory()
    for n in range(5):  # one phone or home router hands out many addresses from one /64
        _unlock(client, complaint.tracking_code, "000000", ip=f"2001:db8:1:2::{n + 1:x}")
    assert _unlock(client, complaint.tracking_code, TEST_PIN, ip="2001:db8:1:2::99").status_code == 200
    elsewhere = client.__class__()
    assert _unlock(elsewhere, complaint.tracking_code, TEST_PIN, ip="2001:db8:9:9::1").status_code == 302
