"""Private links (manage a registration, give consent): random tokens kept only as keyed hashes."""

import secrets

from django.utils.crypto import salted_hmac


def token_new(*, purpose: str) -> tuple[str, str]:
    """A fresh token for a link and the hash to store for it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token, purpose=purpose)


def token_hash(token: str, *, purpose: str) -> str:
    """The keyed hash stored instead of ``token`` (``purpose``: "manage" or "consent")."""
    return salted_hmac(f"feedback.{purpose}", token or "", algorithm="sha256").hexdigest()
