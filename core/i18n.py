"""Bilingual texts stored side by side (``title_en``/``title_es``): the one place that picks the reader's."""

from django.utils.translation import get_language

LANGUAGES = ("en", "es")


def current_language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in LANGUAGES else "en"


def pick(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>_<language>`` for the request's language (or ``language``),
    falling back to English when that text is empty."""
    language = language or current_language()
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_en", "")
