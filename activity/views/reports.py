"""Staff report pages of the SRO records: counts, subgroup rates, the quarterly view by level, CSV of every table.

Counts are of the events the person may read (``ActivityRule.VIEW``); rates
and risk ratios only of those whose demographics they may read, against the
enrolment of the schools they may open (police reviewers get no rates).
"""

import math

import django_filters
from django import forms
from django.db.models import Max, Min
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.models import School, SchoolLevel
from accounts.rules import (
    ActivityRule,
    activity_demographics_shown,
    activity_records_for,
    coordinated_districts,
    is_coordinator,
    visible_schools,
)
from activity.filters import MonthFilter
from activity.models import EnforcementEvent, Enrolment, EventType
from activity.services.reports import Table, district_offences, quarterly_table, rate_tables, staff_tables
from activity.services.state_reports import STATE_REPORTS, state_report_rows
from activity.views.records import ActivityAreaView, filter_note
from core.audit import AuditKind, audit_record
from core.charts import chart_bars
from core.csv_export import csv_response
from core.schoolyear import school_year_bounds, school_year_label, school_year_of
from core.suppression import Shown


class ReportFilter(django_filters.FilterSet):
    """School year (this one unless chosen), school, level, type, offence, month."""

    school_year = django_filters.TypedChoiceFilter(
        label=_("School year"), coerce=int, method="filter_school_year", required=True
    )
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=None, empty_label=_("Every school"))
    level = django_filters.ChoiceFilter(
        label=_("Level"), field_name="school__level", choices=SchoolLevel.choices, empty_label=_("Every level")
    )
    type = django_filters.ChoiceFilter(label=_("Type"), choices=EventType.choices, empty_label=_("Every type"))
    offence = django_filters.ModelChoiceFilter(label=_("Offence"), queryset=None, empty_label=_("Every offence"))
    month = MonthFilter(label=_("Month"), widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}))

    class Meta:
        model = EnforcementEvent
        fields = ["school_year", "school", "level", "type", "offence", "month"]

    def __init__(self, data, *args, user, years: list[int], **kwargs):
        data = data.copy()
        data.setdefault("school_year", str(years[0]))
        super().__init__(data, *args, **kwargs)
        self.filters["school_year"].extra["choices"] = [(y, school_year_label(y)) for y in years]
        self.schools = visible_schools(user).order_by("name")
        self.filters["school"].queryset = self.schools
        self.filters["offence"].queryset = district_offences(self.schools.values("district_id")).order_by("name_en")

    def filter_school_year(self, queryset, name, value):
        return queryset.filter(date__range=school_year_bounds(value))

    @property
    def chosen_year(self) -> int:
        return self.form.cleaned_data["school_year"]

    def chosen_schools(self):
        """The schools the figures cover (the filter's school and level), for the enrolment."""
        schools, data = self.schools, self.form.cleaned_data
        if data.get("school"):
            schools = schools.filter(pk=data["school"].pk)
        if data.get("level"):
            schools = schools.filter(level=data["level"])
        return schools


def school_years(events) -> list[int]:
    """The school years the person's events span, newest first, always with this one."""
    span = events.aggregate(first=Min("date"), last=Max("date"))
    now = school_year_of(timezone.localdate())
    first = school_year_of(span["first"]) if span["first"] else now
    last = max(now, school_year_of(span["last"])) if span["last"] else now
    return list(range(last, first - 1, -1))


class _ReportView(ActivityAreaView):
    """The filtered figures of the events the person reaches; an invalid filter shows its errors, no figures."""

    def tables(self, build=None) -> tuple[ReportFilter, list[Table]]:
        user = self.request.user
        events = activity_records_for(user, "EnforcementEvent", ActivityRule.VIEW)
        found = ReportFilter(self.request.GET, queryset=events, user=user, years=school_years(events))
        if not found.is_valid():
            return found, []
        return found, (build or self.build)(found, user)

    def build(self, found: ReportFilter, user) -> list[Table]:
        offences = district_offences(found.schools.values("district_id"))
        # Every school in scope, and any other school where one of the person's events happened (a reviewer's
        # officer no longer rostered there), so the schools add up to the other tables.
        schools = found.chosen_schools() | School.objects.filter(pk__in=found.qs.values("school_id"))
        tables = staff_tables(events=found.qs, schools=schools, offences=offences)
        if activity_demographics_shown(user):
            # Rates count only the events whose demographics the person may read.
            readable = found.filter_queryset(activity_records_for(user, "EnforcementEvent", ActivityRule.DEMOGRAPHICS))
            enrolments = Enrolment.objects.filter(school__in=found.chosen_schools(), school_year=found.chosen_year)
            tables += rate_tables(events=readable, enrolments=enrolments)
        return tables


