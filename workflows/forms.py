"""Forms of the coordinator's audit log and calendar pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import rules
from core.models import AuditAction, AuditKind
from core.widgets import DateInput
from workflows import selectors
from workflows.models import DeadlinePolicy, SchoolCalendarClosure


class ClosureForm(forms.ModelForm):
    class Meta:
        model = SchoolCalendarClosure
        fields = ["name", "kind", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {"ends_on": _("The last day schools are closed. For a single day, repeat the first day.")}

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day closed cannot be before the first day closed."))
        return cleaned


class DeadlinePolicyForm(forms.ModelForm):
    class Meta:
        model = DeadlinePolicy
        fields = [
            "triage_days",
            "school_review_days",
            "police_review_days",
            "outcome_days",
            "appeal_window_days",
            "appeal_review_days",
        ]
        widgets = {name: forms.NumberInput(attrs={"min": 1, "max": 365}) for name in fields}


class AuditFilterForm(forms.Form):
    """The audit log's filters; all optional, read from the query string."""

    district = forms.ModelChoiceField(label=_("District"), queryset=None, required=False, empty_label=_("All"))
    kind = forms.ChoiceField(label=_("Event"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.ModelChoiceField(label=_("Who"), queryset=None, required=False, empty_label=_("Anyone"))
    record_type = forms.ModelChoiceField(label=_("Record type"), queryset=None, required=False, empty_label=_("Any"))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = rules.coordinated_districts(user)
        # Sorted by label in the reader's language: the codes' order means nothing to them.
        self.fields["kind"].choices = [("", _("Any"))] + sorted(AuditKind.choices, key=lambda choice: str(choice[1]))
        self.fields["action"].choices = [("", _("Any"))] + list(AuditAction.choices)
        self.fields["actor"].queryset = selectors.audit_actor_choices(user)
        self.fields["record_type"].queryset = selectors.audit_record_types(user)

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return cleaned

    def filters(self) -> dict:
        """The valid filters as keyword arguments for selectors.audit_events_for."""
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
