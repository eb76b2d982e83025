"""The answer when the upload folder refuses a file (disk full, read-only)."""

from django.shortcuts import render

# Long enough for an operator to free space; the page itself says "try again later".
RETRY_AFTER_SECONDS = 600


def upload_failed_response(request, *, retry_url: str, form=None):
    """A 503 page saying that nothing typed was lost (the draft, or the
    complaint and the reply text in ``form``) and that the files must be
    attached again; ``retry_url`` is where to do that."""
    response = render(request, "complaints/upload_failed.html", {"retry_url": retry_url, "form": form}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
