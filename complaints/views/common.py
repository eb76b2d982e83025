from django.conf import settings

from core.clientip import client_key
from core.ratelimit import hit_any


def over_limit(request, scope: str, per_hour: int, *, session: bool = True) -> bool:
    """Counts this request against the per-client hourly limit and, with
    ``session``, the per-session one too (creating the session: later steps
    need its key). One statement either way."""
    keys = [f"{scope}:ip:{client_key(request)}"]
    if session and not request.session.session_key:
        request.session.save()
    if request.session.session_key:
        keys.append(f"{scope}:session:{request.session.session_key}")
    return hit_any(keys, limit=per_hour, period_seconds=3600)


def upload_too_large(request) -> bool:
    """True when the request body could not hold only allowed attachments; checked
    before Django reads the body, so a huge upload is never taken in."""
    limit = settings.COMPLAINT_ATTACHMENT_MAX_COUNT * settings.COMPLAINT_ATTACHMENT_MAX_BYTES + 1024 * 1024
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit
    except ValueError:
        return True
