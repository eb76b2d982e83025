"""The figures of issue 13's "Reports": counts of enforcement events and each subgroup's rate and risk ratio.

Staff tables (``staff_tables``, ``quarterly_table``) are for people the rules
let read the events; every figure the public may see goes through
``public_enforcement_tables``, which applies ``core.suppression`` (primary and
complementary) to every count and hides every rate and ratio a hidden count
could be worked back out from.

A ``Table`` is what a page shows and a CSV holds: ``columns`` (header) and
``rows`` (each starting with its label); a number that cannot be computed is
None (an empty cell, "—" on a page), never 0.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import SchoolLevel
from activity.models import EnforcementEvent, Enrolment, EnrolmentDimension, EventType, Offence
from activity.services.flags import MOU_CHECKS
from activity.services.rates import SUBGROUP_DIMENSIONS, subgroup_rates
from core.i18n import pick
from core.schoolyear import school_year_bounds
from core.suppression import Earlier, Line, Shown, protect_after


@dataclass(frozen=True)
class Table:
    """One table: ``key`` (stable, names its CSV), ``title``, ``columns`` and ``rows``."""

    key: str
    title: str | Promise
    columns: tuple
    rows: list[tuple] = field(default_factory=list)

    @property
    def total(self) -> int:
        """The sum of the second column (the events), for the caption."""
        return sum(row[1] or 0 for row in self.rows)


NO_OFFENCE = _("No offence recorded")
_COUNT = _("Events")


def events_by_school(events: QuerySet, schools: QuerySet) -> list[tuple[int, str, int]]:
    """(school id, name, events) for every school in ``schools``, zero included, by name."""
    counted = dict(events.order_by().values_list("school_id").annotate(n=Count("pk")))
    return [(pk, name, counted.get(pk, 0)) for pk, name in schools.order_by("name").values_list("pk", "name")]


def events_by_type(events: QuerySet) -> list[tuple[str, str, int]]:
    """(type, its name, events) for every event type, zero included, in the list's order."""
    counted = dict(events.order_by().values_list("type").annotate(n=Count("pk")))
    return [(value, label, counted.get(value, 0)) for value, label in EventType.choices]


def events_by_offence(events: QuerySet, offences: QuerySet) -> list[tuple[int | None, str, int]]:
    """(offence id, its name, events) for every offence in ``offences`` with events, then events without one."""
    counted = dict(events.order_by().values_list("offence_id").annotate(n=Count("pk")))
    rows = [(o.pk, pick(o, "name"), counted[o.pk]) for o in offences.filter(pk__in=counted).order_by("name_en")]
    if counted.get(None):
        rows.append((None, str(NO_OFFENCE), counted[None]))
    return rows


def events_by_month(events: QuerySet) -> list[tuple[dt.date, int]]:
    """(first day of the month, events) for every month with events, oldest first."""
    months = events.order_by().annotate(month=TruncMonth("date")).values_list("month").annotate(n=Count("pk"))
    return sorted((_as_date(month), n) for month, n in months)


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def staff_tables(*, events: QuerySet, schools: QuerySet, offences: QuerySet) -> list[Table]:
    """The staff report's counts: by school (every one of ``schools``), type, offence, month and MOU check."""
    by_school = [r[1:] for r in events_by_school(events, schools)]
    by_offence = [r[1:] for r in events_by_offence(events, offences)]
    by_month = [(date_format(month, "YEAR_MONTH_FORMAT"), n) for month, n in events_by_month(events)]
    return [
        Table("schools", _("Events by school"), (_("School"), _COUNT), by_school),
        Table("types", _("Events by type"), (_("Type"), _COUNT), [r[1:] for r in events_by_type(events)]),
        Table("offences", _("Events by offence"), (_("Offence"), _COUNT), by_offence),
        Table("months", _("Events by month"), (_("Month"), _COUNT), by_month),
        Table("flags", _("Events with an MOU flag"), (_("MOU check"), _COUNT), events_by_flag(events)),
    ]


def events_by_flag(events: QuerySet) -> list[tuple[str, int]]:
    """(the check, with its MOU item, events raising it) for every MOU check, zero included; one query."""
    counted = events.aggregate(**{check.code: Count("pk", filter=check.condition) for check in MOU_CHECKS})
    item = _("MOU item %(item)s: %(check)s")
    return [(item % {"item": check.item, "check": check.label}, counted[check.code]) for check in MOU_CHECKS]


