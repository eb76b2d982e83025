"""``{{ value|percent }}``: a percentage through ``core.numbers.percent_text``, the one rule for writing one."""

from django import template

from core.numbers import percent_text

register = template.Library()


@register.filter
def percent(value) -> str:
    return percent_text(value)
