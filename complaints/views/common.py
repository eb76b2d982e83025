from django.conf import settings


def upload_too_large(request) -> bool:
    """True when the request body could not hold only allowed attachments; checked
    before Django reads the body, so a huge upload is never taken in."""
    limit = settings.COMPLAINT_ATTACHMENT_MAX_COUNT * settings.COMPLAINT_ATTACHMENT_MAX_BYTES + 1024 * 1024
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit
    except ValueError:
        return True
