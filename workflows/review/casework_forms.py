"""Forms of staff casework and the complainant's withdrawal."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.rules import complaints_to_relate
from complaints.models import LinkKind
from complaints.services.codes import tracking_code_normalise


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing your complaint? (optional)"),
        help_text=_("Only the school's reviewers and the district coordinator read this."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    prefix = "reopen"  # the case page's recusal form has a reason too

    reason = forms.CharField(
        label=_("Why is the complaint reopened?"),
        help_text=_("Everyone on the case reads this; the complainant is told the complaint was reopened."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LinkForm(forms.Form):
    """Another complaint, named by its tracking code, and how it relates to this one."""

    tracking_code = forms.CharField(label=_("Tracking code of the other complaint"), max_length=20)
    kind = forms.ChoiceField(
        label=_("How are they related?"),
        choices=[
            (LinkKind.RELATED, _("Both are about the same incident")),
            (LinkKind.DUPLICATE, _("This complaint duplicates the other one: close it")),
        ],
        widget=forms.RadioSelect,
        initial=LinkKind.RELATED,
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("For a duplicate, this is the explanation its complainant reads on the tracking page."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("prefix", "link")
        super().__init__(*args, **kwargs)
        self.user = user
        self.other = None

    def clean_tracking_code(self):
        code = tracking_code_normalise(self.cleaned_data["tracking_code"])
        # The same answer for a code that does not exist and one out of scope.
        self.other = complaints_to_relate(self.user).filter(tracking_code=code).first() if code else None
        if self.other is None:
            raise ValidationError(_("No complaint you coordinate has this tracking code."))
        return code
