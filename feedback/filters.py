"""The public list's filter: sessions at one school."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import School
from feedback.models import Session


class SessionFilter(django_filters.FilterSet):
    school = django_filters.ModelChoiceFilter(
        label=_("School"), field_name="schools", queryset=School.objects.filter(sessions__isnull=False).distinct()
    )

    class Meta:
        model = Session
        fields = ["school"]