class ReportView(_ReportView):
    """The report page: every table, with a chart of the events' share by type."""

    def get(self, request):
        found, tables = self.tables()
        audit_record(
            actor=request.user,
            kind=AuditKind.ACTIVITY_RECORDS_VIEWED,
            obj=None,
            note=filter_note(request),
            request=request,
        )
        by_type = next((t for t in tables if t.key == "types"), None)
        chart = type_share_chart(by_type) if by_type else None
        context = {"filter": found, "tables": tables, "chart": chart, "may_state": is_coordinator(request.user)}
        return render(request, "activity/staff/reports.html", context)


def type_share_chart(table: Table):
    """Each type's share of the events (%): the chart beside the counts by type."""
    total = table.total
    values = [Shown.of(round(100 * n / total, 1) if total else None, False) for _label, n in table.rows]
    top = max((v.value or 0 for v in values), default=0)
    return chart_bars(
        title=str(_("Share of events by type")),
        categories=[str(label) for label, _n in table.rows],
        series=[(str(_("Events")), values)],
        max_value=min(100, max(10, math.ceil(top / 10) * 10)),  # the bars fill the width
    )


def quarterly_tables(found: ReportFilter, user) -> list[Table]:
    enrolments = Enrolment.objects.filter(school__in=found.chosen_schools())
    return [quarterly_table(events=found.qs, enrolments=enrolments, school_year=found.chosen_year)]


class QuarterlyView(_ReportView):
    """Events, citations, arrests and the rate per 1,000 per school level and quarter of the chosen year."""

    def get(self, request):
        found, tables = self.tables(build=quarterly_tables)
        audit_record(
            actor=request.user,
            kind=AuditKind.ACTIVITY_RECORDS_VIEWED,
            obj=None,
            note=filter_note(request),
            request=request,
        )
        return render(request, "activity/staff/report_quarterly.html", {"filter": found, "tables": tables})


class ReportExportView(_ReportView):
    """One table of the report (or the quarterly view) as formula-safe CSV, with the same filter."""

    def get(self, request, table):
        found, tables = self.tables(build=quarterly_tables if table == "quarterly" else None)
        chosen = next((t for t in tables if t.key == table), None)
        if chosen is None:
            raise Http404
        audit_record(
            actor=request.user,
            kind=AuditKind.ACTIVITY_RECORDS_EXPORTED,
            obj=None,
            note=filter_note(request),
            request=request,
        )
        year = found.chosen_year
        return csv_response(
            filename=f"sro-{slugify(chosen.key)}-{year}.csv",
            header=[str(c) for c in chosen.columns],
            rows=chosen.rows,
        )


class StateReportForm(forms.Form):
    """Which district and school year a state report covers."""

    district = forms.ModelChoiceField(label=_("District"), queryset=None, empty_label=None)
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int)

    def __init__(self, data, *, user):
        districts = coordinated_districts(user)
        data = data.copy()
        data.setdefault("district", str(districts[0].pk))
        this_year = school_year_of(timezone.localdate())
        data.setdefault("school_year", str(this_year))
        super().__init__(data)
        self.fields["district"].queryset = districts
        years = range(this_year, this_year - 6, -1)
        self.fields["school_year"].choices = [(y, school_year_label(y)) for y in years]


class StateReportsView(ActivityAreaView):
    """The state report templates (the district's coordinator only): a year to choose and a CSV per shape."""

    def get(self, request):
        form = StateReportForm(request.GET, user=request.user)
        context = {"form": form, "reports": STATE_REPORTS.values(), "valid": form.is_valid()}
        return render(request, "activity/staff/report_state.html", context)


class StateReportExportView(ActivityAreaView):
    """One state report as CSV; an unknown shape or a bad year is 404."""

    def get(self, request, shape):
        report = STATE_REPORTS.get(shape)
        form = StateReportForm(request.GET, user=request.user)
        if report is None or not form.is_valid():
            raise Http404
        district, year = form.cleaned_data["district"], form.cleaned_data["school_year"]
        audit_record(
            actor=request.user,
            kind=AuditKind.ACTIVITY_RECORDS_EXPORTED,
            obj=district,
            note=f"{report.key} {year}",
            request=request,
        )
        rows = state_report_rows(report=report, district=district, school_year=year)
        return csv_response(filename=f"{report.key}-{district.slug}-{year}.csv", header=report.columns, rows=rows)
