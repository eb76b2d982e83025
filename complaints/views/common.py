from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

from core.clientip import client_key
from core.ratelimit import hit


class PrivatePageMixin:
    """Pages with a person's complaint on them: never cached by shared caches,
    never indexed."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def over_limit(request, scope: str, per_hour: int) -> bool:
    """Counts this request against the per-IP and per-session hourly limits."""
    if not request.session.session_key:
        request.session.save()
    by_ip = hit(f"{scope}:ip:{client_key(request)}", limit=per_hour, period_seconds=3600)
    by_session = hit(f"{scope}:session:{request.session.session_key}", limit=per_hour, period_seconds=3600)
    return by_ip or by_session


def upload_too_large(request) -> bool:
    """True when the request body could not hold only allowed attachments; checked
    before Django reads the body, so a huge upload is never taken in."""
    limit = settings.COMPLAINT_ATTACHMENT_MAX_COUNT * settings.COMPLAINT_ATTACHMENT_MAX_BYTES + 1024 * 1024
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit
    except ValueError:
        return True
