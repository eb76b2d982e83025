"""Phone numbers people type: checked loosely (enough digits, usual separators) and kept as typed; and boxes that take
an email address or a phone number."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

PHONE_MIN_DIGITS = 7
PHONE_MAX_DIGITS = 20
# Digits and the separators people write between them; nothing else (letters are a mistake, not an extension).
_PHONE_SHAPE = re.compile(r"[0-9\s+\-().]*")


def phone_validate(value: str) -> None:
    """Raises ValidationError unless ``value`` is a phone number someone could dial."""
    digits = sum(char in "0123456789" for char in value)
    if not _PHONE_SHAPE.fullmatch(value) or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise ValidationError(
            _("Enter a valid phone number: %(min)d to %(max)d digits. Spaces, +, -, dots and parentheses are fine."),
            code="phone",
            params={"min": PHONE_MIN_DIGITS, "max": PHONE_MAX_DIGITS},
        )


def email_or_phone_validate(value: str) -> None:
    """Raises ValidationError unless ``value`` is an email address or a phone number (a "how to reach you" box)."""
    try:
        (validate_email if "@" in value else phone_validate)(value.strip())
    except ValidationError:
        raise ValidationError(
            _("Enter an email address or a phone number (%(min)d to %(max)d digits)."),
            code="contact",
            params={"min": PHONE_MIN_DIGITS, "max": PHONE_MAX_DIGITS},
        ) from None


class PhoneInput(forms.TextInput):
    input_type = "tel"


class PhoneField(forms.CharField):
    """A phone number: the phone keypad and the browser's saved number are offered, and a
    number without enough digits is refused next to the field."""

    widget = PhoneInput
    default_validators = [phone_validate]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "tel", "autocomplete": "tel"}
