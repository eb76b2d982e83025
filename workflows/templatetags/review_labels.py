"""Step names as people read them, in the reader's language (never node codes)."""

from django import template

from workflows.flows import ComplaintFlow

register = template.Library()


@register.filter
def step_label(step) -> str:
    """The translated title of a ComplaintFlow step, given its node or its code ("school_review")."""
    node = step if hasattr(step, "task_title") else getattr(ComplaintFlow, str(step), None)
    return str(node.task_title) if node is not None and node.task_title else str(step)
