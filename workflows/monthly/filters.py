"""Filters of the monthly review pages: the reviews list and the flags-and-resolutions table."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.rules import visible_schools
from activity.filters import MonthFilter
from activity.models import EnforcementEvent, FlagResolution
from activity.services.flags import CHECKS_BY_CODE, MOU_CHECKS, unresolved_q
from workflows.monthly.models import MonthlyReview

_MONTH_WIDGET = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})


class ReviewState:
    OPEN = "open"
    ACCEPTED = "accepted"
    CHOICES = [(OPEN, _("Open")), (ACCEPTED, _("Accepted"))]


class ReviewFilter(django_filters.FilterSet):
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None, empty_label=_("Every school"))
    month = MonthFilter(label=_("Month"), method="filter_month", widget=_MONTH_WIDGET)
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=ReviewState.CHOICES, empty_label=_("Any state"), method="filter_state"
    )

    class Meta:
        model = MonthlyReview
        fields = ["school", "month", "state"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["school"].queryset = visible_schools(user).order_by("name")

    def filter_month(self, queryset, name, value):
        return queryset.filter(month=value) if value else queryset

    def filter_state(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(accepted_at__isnull=value == ReviewState.OPEN)


class FlagFilter(django_filters.FilterSet):
    """Flagged events: by school, month, flag and whether every flag has a resolution."""

    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None, empty_label=_("Every school"))
    month = MonthFilter(label=_("Month"), widget=_MONTH_WIDGET)
    flag = django_filters.ChoiceFilter(
        label=_("Flag"),
        choices=[(c.code, c.label) for c in MOU_CHECKS],
        empty_label=_("Every flag"),
        method="filter_flag",
    )
    unresolved = django_filters.BooleanFilter(
        label=_("Only flags without a resolution"), method="filter_unresolved", widget=forms.CheckboxInput
    )

    class Meta:
        model = EnforcementEvent
        fields = ["school", "month", "flag", "unresolved"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["school"].queryset = visible_schools(user).order_by("name")
        self.chosen_flag = ""

    def filter_flag(self, queryset, name, value):
        self.chosen_flag = value or ""
        return queryset.filter(CHECKS_BY_CODE[value].condition) if value else queryset

    def filter_unresolved(self, queryset, name, value):
        if not value:
            return queryset
        if self.data.get("flag") in CHECKS_BY_CODE:
            resolved = FlagResolution.objects.filter(event=OuterRef("pk"), code=self.data["flag"])
            return queryset.filter(~Q(Exists(resolved)))
        return queryset.filter(unresolved_q())
