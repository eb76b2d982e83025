"""Forms and filters of the training pages (staff and public)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import District, Officer, Role
from accounts.rules.assessment import training_attendee_users
from assessment.models import TrainingEvent, TrainingTopic
from core.schoolyear import school_year_bounds, school_year_label, school_year_of
from core.widgets import DateInput

# Who a training may be for (the roles that work with SROs).
AUDIENCE_ROLES = (Role.SRO, Role.SCHOOL_ADMIN, Role.STAFF, Role.COORDINATOR, Role.POLICE_REVIEWER, Role.AGENCY_HEAD)
# Who, besides officers, may be marked present.
ATTENDEE_ROLES = (Role.SCHOOL_ADMIN, Role.COORDINATOR, Role.AGENCY_HEAD, Role.POLICE_REVIEWER)


def school_year_choices(span: int = 6) -> list[tuple[int, str]]:
    """The current school year, the next one and the ones before it, newest first."""
    current = school_year_of(timezone.localdate())
    return [(year, school_year_label(year)) for year in range(current + 1, current - span, -1)]


class SchoolYearFilter(django_filters.ChoiceFilter):
    """A school year (1 August to 31 July) as a date range on ``field_name``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("School year"))
        kwargs.setdefault("empty_label", _("Every school year"))
        super().__init__(*args, choices=school_year_choices, **kwargs)

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        first, last = school_year_bounds(int(value))
        return qs.filter(**{f"{self.field_name}__gte": first, f"{self.field_name}__lte": last})


class TrainingEventFilter(django_filters.FilterSet):
    school_year = SchoolYearFilter(field_name="date")
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=TrainingTopic.objects.all(), empty_label=_("Every topic")
    )

    class Meta:
        model = TrainingEvent
        fields = ["school_year", "topic"]


class PublicTrainingForm(forms.Form):
    """Which district and school year the public page shows (the first district and this year by default)."""

    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.order_by("name"), empty_label=None, required=False
    )
    school_year = forms.TypedChoiceField(
        label=_("School year"), choices=school_year_choices, coerce=int, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The list starts with next year; shown unchosen, the page is about this one.
        self.fields["school_year"].initial = school_year_of(timezone.localdate())


class TrainingEventForm(forms.ModelForm):
    audience = forms.TypedMultipleChoiceField(
        label=_("Audience"),
        choices=[(role.value, role.label) for role in AUDIENCE_ROLES],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TrainingEvent
        fields = ["district", "title_en", "title_es", "date", "hours", "location", "topics", "audience"]
        fields += ["joint_with_school_staff"]
        widgets = {
            "date": DateInput(),
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["district"].empty_label = None
        if self.instance.pk:
            del self.fields["district"]
        self.fields["topics"].queryset = TrainingTopic.objects.filter(active=True)
        self.fields["topics"].required = True


class AttendanceForm(forms.Form):
    officers = forms.ModelMultipleChoiceField(
        label=_("Officers present"),
        queryset=Officer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Others present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = Officer.objects.filter(agency__district_id=event.district_id).order_by(
            "full_name", "pk"
        )
        self.fields["people"].queryset = training_attendee_users(event.district_id, ATTENDEE_ROLES)


class RequirementForm(forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=None, empty_label=None)
    role = forms.ChoiceField(label=_("Role"), choices=[(role.value, role.label) for role in AUDIENCE_ROLES])
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=TrainingTopic.objects.all(), required=False, empty_label=_("Any topic (overall)")
    )
    hours = forms.DecimalField(
        label=_("Hours each school year"),
        min_value=0,
        max_value=200,
        decimal_places=2,
        help_text=_("0 removes the requirement."),
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        if len(districts) == 1:
            self.fields["district"].widget = forms.HiddenInput()
            self.fields["district"].initial = districts[0].pk


class ComplianceForm(forms.Form):
    """Which district and school year the compliance page shows."""

    district = forms.ModelChoiceField(label=_("District"), queryset=None, empty_label=None, required=False)
    school_year = forms.TypedChoiceField(
        label=_("School year"), choices=school_year_choices, coerce=int, required=False
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        self.fields["school_year"].initial = school_year_of(timezone.localdate())
        if len(districts) == 1:
            self.fields["district"].widget = forms.HiddenInput()

    def chosen(self, districts) -> tuple:
        """The district and school year asked for (the first district and this school year by default)."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("district") or districts[0], data.get("school_year") or school_year_of(timezone.localdate())
