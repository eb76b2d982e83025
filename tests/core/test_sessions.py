"""A new session is written once, with the response, and a key that is already taken is never reused."""

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction

from core import sessions
from core.sessions import SessionStore

pytestmark = pytest.mark.django_db


# Like a request: autocommit, no test transaction around it (inside one, each write takes a savepoint too).
@pytest.mark.django_db(transaction=True)
def test_a_new_session_is_written_once_by_one_insert_when_the_response_saves_it(django_assert_num_queries):
    store = SessionStore()
    with django_assert_num_queries(0):  # the key is drawn; nothing is written yet
        store.create()
        store["complaints_open"] = {"1": 0}
    with django_assert_num_queries(1):  # no "is this key taken?" SELECT, no second write
        store.save()
    assert SessionStore(session_key=store.session_key)["complaints_open"] == {"1": 0}


def test_a_session_saved_inside_a_transaction_keeps_the_transaction_usable_after_a_clash(monkeypatch):
    taken = SessionStore()
    taken["who"] = "someone else"
    taken.save()
    keys = iter([taken.session_key, "k" * 32])
    monkeypatch.setattr(sessions, "get_random_string", lambda length, chars: next(keys))  # force a clash

    with transaction.atomic():
        mine = SessionStore()
        mine["who"] = "me"
        mine.save()
        assert Session.objects.count() == 2  # the transaction still answers after the refused INSERT

    assert mine.session_key == "k" * 32
    assert SessionStore(session_key=taken.session_key)["who"] == "someone else"
    assert SessionStore(session_key=mine.session_key)["who"] == "me"


@pytest.mark.django_db(transaction=True)
def test_a_session_that_changes_is_one_update(django_assert_num_queries):
    store = SessionStore()
    store["step"] = 1
    store.save()
    again = SessionStore(session_key=store.session_key)
    again["step"] = 2  # reads it
    with django_assert_num_queries(1):  # the UPDATE alone: no BEGIN and COMMIT around one statement
        again.save()
    assert SessionStore(session_key=store.session_key)["step"] == 2


def test_a_session_deleted_elsewhere_is_not_written_back():
    from django.contrib.sessions.backends.base import UpdateError

    store = SessionStore()
    store["step"] = 1
    store.save()
    again = SessionStore(session_key=store.session_key)
    again["step"] = 2
    store.delete()
    with pytest.raises(UpdateError):  # SessionMiddleware turns this into "signed out elsewhere"
        again.save()
    assert not Session.objects.exists()


def test_rotating_the_key_keeps_the_data_and_forgets_the_old_key():
    store = SessionStore()
    store["complaints_open"] = {"7": 1}
    store.save()
    old = store.session_key
    store.cycle_key()
    store.save()
    assert store.session_key != old
    assert not Session.objects.filter(session_key=old).exists()
    assert SessionStore(session_key=store.session_key)["complaints_open"] == {"7": 1}


def test_the_site_uses_it(settings):
    assert settings.SESSION_ENGINE == "core.sessions"
