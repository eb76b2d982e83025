"""Template helpers of the sessions: a bilingual text in the reader's language, seats left."""

from django import template

from core.i18n import pick

register = template.Library()


@register.filter(name="pick")
def pick_filter(obj, field: str) -> str:
    """``obj.<field>`` in the reader's language (``core.i18n.pick``)."""
    return pick(obj, field)


@register.filter
def seats_left(session) -> int:
    """Seats nobody holds, from the ``seats_taken`` the list query counted."""
    return max(session.capacity - getattr(session, "seats_taken", 0), 0)
