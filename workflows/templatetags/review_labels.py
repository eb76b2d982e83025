"""Step names as people read them, in the reader's language (never node codes)."""

from django import template

from workflows.flows import step_title

register = template.Library()


@register.filter
def step_label(step) -> str:
    """The translated title of a ComplaintFlow step, given its node or its code ("school_review")."""
    return step_title(getattr(step, "name", str(step)))