def outreach_table(*, activities: QuerySet, schools: QuerySet) -> Table:
    """Outreach per school: activities, minutes, people reached (where known) and activities whose reach is not
    known (never counted as nobody)."""
    counted = {
        row["school_id"]: row
        for row in activities.order_by()
        .values("school_id")
        .annotate(n=Count("pk"), minutes=Sum("minutes"), reached=Sum("people_reached"))
        .annotate(unknown=Count("pk", filter=Q(people_reached__isnull=True)))
    }
    empty = {"n": 0, "minutes": 0, "reached": None, "unknown": 0}
    rows = []
    for pk, name in schools.order_by("name").values_list("pk", "name"):
        row = counted.get(pk, empty)
        rows.append((name, row["n"], row["minutes"], row["reached"], row["unknown"]))
    columns = (_("School"), _("Activities"), _("Minutes"), _("People reached"), _("Activities, reach not known"))
    return Table("outreach", _("Outreach activities by school"), columns, rows)


def rate_tables(*, events: QuerySet, enrolments: QuerySet) -> list[Table]:
    """One table of rates and risk ratios per subgroup dimension (gender, race, disability, English learner,
    grade)."""
    return [subgroup_table(events=events, enrolments=enrolments, dimension=d) for d in SUBGROUP_DIMENSIONS]


SUBGROUP_COLUMNS = (_("Subgroup"), _COUNT, _("Students enrolled"), _("Rate per 1,000 students"), _("Risk ratio"))


def subgroup_table(*, events: QuerySet, enrolments: QuerySet, dimension: str) -> Table:
    """One dimension's rates: a row per subgroup (``activity.services.rates``), the unknown row last."""
    rows = subgroup_rates(events=events, enrolments=enrolments, dimension=dimension)
    label = EnrolmentDimension(dimension).label
    return Table(
        f"rates-{dimension}",
        _("Rates and risk ratios by %(dimension)s") % {"dimension": str(label).lower()},
        SUBGROUP_COLUMNS,
        [(r.label, r.events, r.enrolled, r.rate_per_1000, r.risk_ratio) for r in rows],
    )


# The school year's quarters: August–October, November–January, February–April, May–July.
QUARTERS = (1, 2, 3, 4)


def quarter_of(day: dt.date) -> int:
    """The school-year quarter ``day`` falls in (1 to 4)."""
    return (day.month - 8) % 12 // 3 + 1


def quarterly_table(*, events: QuerySet, enrolments: QuerySet, school_year: int) -> Table:
    """Events, citations and arrests per school level and quarter of ``school_year``, with the events' rate per
    1,000 students of that level (its schools' "all students" enrolment; None without one)."""
    start, end = school_year_bounds(school_year)
    counted = (
        events.filter(date__range=(start, end))
        .order_by()
        .annotate(month=TruncMonth("date"))
        .values_list("school__level", "month", "type")
        .annotate(n=Count("pk"))
    )
    cells: dict[tuple[str, int], dict[str, int]] = {}
    for level, month, kind, n in counted:
        cell = cells.setdefault((level, quarter_of(_as_date(month))), {})
        cell[kind] = cell.get(kind, 0) + n
    enrolled = dict(
        enrolments.filter(school_year=school_year, dimension=EnrolmentDimension.ALL)
        .order_by()
        .values_list("school__level")
        .annotate(n=Sum("count"))
    )
    rows = []
    for level, level_label in SchoolLevel.choices:
        if level == SchoolLevel.OTHER and not any(key[0] == level for key in cells):
            continue
        for quarter in QUARTERS:
            cell = cells.get((level, quarter), {})
            total = sum(cell.values())
            rate = round(total * 1000 / enrolled[level], 1) if enrolled.get(level) else None
            label = _("%(level)s, quarter %(quarter)s") % {"level": level_label, "quarter": quarter}
            rows.append((label, total, cell.get(EventType.CITATION, 0), cell.get(EventType.ARREST, 0), rate))
    columns = (_("Level and quarter"), _COUNT, _("Citations"), _("Arrests"), _("Rate per 1,000 students"))
    return Table("quarterly", _("Events by school level and quarter"), columns, rows)


def district_offences(district_ids) -> QuerySet:
    return Offence.objects.filter(district_id__in=district_ids)


# ---- Public figures ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicRow:
    """One row of a public table: ``key`` (stable), ``label`` and its ``cells`` (``core.suppression.Shown``,
    in the order of the table's ``columns`` after the first)."""

    key: object
    label: str
    cells: tuple[Shown, ...]


