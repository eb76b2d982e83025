"""The queue filter form written in Python (workflows/review/queue_form.py)
reads exactly as Django's form templates write it: labels, options, the chosen
values, the ticked boxes and the error attributes a screen reader announces."""

import re

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.http import QueryDict
from django.utils import translation

from tests.factories import SchoolFactory
from workflows.review.queue import QueueFilter
from workflows.review.queue_form import QueueFormRenderer

pytestmark = pytest.mark.django_db


def _tidy(html: str) -> str:
    """The HTML without the line breaks and indents between tags."""
    return re.sub(r">\s+<", "><", str(html)).strip()


def _fields(form, renderer) -> str:
    """Each field's label and widget, as templates/partials/field.html prints them."""
    form.renderer = renderer
    return "\n".join(_tidy(f"{field.label_tag()}{field}") for field in form)


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("", "en"),
        ("school={school}&category=search&status=received&step=triage&sort=-due&mine=on&overdue=on", "en"),
        ("school=999999&category=nonsense&sort=sideways", "en"),
        ("step=school_review&overdue=on", "es"),
    ],
)
def test_the_filter_form_reads_as_djangos_own_form_templates_write_it(case, query, language):
    SchoolFactory(district=case.school.district, name='Jefferson "J" <Middle> & Annex')
    data = QueryDict(query.format(school=case.school.pk))
    with translation.override(language):
        form = QueueFilter(data, user=case.coordinator).form
        form.is_valid()
        ours = _fields(form, QueueFormRenderer())
        djangos = _fields(form, get_default_renderer())
    assert ours == djangos
    if "sort=sideways" in query:
        # The refused values are marked invalid for screen readers, in both.
        assert ours.count('aria-invalid="true"') == 3
    if "mine=on" in query:
        assert '<input type="checkbox" name="mine" id="id_mine" checked>' in ours
        assert f'<option value="{case.school.pk}" selected>Lincoln High</option>' in ours
    assert "Jefferson &quot;J&quot; &lt;Middle&gt; &amp; Annex" in ours


def test_grouped_choices_and_other_widgets_read_as_the_templates_write_them():
    class Form(forms.Form):
        place = forms.ChoiceField(choices=[("Near", [("a", "A & B")]), ("far", "Far <away>")], help_text="Where?")
        note = forms.CharField(required=False)

    form = Form({"place": "a"})
    assert _fields(form, QueueFormRenderer()) == _fields(form, get_default_renderer())
    assert '<optgroup label="Near"><option value="a" selected>A &amp; B</option></optgroup>' in _fields(
        form, QueueFormRenderer()
    )
