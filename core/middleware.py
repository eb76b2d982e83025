"""While the database cannot be reached, visitors get a translated 503 page with
Retry-After instead of a 500: nothing they did is wrong, and nothing they already
submitted is lost."""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils import translation

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response(request) -> HttpResponse:
    """The 503 page, rendered without the database (no context processors, no session)."""
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language_from_request(request)
    with translation.override(language):
        context = {
            "retry_after_seconds": RETRY_AFTER_SECONDS,
            # The language switcher's form still works (the token comes from the cookie, not the database).
            "csrf_token": get_token(request),
        }
        html = loader.render_to_string("503.html", context)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


@receiver(got_request_exception, dispatch_uid="core.middleware.database_unavailable")
def _note_database_error(sender, request=None, **kwargs):
    # An error raised in another middleware (session, sign-in) never reaches
    # process_exception; Django turns it into a 500 first. Mark the request so
    # the outermost middleware can answer 503 instead.
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        request.database_unavailable = True


class DatabaseUnavailableMiddleware:
    """Answers 503 + Retry-After when a request failed because the database is away.

    Put it near the top of MIDDLEWARE so that it wraps the middleware that use the
    database (sessions, authentication, the staff guard)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_unavailable", False):
            return database_unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
            return database_unavailable_response(request)
        return None
