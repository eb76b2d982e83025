"""The one place that keeps a survey in progress in the browser's session:
the draft's id and its resume code (to show again on every page). Finishing
removes both, so the session afterwards holds nothing about the response;
a class-code device's whole session is cleared for the next student."""

from surveys.models import ResponseDraft, Source
from surveys.services.taking import draft_find

KEY = "surveys.take"


def take_session_open(request, *, draft: ResponseDraft, resume_code: str) -> None:
    """Makes ``draft`` this browser's survey in progress (replacing any other)."""
    request.session[KEY] = {"draft": str(draft.pk), "resume": resume_code}
    request.session.cycle_key()


def take_session_draft(request) -> ResponseDraft | None:
    """This browser's unexpired draft, or None."""
    held = request.session.get(KEY) or {}
    if not held.get("draft"):
        return None
    draft = draft_find(held["draft"])
    if draft is None:
        request.session.pop(KEY, None)
    return draft


def take_session_resume_code(request) -> str:
    return (request.session.get(KEY) or {}).get("resume", "")


def take_session_close(request, *, source: str) -> None:
    """Forgets the finished draft. On a class-code device the whole session
    is cleared, so the next student starts fresh with a session of their own."""
    if source == Source.CLASS:
        request.session.flush()
        return
    request.session.pop(KEY, None)
    request.session.cycle_key()
