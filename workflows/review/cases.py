"""All complaints a person may see (not only open tasks), searched with a
django-filter FilterSet: tracking code, officer, school, concern, status, how
it was received, filing dates and words in the narrative.

Who sees which complaint is accounts.rules.complaints_for (the VIEW rule,
conflicts left out); this module only narrows and pages it. Words are found
with PostgreSQL's full-text search (the 'simple' configuration: no stemming,
so English and Spanish narratives are searched alike) over the expression that
migration complaints/0008 indexes with GIN; on SQLite every word must appear
(LIKE), without an index.
"""

import datetime

import django_filters
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Officer, RosterAssignment
from accounts.rules import complaints_for, visible_agencies, visible_schools
from complaints.models import Allegation, AllegationCategory, Complaint, PublicStatus, ReceivedVia
from complaints.services.codes import tracking_code_normalise
from core.widgets import DateInput

PAGE_SIZE = 25
MAX_WORDS = 8
# Counted up to here: "more than 1,000" is as useful to a person as the exact
# number, and stops a count walking all 100,000 complaints on every page.
COUNT_CAP = 1000


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def words_q_filter(queryset: QuerySet[Complaint], text: str) -> QuerySet[Complaint]:
    """Complaints whose narrative holds every word of ``text``."""
    words = text.split()[:MAX_WORDS]
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("description", config="simple")  # the indexed expression (complaints/0008)
        return queryset.alias(narrative=vector).filter(
            narrative=SearchQuery(" ".join(words), config="simple", search_type="plain")
        )
    matches = Q()
    for word in words:
        matches &= Q(description__icontains=word)
    return queryset.filter(matches)


class CaseFilter(django_filters.FilterSet):
    """The search form of the complaints list. Built per request: the school
    and officer choices are those the person may see."""

    tracking_code = django_filters.CharFilter(label=_("Tracking code"), method="_code")
    words = django_filters.CharFilter(label=_("Words in the narrative"), method="_words")
    school = django_filters.ChoiceFilter(label=_("School"), field_name="school_id", empty_label=_("All schools"))
    officer = django_filters.ChoiceFilter(label=_("Officer"), field_name="officer_id", empty_label=_("All officers"))
    concern = django_filters.ChoiceFilter(
        label=_("Concern"), choices=AllegationCategory.choices, empty_label=_("All concerns"), method="_concern"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), field_name="public_status", choices=PublicStatus.choices, empty_label=_("All statuses")
    )
    received_via = django_filters.ChoiceFilter(
        label=_("Received via"), choices=ReceivedVia.choices, empty_label=_("Any way")
    )
    filed_from = django_filters.DateFilter(label=_("Filed on or after"), method="_from", widget=DateInput())
    filed_to = django_filters.DateFilter(label=_("Filed on or before"), method="_to", widget=DateInput())

    class Meta:
        model = Complaint
        fields = ["tracking_code", "words", "school", "officer", "concern", "status", "received_via"]

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, queryset=complaints_for(user), **kwargs)
        self.filters["school"].extra["choices"] = list(visible_schools(user).order_by("name").values_list("pk", "name"))
        # Officers of the agencies the person sees, and those rostered at their schools (a subquery: no DISTINCT).
        rostered = RosterAssignment.objects.filter(school__in=visible_schools(user)).values("officer_id")
        officers = Officer.objects.filter(Q(agency__in=visible_agencies(user)) | Q(pk__in=rostered))
        self.filters["officer"].extra["choices"] = list(
            officers.order_by("full_name", "pk").values_list("pk", "full_name")
        )

    def _code(self, queryset, name, value):
        return queryset.filter(tracking_code=tracking_code_normalise(value)) if value.strip() else queryset

    def _words(self, queryset, name, value):
        return words_q_filter(queryset, value)

    def _concern(self, queryset, name, value):
        # A subquery, not a join: no duplicate rows, so no DISTINCT.
        return queryset.filter(pk__in=Allegation.objects.filter(category=value).values("complaint_id"))

    def _from(self, queryset, name, value):
        return queryset.filter(created_at__gte=_day_start(value))

    def _to(self, queryset, name, value):
        return queryset.filter(created_at__lt=_day_start(value + datetime.timedelta(days=1)))

    @property
    def qs(self) -> QuerySet[Complaint]:
        """The matching complaints, newest first; none while any filter is invalid."""
        if not hasattr(self, "_qs"):
            if self.is_bound and not self.form.is_valid():
                self._qs = self.queryset.none()
            else:
                self._qs = self.filter_queryset(self.queryset.all()).order_by("-created_at", "-pk")
        return self._qs


_ROW_FIELDS = ["tracking_code", "created_at", "public_status", "received_via", "school__name", "officer__full_name"]


def case_rows(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """``queryset`` with what a row of the list shows: school, officer and concerns (one more query per page)."""
    concerns = Prefetch("allegations", queryset=Allegation.objects.order_by("category"))
    return queryset.select_related("school", "officer").only(*_ROW_FIELDS).prefetch_related(concerns)


class CappedPaginator(Paginator):
    """Pages of 25 that count at most COUNT_CAP + 1 matches (``is_capped``
    when there are more): pages go as deep as the cap."""

    def __init__(self, object_list, per_page=PAGE_SIZE, **kwargs):
        super().__init__(object_list, per_page, **kwargs)

    @property
    def count(self) -> int:
        if not hasattr(self, "_capped_count"):
            self._capped_count = self.object_list.order_by()[: COUNT_CAP + 1].count()
        return min(self._capped_count, COUNT_CAP)

    @property
    def is_capped(self) -> bool:
        self.count  # noqa: B018 (reads the count once)
        return self._capped_count > COUNT_CAP
