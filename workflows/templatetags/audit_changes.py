"""An audit event's changes as its readers read them (core.audit_display)."""

from django import template

from core.audit_display import changes_shown

register = template.Library()


@register.filter
def audit_changes(event) -> list[tuple[str, str]]:
    """(name, text) for each recorded change of ``event``, in the reader's language."""
    return changes_shown(event)
