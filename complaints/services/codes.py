"""Tracking codes and PINs."""

import re
import secrets

# No 0/O, 1/I/L: codes are read aloud and copied by hand.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CLEAN = re.compile(r"[^0-9A-Z]")


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
