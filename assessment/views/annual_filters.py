"""django-filter sets of the assessment's staff lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from assessment.models import Goal, WorkPlanTask


def _years():
    from assessment.views.annual_forms import year_choices

    return year_choices(back=4)


class GoalFilter(django_filters.FilterSet):
    school_year = django_filters.TypedChoiceFilter(label=_("School year"), choices=_years, coerce=int)

    class Meta:
        model = Goal
        fields = ["school_year"]


class WorkPlanFilter(django_filters.FilterSet):
    school_year = django_filters.TypedChoiceFilter(label=_("School year"), choices=_years, coerce=int)
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None)

    class Meta:
        model = WorkPlanTask
        fields = ["school_year", "school"]

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["school"].queryset = schools
