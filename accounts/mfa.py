"""Two-factor authentication helpers built on allauth.mfa."""

import time

from allauth.core.internal.cryptokit import normalize_user_code
from allauth.mfa import app_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.base import forms
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.core.cache import cache


def has_mfa(user) -> bool:
    """Whether the user has an authenticator app (TOTP) set up."""
    return is_mfa_enabled(user, types=[Authenticator.Type.TOTP])


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows right now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


# --- One use per code ----------------------------------------------------------
# MFA_TOTP_TOLERANCE = 1 accepts a code for three periods (90 s), but allauth
# remembers a used code for one period only, so a code seen over a shoulder
# could be used again 30-90 s later. These forms remember it for its whole life.


def _totp_code_lifetime() -> int:
    return app_settings.TOTP_PERIOD * (2 * app_settings.TOTP_TOLERANCE + 1)


class _OneUsePerCodeMixin:
    def clean_code(self) -> str:
        key = f"accounts.mfa.totp.used?user={self.user.pk}&code={normalize_user_code(self.cleaned_data['code'])}"
        # Refused before allauth looks at it, so a replay never counts as a
        # success that clears allauth's rate limit on wrong codes.
        if cache.get(key):
            raise get_adapter().validation_error("incorrect_code")
        code = super().clean_code()
        if self.authenticator.type == Authenticator.Type.TOTP and not cache.add(
            key, "y", timeout=_totp_code_lifetime()
        ):
            raise get_adapter().validation_error("incorrect_code")  # used at the same moment elsewhere
        return code


class AuthenticateForm(_OneUsePerCodeMixin, forms.AuthenticateForm):
    """allauth's second-factor form (MFA_FORMS["authenticate"]), refusing a used code."""


class ReauthenticateForm(_OneUsePerCodeMixin, forms.ReauthenticateForm):
    """allauth's re-authentication form (MFA_FORMS["reauthenticate"]), refusing a used code."""
