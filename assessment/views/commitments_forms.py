"""Forms and filters of the "you said, we did" pages (staff and public)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import District
from assessment.models import Commitment, CommitmentStatus, CommitmentUpdate
from assessment.services.commitments import COMMITMENT_FIELDS, NAMED_KINDS, source_ref_problem
from assessment.views.training_forms import school_year_choices
from core.widgets import DateInput


class CommitmentFilter(django_filters.FilterSet):
    school_year = django_filters.ChoiceFilter(
        label=_("School year"), choices=school_year_choices, empty_label=_("Every school year")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CommitmentStatus.choices, empty_label=_("Every status")
    )

    class Meta:
        model = Commitment
        fields = ["school_year", "status"]


class PublicCommitmentFilter(CommitmentFilter):
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.order_by("name"), empty_label=_("Every district")
    )

    class Meta:
        model = Commitment
        fields = ["district", "school_year", "status"]


class CommitmentForm(forms.ModelForm):
    school_year = forms.TypedChoiceField(label=_("School year"), choices=school_year_choices, coerce=int)

    class Meta:
        model = Commitment
        fields = ["district", *COMMITMENT_FIELDS]
        widgets = {
            "due_on": DateInput(),
            "concern_en": forms.Textarea(attrs={"rows": 3}),
            "concern_es": forms.Textarea(attrs={"rows": 3}),
            "action_en": forms.Textarea(attrs={"rows": 4}),
            "action_es": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["district"].empty_label = None
        if len(districts) == 1:
            self.fields["district"].widget = forms.HiddenInput()
            self.fields["district"].initial = districts[0].pk

    def clean(self):
        data = super().clean()
        district = data.get("district") or (self.instance.district if self.instance.pk else None)
        kind, ref = data.get("source_kind"), data.get("source_ref", "")
        if kind and district:
            problem = source_ref_problem(kind=kind, ref=ref, district=district)
            if problem:
                self.add_error("source_ref", problem)
        if kind and not (kind in NAMED_KINDS and ref) and not data.get("source_label_en"):
            self.add_error(
                "source_label_en",
                _("Write where it came from, as the public page shows it: this source has no name of its own."),
            )
        return data


class CommitmentUpdateForm(forms.ModelForm):
    class Meta:
        model = CommitmentUpdate
        fields = ["date", "text_en", "text_es", "status"]
        widgets = {
            "date": DateInput(),
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "text_es": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Unchanged")), *CommitmentStatus.choices]
