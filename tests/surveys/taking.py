"""Helpers for the taking tests: start a survey as a visitor and answer pages."""

import re

from django.urls import reverse

from surveys.codes import code_generate, code_hash
from surveys.models import ClassCode, Invitation

RESUME = re.compile(r'id="resume-code">([A-Z0-9-]+)<')


def open_link(survey, school) -> str:
    return reverse("surveys:take_start", args=[survey.public_id, school.slug])


def start(client, survey, school, **data):
    """Starts ``survey`` from ``school``'s open link; returns the first page's response (Start answers with it)."""
    response = client.post(open_link(survey, school), data)
    assert response.status_code == 200 and 'name="page" value=' in response.content.decode(), response.status_code
    return response


def resume_code(page_response) -> str:
    match = RESUME.search(page_response.content.decode())
    assert match, "no resume code on the page"
    return match.group(1)


def answer(client, action="next", **fields):
    """Posts the current page with ``fields`` (``q<id>`` names) and presses ``action``."""
    page = client.get(reverse("surveys:take_page")).context["number"]
    return client.post(reverse("surveys:take_page"), {"page": page, action: "1", **fields})


def invitation(survey, school, *, group="guardian", email="parent@example.org") -> tuple[Invitation, str]:
    code = code_generate()
    inv = Invitation.objects.create(
        survey=survey,
        school=school,
        group=group,
        kind="email" if email else "code",
        email=email,
        code_hash=code_hash(code, purpose="invitation"),
    )
    return inv, code


def class_code(survey, school, by, *, code="KLASS7", active=True) -> ClassCode:
    return ClassCode.objects.create(
        survey=survey, school=school, label="Room 12", code=code, is_active=active, created_by=by
    )


def page_form(response):
    """The page's form in ``response`` (the page template's, not the form a
    published page's questions were first rendered from: ``surveys.take_render``)."""
    return next(context["form"] for context in response.context if "number" in context)
