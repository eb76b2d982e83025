"""allauth hooks: who may sign up, and where people land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.utils.translation import get_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Mail to this person goes out in the language they signed up in.
        user.preferred_language = (get_language() or "en")[:2]
        return super().save_user(request, user, form, commit=commit)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        # Google / Microsoft sign-in is for existing staff accounts only;
        # nobody gets a new account (or a role) from an identity provider.
        return False
