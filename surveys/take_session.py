"""The one place that keeps a survey in progress in the browser: the draft's
id and its resume code (to show again on every page), in a signed cookie of
its own (HttpOnly, SameSite=Lax, only under /surveys/), not in the session.
An anonymous respondent so never gets a session row, and a page turn reads no
session. Finishing replaces the cookie with one that says only which survey
was finished, for an hour (so a refresh of the thank-you page shows it again
instead of an empty form); the browser holds nothing about the answers. A
class-code device keeps no such cookie and its whole session is cleared, for
the next student.

The cookie is signed with SECRET_KEY (``django.core.signing``): it cannot be
forged, and the draft it names must still exist and be unexpired."""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse

from surveys.models import ResponseDraft, Source
from surveys.services.taking import draft_find

COOKIE = "cg_survey"
SALT = "surveys.take"
FINISHED_SECONDS = 3600


def take_session_open(response, *, draft: ResponseDraft, resume_code: str):
    """Makes ``draft`` this browser's survey in progress (replacing any other); returns ``response``."""
    value = signing.dumps({"draft": str(draft.pk), "resume": resume_code}, salt=SALT, compress=True)
    response.set_cookie(
        COOKIE,
        value,
        max_age=dt.timedelta(days=settings.SURVEY_DRAFT_DAYS),
        path=reverse("surveys:index"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _held(request) -> dict:
    try:
        held = signing.loads(request.COOKIES.get(COOKIE, ""), salt=SALT)
    except signing.BadSignature:
        return {}
    return held if isinstance(held, dict) else {}


def take_session_draft(request) -> ResponseDraft | None:
    """This browser's unexpired draft, or None."""
    held = _held(request)
    return draft_find(held["draft"]) if held.get("draft") else None


def take_session_resume_code(request) -> str:
    return str(_held(request).get("resume", ""))


def take_session_close(request, response, *, source: str, finished: str = ""):
    """Forgets the finished draft; returns ``response``. With ``finished`` (the
    survey's public id) the browser remembers for an hour that it finished that
    survey (``take_session_finished``). On a class-code device nothing is
    remembered and the whole session is cleared, so the next student starts fresh."""
    if source == Source.CLASS:
        request.session.flush()
    elif finished:
        response.set_cookie(
            COOKIE,
            signing.dumps({"finished": finished}, salt=SALT),
            max_age=FINISHED_SECONDS,
            path=reverse("surveys:index"),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response
    response.delete_cookie(COOKIE, path=reverse("surveys:index"), samesite="Lax")
    return response


def take_session_finished(request) -> str:
    """The public id of the survey this browser finished in the last hour, or ""."""
    return str(_held(request).get("finished", ""))
