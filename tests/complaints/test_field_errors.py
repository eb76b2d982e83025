"""A screen reader announces why an answer was refused: every invalid input and
every invalid group of choices is described by the element holding its error."""

import lxml.html
import pytest

from tests.complaints.helpers import school_with_officer

pytestmark = pytest.mark.django_db


def _description(page, element) -> str:
    """The text a screen reader reads as ``element``'s description (its aria-describedby ids, in order)."""
    ids = element.get("aria-describedby", "").split()
    found = [page.get_element_by_id(name, None) for name in ids]
    assert None not in found, f"{element.tag} names ids that do not exist: {ids}"
    return " ".join(node.text_content() for node in found)


def test_a_refused_intake_step_ties_each_error_to_its_text_field_and_its_choice_group(client):
    school_with_officer()
    response = client.post("/complaints/new/", {"school": "", "occurred_on": "2099-01-01", "preferred_language": "en"})
    page = lxml.html.fromstring(response.content.decode())

    school = page.get_element_by_id("id_school")
    assert school.get("aria-invalid") == "true"
    assert "This field is required." in _description(page, school)

    date = page.get_element_by_id("id_occurred_on")
    assert "An approximate date is fine." in _description(page, date)
    assert "The date cannot be in the future." in _description(page, date)

    (kind_group,) = page.xpath("//fieldset[.//input[@name='kind']]")
    assert "This field is required." in _description(page, kind_group)


def test_every_required_question_says_so_before_anyone_submits_and_optional_ones_do_not(client):
    school, _ = school_with_officer()
    about = lxml.html.fromstring(client.get("/complaints/new/", HTTP_ACCEPT_LANGUAGE="es").content.decode())
    for name in ("school", "occurred_on"):
        label = about.xpath(f'//label[@for="id_{name}"]')[0].text_content()
        assert "(obligatorio)" in label, label
    step1 = client.post(
        "/complaints/new/",
        {"kind": "complaint", "filer_role": "guardian", "school": school.pk, "occurred_on": "2026-11-02"}
        | {"preferred_language": "en"},
    )
    incident = lxml.html.fromstring(client.get(step1.url).content.decode())
    assert "(required)" in incident.xpath('//label[@for="id_description"]')[0].text_content()
    assert "(required)" not in incident.xpath('//label[@for="id_witnesses"]')[0].text_content()
