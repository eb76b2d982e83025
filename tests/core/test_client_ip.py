"""The client address behind our reverse proxies (TRUSTED_PROXY_COUNT): rate
limits count each visitor, not the proxy, and a forged X-Forwarded-For gets
nobody past them."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from core.clientip import client_ip
from tests.factories import TEST_PASSWORD, UserFactory

PROXY = "10.0.0.1"


def _request(xff=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


def _via_proxy(client_address: str, forged: str = "") -> dict:
    """What our one proxy passes on: the client's own header plus the address it saw."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{forged}, {client_address}" if forged else client_address}


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.9")) == PROXY


def test_operators_are_warned_once_when_a_proxy_forwards_addresses_nobody_trusts(settings, caplog):
    from core.clientip import _warn_once_about_proxy

    settings.TRUSTED_PROXY_COUNT = 0
    _warn_once_about_proxy.cache_clear()
    for _ in range(3):
        client_ip(_request("198.51.100.9"))
    warnings = [r for r in caplog.records if "TRUSTED_PROXY_COUNT" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelname == "WARNING"


def test_behind_one_proxy_the_rightmost_forwarded_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("6.6.6.6, 198.51.100.9")) == "198.51.100.9"
    assert client_ip(_request("2001:db8::1")) == "2001:db8::1"


def test_behind_two_proxies_the_second_address_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("6.6.6.6, 198.51.100.9, 10.0.0.2")) == "198.51.100.9"


def test_a_port_added_by_the_proxy_is_not_part_of_the_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("198.51.100.9:4711")) == "198.51.100.9"
    assert client_ip(_request("[2001:db8::1]:4711")) == "2001:db8::1"


def test_a_missing_short_or_garbled_header_falls_back_to_the_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(None)) == PROXY
    assert client_ip(_request("198.51.100.9")) == PROXY
    assert client_ip(_request("not-an-address, 10.0.0.2")) == PROXY


def _track(headers: dict):
    # A fresh browser each time, so only the per-address limit can apply.
    return Client(**headers).post(reverse("complaints:track"), {"tracking_code": "CG-AAAA-BBBB", "pin": "123456"})


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.COMPLAINT_TRACKING_ATTEMPTS_PER_HOUR = 2
    return settings


def test_behind_one_proxy_two_visitors_are_limited_separately(db, one_proxy):
    assert [_track(_via_proxy("198.51.100.1")).status_code for _ in range(3)] == [200, 200, 429]
    assert _track(_via_proxy("198.51.100.2")).status_code == 200


def test_a_forged_forwarded_header_does_not_get_past_the_limit(db, one_proxy):
    statuses = [_track(_via_proxy("198.51.100.1", forged=f"203.0.113.{n}")).status_code for n in range(4)]
    assert statuses == [200, 200, 429, 429]


def test_behind_one_proxy_one_visitors_failed_sign_ins_do_not_lock_out_another(db, one_proxy):
    attacker = Client(**_via_proxy("198.51.100.1"))
    for n in range(11):
        attacker.post(reverse("account_login"), {"login": f"guess{n}@example.org", "password": "wrong-password"})
    assert "Too many failed login attempts" in attacker.post(
        reverse("account_login"), {"login": "guess@example.org", "password": "wrong-password"}
    ).content.decode("utf-8")

    user = UserFactory()
    colleague = Client(**_via_proxy("198.51.100.2"))
    colleague.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert colleague.session.get("_auth_user_id") == str(user.pk)


def test_sign_in_answers_normally_when_the_forwarded_header_is_missing(db, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    response = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1").post(
        reverse("account_login"), {"login": "someone@example.org", "password": "wrong-password"}
    )
    assert response.status_code == 200


def test_limits_count_an_ipv6_visitor_by_their_64_network_so_changing_address_does_not_help(settings):
    from core.clientip import client_key

    settings.TRUSTED_PROXY_COUNT = 1
    one = client_key(_request("2001:db8:1:2::1"))
    other_address_same_network = client_key(_request("2001:db8:1:2:ffff::9"))
    neighbour = client_key(_request("2001:db8:1:3::1"))
    assert one == other_address_same_network == "2001:db8:1:2::/64"
    assert neighbour != one
    assert client_key(_request("198.51.100.9")) == "198.51.100.9"
    assert client_key(_request("::ffff:198.51.100.9")) == "198.51.100.9"
