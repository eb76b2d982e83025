"""Two-factor authentication is required before any staff page opens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import is_program_staff
from accounts.mfa import has_mfa

STAFF_PREFIXES = ("/staff/", "/admin/")


class StaffMFARequiredMiddleware:
    """Guards the staff area and Django's admin.

    Anonymous visitors are sent to sign in, people without a staff role are
    refused, and staff without an authenticator are sent to set one up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES):
            response = self._guard(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _guard(self, request):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        if not (is_program_staff(user) or user.is_staff):
            raise PermissionDenied
        if not has_mfa(user):
            messages.info(
                request,
                _("Staff accounts must use two-factor authentication. Set up an authenticator app to continue."),
            )
            return redirect("mfa_activate_totp")
        return None
