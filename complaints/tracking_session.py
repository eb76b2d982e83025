"""Which complaints this browser has open, and for how long.

A complaint opened with its code and PIN (or just filed) stays open in this
browser only: the session cookie ends when the browser closes, the session key
is rotated when a complaint is opened, each complaint closes after
COMPLAINT_TRACKING_IDLE_MINUTES without a page view, and "Close this complaint"
or Quick exit closes it at once. Made for a shared family computer.
"""

import time

from django.conf import settings

from complaints.models import Complaint

SESSION_KEY = "complaints_open"  # {complaint id: time of the last page view}
PENDING_REPLY_KEY = "complaints_pending_reply"  # {"code", "body", "at"}: a reply sent after its complaint closed


def _now() -> int:
    return int(time.time())


def _opened(request) -> dict[str, int]:
    value = request.session.get(SESSION_KEY)
    return value if isinstance(value, dict) else {}


def tracking_session_open(request, *, complaint: Complaint, rotate: bool = True) -> None:
    """Opens ``complaint`` in this browser (after the right code and PIN, or on
    the receipt of the person who filed it)."""
    if rotate:
        request.session.cycle_key()  # a session id seen before the PIN is worthless after it
    request.session.set_expiry(0)  # the browser forgets the cookie when it closes
    request.session[SESSION_KEY] = {**_opened(request), str(complaint.pk): _now()}


def tracking_session_close(request, *, complaint: Complaint) -> None:
    """Closes ``complaint`` in this browser: the code and PIN are needed again."""
    opened = _opened(request)
    if opened.pop(str(complaint.pk), None) is not None:
        request.session[SESSION_KEY] = opened


def tracking_session_allows(request, *, complaint: Complaint) -> bool:
    """True when this browser has ``complaint`` open and has used it within the
    idle limit; the page view counts as use. An idle complaint is closed."""
    opened = _opened(request)
    last_seen = opened.get(str(complaint.pk))
    if last_seen is None:
        return False
    now = _now()
    if now - last_seen > settings.COMPLAINT_TRACKING_IDLE_MINUTES * 60:
        tracking_session_close(request, complaint=complaint)
        return False
    request.session[SESSION_KEY] = {**opened, str(complaint.pk): now}
    return True


def tracking_session_keep_reply(request, *, code: str, body: str) -> None:
    """Keeps a reply written while its complaint closed in this browser (idle, or
    Quick exit in another tab), for the reply box once the PIN is entered again."""
    request.session[PENDING_REPLY_KEY] = {"code": code, "body": body, "at": _now()}


def tracking_session_take_reply(request, *, complaint: Complaint) -> str:
    """The kept reply for ``complaint`` (then forgotten), or "" when there is none
    or it is older than the idle limit."""
    pending = request.session.get(PENDING_REPLY_KEY)
    if not isinstance(pending, dict) or pending.get("code") != complaint.tracking_code:
        return ""
    del request.session[PENDING_REPLY_KEY]
    fresh = _now() - pending.get("at", 0) <= settings.COMPLAINT_TRACKING_IDLE_MINUTES * 60
    return pending.get("body", "") if fresh else ""
