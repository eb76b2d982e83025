from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from complaints.models import Audience, FindingValue
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
    shared_files = forms.ModelMultipleChoiceField(
        label=_("Files the police review may open"),
        help_text=_("Share only what the police review needs; files may show students (FERPA)."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, attachments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if attachments is None or not attachments.exists():
            del self.fields["shared_files"]
        else:
            self.fields["shared_files"].queryset = attachments
            self.fields["shared_files"].label_from_instance = lambda f: f.original_name

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
    """The final finding of every concern (told to the complainant beside the
    letter) and the letter itself."""

    letter = forms.CharField(
        label=_("Outcome letter to the complainant"),
        help_text=_(
            "Say only what may lawfully be disclosed: the findings, not personnel discipline. "
            "Blank lines start new paragraphs."
        ),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args, allegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.allegations = list(allegations)
        for allegation in self.allegations:
            reviews = "; ".join(f"{f.get_review_display()}: {f.get_value_display()}" for f in allegation.findings.all())
            self.fields[f"final_{allegation.pk}"] = forms.ChoiceField(
                label=_("Final finding: %(concern)s") % {"concern": allegation.get_category_display()},
                help_text=reviews,
                choices=[("", "—")] + list(FindingValue.choices),
            )
        self.order_fields([name for name in self.fields if name != "letter"] + ["letter"])

    def finals(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[f"final_{a.pk}"] for a in self.allegations}


class SecondApprovalForm(forms.Form):
    letter = forms.CharField(
        label=_("Outcome letter to the complainant"),
        help_text=_("You are the second approver: correct the letter if needed, then approve it to send it."),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class AppealDecisionForm(forms.Form):
    decision = forms.CharField(label=_("Appeal decision"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))
    audience = forms.ChoiceField(label=_("Who reads it"), widget=forms.RadioSelect)

    def __init__(self, *args, audiences=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["audience"]
        field.choices = [(value, label) for value, label in Audience.choices if value in audiences]
        # The narrowest audience first: a note is private to one's own review unless chosen otherwise.
        field.initial = next((v for v in (Audience.SCHOOL, Audience.POLICE, Audience.CASE) if v in audiences), None)


class RecusalForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["user"].queryset = people
            self.fields["user"].label_from_instance = lambda u: f"{u.full_name or u.email} <{u.email}>"


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you disagree with the outcome?"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )


class RecusalLiftForm(forms.Form):
    reason = forms.CharField(label=_("Reason for lifting"), max_length=200)
