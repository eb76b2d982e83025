"""Forms of the case file, staff attachments and officer history pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.forms import MultipleFileField, upload_help_text
from complaints.models import Audience
from workflows.models import EarlyWarningPolicy

STAFF_FILE_AUDIENCES = [Audience.CASE, Audience.SCHOOL, Audience.POLICE]
_SEPARATOR = "=>"


class RedactionForm(forms.Form):
    extra = forms.CharField(
        label=_("More words to redact"),
        help_text=_(
            "One per line. To choose the label shown instead, write it after “=>”, "
            "for example: Maria Lopez => Student 2"
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_extra(self) -> list[tuple[str, str]]:
        terms = []
        for line in self.cleaned_data["extra"].splitlines():
            term, _sep, label = line.partition(_SEPARATOR)
            term, label = term.strip(), label.strip()[:60]
            if not term:
                continue
            if len(term) < 2:
                raise forms.ValidationError(
                    _("Each word to redact needs at least two letters: %(term)s") % {"term": term}
                )
            terms.append((term[:200], label))
        return terms


class StaffAttachmentForm(forms.Form):
    files = MultipleFileField(label=_("Files"), help_text=upload_help_text)
    audience = forms.ChoiceField(label=_("Who may open them"), choices=(), widget=forms.RadioSelect)

    def __init__(self, *args, complaint=None, audiences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].complaint = complaint
        self.fields["files"].from_complainant = False
        self.fields["audience"].choices = [(a.value, a.label) for a in STAFF_FILE_AUDIENCES if a in audiences]
        self.fields["audience"].initial = (
            self.fields["audience"].choices[0][0] if self.fields["audience"].choices else None
        )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if not files:
            raise forms.ValidationError(_("Choose at least one file."))
        return files


class EarlyWarningResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done"),
        help_text=_("For example: supervisor met the officer, training assigned, no action needed and why."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EarlyWarningPolicyForm(forms.ModelForm):
    class Meta:
        model = EarlyWarningPolicy
        fields = ["window_months", "complaint_threshold", "sustained_threshold"]
