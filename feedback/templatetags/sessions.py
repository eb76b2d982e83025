"""Template helpers of the sessions: a bilingual text in the reader's language."""

from django import template

from core.i18n import pick

register = template.Library()


@register.filter(name="pick")
def pick_filter(obj, field: str) -> str:
    """``obj.<field>`` in the reader's language (``core.i18n.pick``)."""
    return pick(obj, field)
