"""The one check of a typed phone number: enough digits, the usual separators, kept as typed."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from core.phone import PhoneField, phone_validate


@pytest.mark.parametrize("number", ["555-0100", "(312) 555-0199", "+1 312.555.0199", "+52 55 1234 5678", "5550100"])
def test_a_number_someone_could_dial_is_accepted_as_typed(number):
    phone_validate(number)
    assert PhoneField(required=False).clean(f" {number} ") == number


@pytest.mark.parametrize("number", ["abc", "555", "555-01", "call me 5550100", "555 0100 ext 2", "1" * 21, "①②③④⑤⑥⑦"])
def test_a_number_without_enough_digits_or_with_letters_is_refused(number):
    with pytest.raises(ValidationError) as refused:
        phone_validate(number)
    assert refused.value.code == "phone"


def test_the_phone_field_asks_for_the_phone_keypad_and_the_saved_number():
    class Form(forms.Form):
        phone = PhoneField(required=False)

    html = str(Form()["phone"])
    assert 'type="tel"' in html and 'inputmode="tel"' in html and 'autocomplete="tel"' in html
