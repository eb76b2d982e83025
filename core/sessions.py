"""Database sessions without the look-up before each new one (settings.SESSION_ENGINE).

Django's database store asks "is this key taken?" before inserting a new
session. With 32 random characters from 36 (about 2^165 keys) that question
costs a round trip on every new session and answers "no"; the INSERT already
refuses a taken key (the primary key), and ``create()`` then draws another.
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DbSessionStore
from django.utils.crypto import get_random_string


class SessionStore(DbSessionStore):
    def _get_new_session_key(self) -> str:
        # create() saves with must_create (a forced INSERT): a clash raises CreateError and it draws again.
        return get_random_string(32, VALID_KEY_CHARS)
