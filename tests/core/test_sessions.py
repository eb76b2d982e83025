"""New sessions cost one INSERT, and a key that is already taken is never reused."""

import pytest
from django.contrib.sessions.models import Session

from core import sessions
from core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_new_session_is_one_insert_without_a_look_up_first(django_assert_num_queries):
    store = SessionStore()
    with django_assert_num_queries(3):  # SAVEPOINT, INSERT, RELEASE: no "is this key taken?" SELECT
        store.create()
    assert Session.objects.filter(session_key=store.session_key).exists()


def test_a_key_that_is_taken_is_drawn_again_and_the_other_session_is_untouched(monkeypatch):
    taken = SessionStore()
    taken["who"] = "someone else"
    taken.create()
    taken.save()
    keys = iter([taken.session_key, "k" * 32])
    monkeypatch.setattr(sessions, "get_random_string", lambda length, chars: next(keys))  # force a clash

    mine = SessionStore()
    mine.create()

    assert mine.session_key == "k" * 32
    assert SessionStore(session_key=taken.session_key)["who"] == "someone else"


def test_the_site_uses_it(settings):
    assert settings.SESSION_ENGINE == "core.sessions"
