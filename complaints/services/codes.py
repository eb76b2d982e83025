"""Tracking codes and PINs."""

import hmac
import re
import secrets

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password
from django.utils.crypto import salted_hmac

# No 0/O, 1/I/L: codes are read aloud and copied by hand.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CLEAN = re.compile(r"[^0-9A-Z]")
PIN_HASH_ALGORITHM = "hmac_sha256"
_PIN_KEY_SALT = "complaints.pin"
# Compared against when a tracking code is unknown, so that the answer takes as long.
_UNKNOWN_CODE_HASH = f"{PIN_HASH_ALGORITHM}$0000000000000000${'0' * 64}"


def tracking_code_generate() -> str:
    """A new code like CG-7KQ4-M2XD (not yet checked for uniqueness)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"CG-{body[:4]}-{body[4:]}"


def tracking_code_normalise(raw: str) -> str:
    """What a person typed, as the stored form: case, spaces and dashes forgiven."""
    cleaned = _CLEAN.sub("", (raw or "").upper())
    if cleaned.startswith("CG"):
        cleaned = cleaned[2:]
    return f"CG-{cleaned[:4]}-{cleaned[4:8]}" if len(cleaned) == 8 else ""


def pin_generate() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _pin_secrets() -> list[str]:
    """The server-side keys, the current one first: PIN_HASH_KEY and its fallbacks
    if set, then SECRET_KEY and its fallbacks (each only the seed of a key
    derived for PINs alone)."""
    keys = [settings.PIN_HASH_KEY, *settings.PIN_HASH_KEY_FALLBACKS] if settings.PIN_HASH_KEY else []
    return keys + [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _pin_digest(pin: str, salt: str, secret: str) -> str:
    return salted_hmac(_PIN_KEY_SALT, f"{salt}${pin}", secret=secret, algorithm="sha256").hexdigest()


def pin_hash_make(pin: str) -> str:
    """The stored form of ``pin``: a keyed HMAC-SHA256 (a six-digit PIN gains
    nothing from a slow hash; the key and the online lockout protect it)."""
    salt = secrets.token_hex(8)
    return f"{PIN_HASH_ALGORITHM}${salt}${_pin_digest(pin, salt, _pin_secrets()[0])}"


def pin_hash_check(pin: str, encoded: str | None) -> tuple[bool, bool]:
    """(matches, should be re-stored with pin_hash_make). ``encoded=None``
    (an unknown code) does the same work and never matches. Hashes made before
    the keyed hash (PBKDF2) still match, and ask to be upgraded."""
    encoded = encoded or _UNKNOWN_CODE_HASH
    algorithm, _, rest = encoded.partition("$")
    if algorithm != PIN_HASH_ALGORITHM:
        if algorithm == PBKDF2PasswordHasher.algorithm:
            return PBKDF2PasswordHasher().verify(pin, encoded), True
        return check_password(pin, encoded), True
    salt, _, digest = rest.partition("$")
    matched, upgrade = False, False
    for index, secret in enumerate(_pin_secrets()):
        if hmac.compare_digest(_pin_digest(pin, salt, secret), digest):
            matched, upgrade = True, index > 0
    return matched and encoded != _UNKNOWN_CODE_HASH, upgrade
