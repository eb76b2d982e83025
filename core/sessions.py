"""Database sessions written once per request (settings.SESSION_ENGINE).

Django's database store, for a new session, asks "is this key taken?", INSERTs
the row at once, and then SessionMiddleware UPDATEs the same row at the end of
the request (creating a session marks it modified), each write in a
transaction of its own: seven round trips for one row. Here:

- ``create()`` only draws the key (32 characters from 36, about 2^165 keys) and
  marks the session new; the row is written once, by the middleware's ``save()``
  at the end of the request, as one INSERT. The primary key refuses a taken
  key; the INSERT then draws another (in practice never).
- A single INSERT or UPDATE outside a transaction is atomic by itself, so the
  savepoint Django wraps around it is kept only inside a caller's transaction.

Code that needs the key during the request (a rate limit per session, the
receipt's PIN) calls ``create()`` and reads ``session_key``; the cookie and the
row follow with the response, as for any modified session.
"""

from contextlib import nullcontext

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DbSessionStore
from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.utils.crypto import get_random_string


class SessionStore(DbSessionStore):
    _unsaved = False  # create() drew a key that has no row yet

    def _get_new_session_key(self) -> str:
        return get_random_string(32, VALID_KEY_CHARS)

    def create(self) -> None:
        self._session_key = self._get_new_session_key()
        if not hasattr(self, "_session_cache"):
            self._session_cache = {}  # nothing to load for a key that has no row yet
        self._unsaved = True
        self.modified = True

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            self.create()
        if not (must_create or self._unsaved):
            return self._write(insert=False)
        while True:
            try:
                self._write(insert=True)
            except CreateError:
                self._session_key = self._get_new_session_key()  # taken: never overwrite another session
                continue
            self._unsaved = False
            return None

    def _write(self, *, insert: bool) -> None:
        obj = self.create_model_instance(self._get_session(no_load=insert))
        using = router.db_for_write(self.model, instance=obj)
        # Inside a caller's transaction a failed statement must not break it: a savepoint; outside, none is needed.
        guard = transaction.atomic(using=using) if connections[using].in_atomic_block else nullcontext()
        try:
            with guard:
                obj.save(force_insert=insert, force_update=not insert, using=using)
        except IntegrityError:
            if insert:
                raise CreateError from None
            raise
        except DatabaseError:
            if not insert:
                raise UpdateError from None  # the row is gone (signed out elsewhere): as Django's store
            raise
