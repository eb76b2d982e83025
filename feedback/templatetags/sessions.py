"""Template helpers of the sessions: a bilingual text in the reader's language, seats left."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def pick(obj, field: str) -> str:
    """``obj.<field>_es`` for Spanish readers when filled, else ``obj.<field>_en``."""
    language = (get_language() or "en")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_en", "")


@register.filter
def seats_left(session) -> int:
    """Seats nobody holds, from the ``seats_taken`` the list query counted."""
    return max(session.capacity - getattr(session, "seats_taken", 0), 0)
