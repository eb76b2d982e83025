"""A form field's <label>, saying "(required)" when the field is: the legend of a group of choices says so too
(templates/partials/field.html), so every required field is marked the same way before anyone submits."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def field_label(field) -> str:
    contents = field.label
    suffix = field.field.label_suffix if field.field.label_suffix is not None else field.form.label_suffix
    if suffix and contents and contents[-1] not in ":?.!":
        contents = format_html("{}{}", contents, suffix)  # as Django's label_tag writes it
    if field.field.required:
        contents = format_html('{} <span class="required">({})</span>', contents, gettext("required"))
    return field.label_tag(contents=contents, label_suffix="")