@dataclass(frozen=True)
class PublicTable:
    """A table the public may see: ``key`` ("schools", "types", "offences", "rates-<dimension>"), ``title``,
    ``columns`` (the first names the rows' labels), ``rows``, the district's ``total`` events (a ``Shown``) and
    ``notes`` (sentences to print under it)."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[PublicRow]
    total: Shown
    notes: tuple[str, ...] = ()


_TOTAL = "total"


def public_enforcement_tables(
    *, district, school_year: int, threshold: int, earlier: Earlier | None = None
) -> list[PublicTable]:
    """The district's enforcement figures for ``school_year`` as the public dashboard shows them.

    Returns, in this order: events by school ("schools", every school, zero included), by type ("types"), by
    offence ("offences", offences with events and "no offence recorded"), then one table per subgroup dimension
    ("rates-gender", "rates-race", "rates-disability", "rates-english_learner", "rates-grade") whose cells are
    events, students enrolled, rate per 1,000 and risk ratio (the unknown row last, enrolled/rate/ratio None).
    Each table is a line whose margin is the district's total: a count under ``threshold`` is hidden, and so
    are enough others that no hidden count can be worked out (``core.suppression.protect_lines``, across every
    table at once). A rate is hidden with its count; a risk ratio also when it would give away part of the
    hidden counts. Enrolment is shown as it is (it counts no event). Values are ``Shown``: ``.value`` None
    and ``.suppressed`` True when hidden; ``.value`` None and not suppressed when not computable.
    ``earlier``: what a previous release of these figures showed and hid (``core.suppression.protect_after``),
    keyed ``(table key, str(row key))`` and ``"total"``, each the count of events.
    """
    start, end = school_year_bounds(school_year)
    events = EnforcementEvent.objects.filter(school__district=district, date__range=(start, end))
    enrolments = Enrolment.objects.filter(school__district=district, school_year=school_year)
    parts = {
        "schools": [(pk, name, n) for pk, name, n in events_by_school(events, district.schools.all())],
        "types": [(value, str(label), n) for value, label, n in events_by_type(events)],
        "offences": events_by_offence(events, district_offences([district.pk])),
    }
    rates = {d: subgroup_rates(events=events, enrolments=enrolments, dimension=d) for d in SUBGROUP_DIMENSIONS}
    count = events.count()
    hidden = _public_hidden(count, parts, rates, threshold, earlier)
    total = Shown.of(count, _TOTAL in hidden)
    note = str(_PUBLIC_NOTE) % {"threshold": threshold}
    titles = {"schools": _("Events by school"), "types": _("Events by type"), "offences": _("Events by offence")}
    heads = {"schools": _("School"), "types": _("Type"), "offences": _("Offence")}
    tables = [
        PublicTable(
            name,
            str(titles[name]),
            (str(heads[name]), str(_COUNT)),
            [PublicRow(key, label, (Shown.of(n, (name, str(key)) in hidden),)) for key, label, n in rows],
            total,
            (note,),
        )
        for name, rows in parts.items()
    ]
    tables += [_public_rates(dimension, rows, hidden, total, note) for dimension, rows in rates.items()]
    return tables


def _public_hidden(total: int, parts: dict, rates: dict, threshold: int, earlier: Earlier | None) -> set:
    """The cells to hide: every table is a line whose margin is the district's total, protected together."""
    counts = {_TOTAL: total}
    lines = []
    for name, rows in parts.items():
        counts.update({(name, str(key)): n for key, _label, n in rows})
        lines.append(Line(_TOTAL, tuple((name, str(key)) for key, _label, _n in rows)))
    for dimension, rows in rates.items():
        key = f"rates-{dimension}"
        counts.update({(key, str(r.value)): r.events for r in rows})
        lines.append(Line(_TOTAL, tuple((key, str(r.value)) for r in rows)))
    return protect_after(counts, lines, threshold=threshold, earlier=earlier)


_PUBLIC_NOTE = _(
    "Counts of fewer than %(threshold)s events are not shown, nor enough other counts to work them out. "
    "Rates are per 1,000 students enrolled; a risk ratio compares a group's rate with that of all other students "
    "(1 is the same rate). Events whose student's group is not known are counted apart."
)


def _public_rates(dimension: str, rows: list, hidden: set, total: Shown, note: str) -> PublicTable:
    in_line = {r.value for r in rows if (f"rates-{dimension}", str(r.value)) in hidden}
    enrolled = {r.value for r in rows if r.enrolled is not None and not r.unknown}
    public_rows = []
    for r in rows:
        own_hidden = r.value in in_line
        # The ratio gives away the events of every other enrolled group together: safe when that sum holds
        # none of the hidden counts or all of them (their sum is the total minus the shown counts anyway).
        revealed = in_line & (enrolled - {r.value})
        ratio_hidden = own_hidden or (r.events and revealed and revealed != in_line)
        cells = (
            Shown.of(r.events, own_hidden),
            Shown.of(r.enrolled, False),
            Shown.of(r.rate_per_1000, own_hidden),
            Shown.of(r.risk_ratio, bool(ratio_hidden)),
        )
        public_rows.append(PublicRow(r.value, str(r.label), cells))
    title = _("Rates and risk ratios by %(dimension)s") % {
        "dimension": str(EnrolmentDimension(dimension).label).lower()
    }
    return PublicTable(
        f"rates-{dimension}", title, tuple(str(c) for c in SUBGROUP_COLUMNS), public_rows, total, (note,)
    )
