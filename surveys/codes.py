"""Access, resume and class codes: short, typed by hand, stored as keyed hashes."""

import re
import secrets

from django.utils.crypto import salted_hmac

# No 0/O, 1/I/L: codes are read aloud, written on boards and copied by hand.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CLEAN = re.compile(r"[^0-9A-Z]")


def code_generate(length: int = 10) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def code_normalise(raw: str) -> str:
    """What a person typed, as stored: case, spaces and dashes forgiven."""
    return _CLEAN.sub("", (raw or "").upper())


def code_display(code: str) -> str:
    """``ABCDEFGHJK`` as ``ABCDE-FGHJK`` for printing."""
    half = (len(code) + 1) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) > 6 else code


def code_hash(code: str, *, purpose: str) -> str:
    """The keyed hash stored instead of the code (``purpose``: "invitation",
    "resume")."""
    return salted_hmac(f"surveys.{purpose}", code_normalise(code), algorithm="sha256").hexdigest()
