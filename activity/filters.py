"""The staff list's filter: school, type, offence, month, flagged."""

import datetime as dt

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.rules import visible_schools
from activity.models import EnforcementEvent, EventType, Offence, OutreachActivity, OutreachKind
from activity.services.flags import flagged_q


class MonthField(forms.CharField):
    """A month as YYYY-MM (the browser's month picker sends that)."""

    default_error_messages = {"invalid": _("Enter a month as YYYY-MM.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return dt.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class MonthFilter(django_filters.Filter):
    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        # A range, not EXTRACT(month), so the (…, date) indexes serve it.
        following = (value.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return qs.filter(date__gte=value, date__lt=following)


class EventFilter(django_filters.FilterSet):
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None, empty_label=_("Every school"))
    type = django_filters.ChoiceFilter(label=_("Type"), choices=EventType.choices, empty_label=_("Every type"))
    offence = django_filters.ModelChoiceFilter(label=_("Offence"), queryset=None, empty_label=_("Every offence"))
    month = MonthFilter(label=_("Month"), widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}))
    flagged = django_filters.BooleanFilter(
        label=_("Only events with an MOU flag"), method="filter_flagged", widget=forms.CheckboxInput
    )

    class Meta:
        model = EnforcementEvent
        fields = ["school", "type", "offence", "month", "flagged"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        schools = visible_schools(user).order_by("name")
        self.filters["school"].queryset = schools
        districts = schools.values("district_id")
        self.filters["offence"].queryset = Offence.objects.filter(district_id__in=districts).order_by("name_en")

    def filter_flagged(self, queryset, name, value):
        return queryset.filter(flagged_q()) if value else queryset


class OutreachFilter(django_filters.FilterSet):
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None, empty_label=_("Every school"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OutreachKind.choices, empty_label=_("Every kind"))
    month = MonthFilter(label=_("Month"), widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}))

    class Meta:
        model = OutreachActivity
        fields = ["school", "kind", "month"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["school"].queryset = visible_schools(user).order_by("name")
