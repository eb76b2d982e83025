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
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString


def _attrs(attrs: dict | None) -> SafeString:
    """django/forms/attrs.html: `` name="value"`` each, bare when True, left out when False."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value)),)
            for name, value in (attrs or {}).items()
            if value is not False
        ),
    )


def _label(context: dict) -> SafeString:
    """django/forms/label.html."""
    if not context["use_tag"]:
        return conditional_escape(context["label"])
    tag = context["tag"]
    return format_html("<{}{}>{}</{}>", tag, _attrs(context["attrs"]), context["label"], tag)


def _options(options: list[dict]) -> SafeString:
    """django/forms/widgets/select_option.html, for each option."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((str(option["value"]), _attrs(option["attrs"]), option["label"]) for option in options),
    )


def _select(context: dict) -> SafeString:
    """django/forms/widgets/select.html (its line breaks and indents left out)."""
    widget = context["widget"]
    groups = format_html_join(
        "",
        "{}",
        (
            (format_html('<optgroup label="{}">{}</optgroup>', name, _options(options)) if name else _options(options),)
            for name, options, _index in widget["optgroups"]
        ),
    )
    return format_html('<select name="{}"{}>{}</select>', widget["name"], _attrs(widget["attrs"]), groups)


def _input(context: dict) -> SafeString:
    """django/forms/widgets/input.html (and checkbox.html, which includes it)."""
    widget = context["widget"]
    value = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
    return format_html(
        '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, _attrs(widget["attrs"])
    )


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
        return writer(context)


class QueueFilterForm(forms.Form):
    """The base of the queue FilterSet's form (``QueueFilter.Meta.form``)."""

    default_renderer = QueueFormRenderer()
