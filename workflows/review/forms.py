from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import FindingValue
from workflows.models import Route


class TriageForm(forms.Form):
    route = forms.ChoiceField(label=_("Route"), choices=Route.choices, widget=forms.RadioSelect)
    emergency = forms.BooleanField(
        label=_("Emergency: a real and immediate threat (alerts the coordinator and the agency now)"), required=False
    )
    explanation = forms.CharField(
        label=_("Explanation for the complainant (required when outside scope)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("route") == Route.OUT_OF_SCOPE and not data.get("explanation", "").strip():
            self.add_error("explanation", _("Explain to the complainant why this is outside scope."))
        return data


class FindingsForm(forms.Form):
    """One finding and the actions taken for every allegation of the complaint."""

    def __init__(self, *args, allegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.allegations = list(allegations)
        for allegation in self.allegations:
            self.fields[f"finding_{allegation.pk}"] = forms.ChoiceField(
                label=_("Finding: %(concern)s") % {"concern": allegation.get_category_display()},
                choices=[("", "—")] + list(FindingValue.choices),
            )
            self.fields[f"actions_{allegation.pk}"] = forms.CharField(
                label=_("Actions taken: %(concern)s") % {"concern": allegation.get_category_display()},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def findings(self) -> dict[int, tuple[str, str]]:
        return {
            a.pk: (self.cleaned_data[f"finding_{a.pk}"], self.cleaned_data[f"actions_{a.pk}"]) for a in self.allegations
        }


class OutcomeForm(forms.Form):
    letter = forms.CharField(
        label=_("Outcome letter to the complainant"),
        help_text=_("Say only what may lawfully be disclosed: the findings, not personnel discipline."),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class AppealDecisionForm(forms.Form):
    decision = forms.CharField(label=_("Appeal decision"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))
    public = forms.BooleanField(
        label=_("Public: show this message to the complainant on the tracking page"), required=False
    )


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you disagree with the outcome?"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )
