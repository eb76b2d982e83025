"""Two-factor authentication helpers built on allauth.mfa."""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled


def has_mfa(user) -> bool:
    """Whether the user has an authenticator app (TOTP) set up."""
    return is_mfa_enabled(user, types=[Authenticator.Type.TOTP])


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows right now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
