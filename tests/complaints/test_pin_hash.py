"""The PIN is stored as a keyed hash: fast to file, useless without the server's key."""

import re
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Complaint
from complaints.services.codes import pin_hash_check, pin_hash_make
from tests.complaints.helpers import file_complaint, school_with_officer
from tests.factories import TEST_PIN, ComplaintFactory

pytestmark = pytest.mark.django_db


def _unlock(client, complaint, pin=TEST_PIN):
    return client.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": pin})


def test_a_filed_complaint_keeps_its_pin_only_as_a_keyed_hash(client):
    school, _ = school_with_officer()
    receipt = client.get(file_complaint(client, school, contact={"contact_preference": "none"}).url)
    pin = re.search(r'id="tracking-pin">(\d{6})<', receipt.content.decode()).group(1)
    stored = Complaint.objects.get().pin_hash
    algorithm, _salt, digest = stored.split("$")
    assert algorithm == "hmac_sha256" and len(digest) == 64 and pin not in stored
    assert pin_hash_check(pin, stored) == (True, False)


def test_hashing_a_pin_costs_well_under_a_millisecond():
    started = time.process_time()
    for _ in range(200):
        pin_hash_check(TEST_PIN, pin_hash_make(TEST_PIN))
    assert time.process_time() - started < 0.5  # PBKDF2 with 1,000,000 iterations took ~0.5 s for ONE


def test_the_hash_is_useless_without_the_server_key(settings):
    stored = pin_hash_make(TEST_PIN)
    assert pin_hash_check(TEST_PIN, stored) == (True, False)
    settings.SECRET_KEY = "another-server-" * 4
    settings.SECRET_KEY_FALLBACKS = []
    assert pin_hash_check(TEST_PIN, stored) == (False, False)


def test_a_rotated_secret_key_kept_as_a_fallback_still_opens_and_upgrades(client, settings):
    complaint = ComplaintFactory(pin_hash=pin_hash_make(TEST_PIN))
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-secret-key-" * 4
    assert _unlock(client, complaint).status_code == 302
    complaint.refresh_from_db()
    assert pin_hash_check(TEST_PIN, complaint.pin_hash) == (True, False)


def test_a_pin_hash_key_setting_is_used_when_set_and_can_be_rotated(settings):
    settings.PIN_HASH_KEY = "a-separate-pin-key-" * 3
    stored = pin_hash_make(TEST_PIN)
    settings.PIN_HASH_KEY = ""
    assert pin_hash_check(TEST_PIN, stored)[0] is False
    settings.PIN_HASH_KEY, settings.PIN_HASH_KEY_FALLBACKS = "the-next-pin-key-" * 3, ["a-separate-pin-key-" * 3]
    assert pin_hash_check(TEST_PIN, stored) == (True, True)  # opens, and asks to be re-hashed under the new key


def test_a_complaint_filed_with_the_old_slow_hash_still_opens_and_is_upgraded(client):
    old = PBKDF2PasswordHasher().encode(TEST_PIN, "oldsalt1234", iterations=1000)
    complaint = ComplaintFactory(pin_hash=old)
    assert _unlock(client, complaint, pin="000000").status_code == 200
    assert Complaint.objects.get(pk=complaint.pk).pin_hash == old
    assert _unlock(client.__class__(), complaint).status_code == 302
    complaint.refresh_from_db()
    assert complaint.pin_hash.startswith("hmac_sha256$")
    assert _unlock(client.__class__(), complaint).status_code == 302


def test_opening_a_complaint_takes_no_row_lock_on_it(client):
    complaint = ComplaintFactory(pin_hash=pin_hash_make(TEST_PIN))
    with CaptureQueriesContext(connection) as queries:
        assert _unlock(client, complaint).status_code == 302
    assert not [q["sql"] for q in queries if "FOR UPDATE" in q["sql"] and "complaints_complaint" in q["sql"]]
