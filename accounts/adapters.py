"""allauth hooks: who may sign up, and where people land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language

from core.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Mail to this person goes out in the language they signed up in.
        user.preferred_language = (get_language() or "en")[:2]
        return super().save_user(request, user, form, commit=commit)

    def get_client_ip(self, request):
        # One rule for the client address (TRUSTED_PROXY_COUNT) for allauth's
        # rate limits and ours; allauth's own reading answers 500 when
        # X-Forwarded-For is shorter than the proxy count.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        # Google / Microsoft sign-in is for existing staff accounts only;
        # nobody gets a new account (or a role) from an identity provider.
        return False
