from allauth.account import app_settings as account_settings
from allauth.account.forms import SignupForm as AllauthSignupForm
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form with its honeypot made CSP- and screen-reader-safe.

    allauth hides the honeypot with an inline style, which our CSP blocks; the
    template hides it with a class instead and keeps it out of the tab order
    and the accessibility tree.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.honeypot_name = account_settings.SIGNUP_FORM_HONEYPOT_FIELD
        field = self.fields.get(self.honeypot_name)
        if field is not None:
            field.label = _("Leave this field empty")
            field.widget.attrs = {"tabindex": "-1", "autocomplete": "off"}
