"""The coordinator's retention forms: periods per record type, placing and lifting a legal hold."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.retention.models import RecordType
from workflows.retention.schedule import DEFAULT_MONTHS


class RetentionForm(forms.Form):
    """One whole number of months per record type (1 to 1,200)."""

    def __init__(self, *args, months: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in RecordType:
            self.fields[kind.value] = forms.IntegerField(
                label=kind.label,
                min_value=1,
                max_value=1200,
                initial=months[kind.value],
                help_text=_("Months. Default: %(months)s.") % {"months": DEFAULT_MONTHS[kind]},
            )


class LegalHoldForm(forms.Form):
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=16)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("For example the lawsuit, claim or public records request it answers."),
    )

    def __init__(self, *args, complaints, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaints = complaints

    def clean_tracking_code(self):
        code = self.cleaned_data["tracking_code"].strip().upper()
        complaint = self.complaints.filter(tracking_code=code).first()
        if complaint is None:
            raise forms.ValidationError(_("No complaint of this district has that tracking code."))
        self.complaint = complaint
        return code


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the hold is lifted"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
