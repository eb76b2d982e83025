"""The queue filter form's HTML, written in Python.

The queue's filter form is on every queue page: seven fields, about fifty
select options. Through Django's form templates each option, label and
attribute list is a template include, which cost ~3 ms a page, more than the
queue's own queries. ``QueueFormRenderer`` writes the same HTML as Django's
built-in templates for labels, selects (with their options) and checkboxes,
straight from the context the form and widgets build (ids, ``selected``,
``aria-*`` attributes: Django's logic, unchanged); any other template (errors,
other widgets) goes through the templates as before.
tests/workflows/test_queue_form.py checks the HTML equals what the templates
write.
"""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# Each writer below returns the template's text with every value escaped as the
# template's autoescaping would (conditional_escape: safe strings kept as they are).
_e = conditional_escape


def _attrs(attrs: dict | None) -> str:
    """django/forms/attrs.html: `` name="value"`` each, bare when True, left out when False."""
    return "".join(
        f" {_e(name)}" if value is True else f' {_e(name)}="{_e(str(value))}"'
        for name, value in (attrs or {}).items()
        if value is not False
    )


def _label(context: dict) -> str:
    """django/forms/label.html."""
    if not context["use_tag"]:
        return _e(context["label"])
    tag = _e(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_e(context['label'])}</{tag}>"


def _options(options: list[dict]) -> str:
    """django/forms/widgets/select_option.html, for each option."""
    return "".join(
        f'<option value="{_e(str(option["value"]))}"{_attrs(option["attrs"])}>{_e(option["label"])}</option>'
        for option in options
    )


def _select(context: dict) -> str:
    """django/forms/widgets/select.html (its line breaks and indents left out)."""
    widget = context["widget"]
    groups = "".join(
        f'<optgroup label="{_e(name)}">{_options(options)}</optgroup>' if name else _options(options)
        for name, options, _index in widget["optgroups"]
    )
    return f'<select name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>{groups}</select>'


def _input(context: dict) -> str:
    """django/forms/widgets/input.html (and checkbox.html, which includes it)."""
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{_e(str(widget["value"]))}"'
    return f'<input type="{_e(widget["type"])}" name="{_e(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


_WRITERS = {
    "django/forms/label.html": _label,
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/checkbox.html": _input,
}


class QueueFormRenderer(DjangoTemplates):
    """Django's form renderer, with labels, selects and checkboxes written in Python."""

    def render(self, template_name, context, request=None) -> SafeString:
        writer = _WRITERS.get(template_name)
        if writer is None:
            return super().render(template_name, context, request)
        return mark_safe(writer(context))  # noqa: S308 - every value escaped by the writer


class QueueFilterForm(forms.Form):
    """The base of the queue FilterSet's form (``QueueFilter.Meta.form``)."""

    default_renderer = QueueFormRenderer()
