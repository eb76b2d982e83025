"""Rates per 1,000 students and risk ratios by subgroup: the one place they are computed.

``subgroup_rates`` counts enforcement events by one demographic dimension of
the student (as recorded at the time) and sets each count against the
school's enrolment of that subgroup:

* rate per 1,000 = events of the group / students enrolled in it × 1,000;
* risk ratio = the group's rate / the rate of all other students of the same
  dimension (events and enrolment of every other *known* subgroup).

Events whose student's value is not known are counted apart, in one row with
``value=""``: never in a group, never in "all other students" (nobody can say
which group they belong to), and they have no rate. A division by zero (no
enrolment, or nobody else with an event) gives ``None``, never 0: "no rate"
is not "a rate of zero".

Rates are rounded to 0.1 and risk ratios to 0.01, half up (what every page shows).
The caller scopes both querysets alike (same schools, same school year).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from activity.models import Disability, EnrolmentDimension, Gender, Grade, RaceEthnicity, YesNoUnknown

# Each dimension: the event's field and the subgroups' choices (in the order pages list them).
DIMENSION_FIELDS: dict[str, tuple[str, type]] = {
    EnrolmentDimension.GENDER: ("student_gender", Gender),
    EnrolmentDimension.RACE: ("student_race", RaceEthnicity),
    EnrolmentDimension.DISABILITY: ("student_disability", Disability),
    EnrolmentDimension.ENGLISH_LEARNER: ("student_english_learner", YesNoUnknown),
    EnrolmentDimension.GRADE: ("student_grade", Grade),
}
# The dimensions a report lists subgroups of (every one but "all").
SUBGROUP_DIMENSIONS = tuple(DIMENSION_FIELDS)
UNKNOWN_LABEL = _("Not known")
# Where the choice's own name says too little in a table of subgroups.
_LABELS = {
    EnrolmentDimension.ENGLISH_LEARNER: {
        YesNoUnknown.YES: _("English learners"),
        YesNoUnknown.NO: _("Not English learners"),
    },
    EnrolmentDimension.GRADE: {str(g): format_lazy(_("Grade {grade}"), grade=g) for g in range(1, 13)},
}


@dataclass(frozen=True)
class RateRow:
    """One subgroup: ``value`` its code ("" for students whose value is not known), ``label`` its name,
    ``events`` counted, ``enrolled`` students (None for the unknown row), ``rate_per_1000`` and
    ``risk_ratio`` (None when not computable)."""

    value: str
    label: str | Promise
    events: int
    enrolled: int | None
    rate_per_1000: float | None
    risk_ratio: float | None

    @property
    def unknown(self) -> bool:
        return self.value == ""


def _ratio(part: int | float | None, whole: int | float | None) -> float | None:
    if part is None or not whole:
        return None
    return part / whole


def _round(value: float | None, digits: int) -> float | None:
    # Half up, as people round by hand (0.125 → 0.13), not Python's half-to-even.
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def rate_per_1000(events: int, enrolled: int | None) -> float | None:
    """Events per 1,000 enrolled students, rounded to 0.1; None without enrolment."""
    rate = _ratio(events, enrolled)
    return _round(None if rate is None else rate * 1000, 1)


def risk_ratio(*, events: int, enrolled: int | None, other_events: int, other_enrolled: int | None) -> float | None:
    """The group's risk against everyone else's, rounded to 0.01; None when either risk is not computable
    or everyone else's risk is zero."""
    own, others = _ratio(events, enrolled), _ratio(other_events, other_enrolled)
    if own is None or not others:
        return None
    return _round(own / others, 2)


def _all_students(events: QuerySet, enrolments: QuerySet) -> list[RateRow]:
    count = events.count()
    enrolled = enrolments.filter(dimension=EnrolmentDimension.ALL).aggregate(n=Sum("count"))["n"]
    return [RateRow("", EnrolmentDimension.ALL.label, count, enrolled, rate_per_1000(count, enrolled), None)]


def subgroup_rates(*, events: QuerySet, enrolments: QuerySet, dimension: str) -> list[RateRow]:
    """One row per subgroup of ``dimension`` (an ``EnrolmentDimension``), in the choices' order, then
    subgroups found only in the data, then the unknown row (only when some event's value is unknown).
    ``dimension="all"`` gives one row, every event against the "all students" enrolment."""
    if dimension == EnrolmentDimension.ALL:
        return _all_students(events, enrolments)
    field, choices = DIMENSION_FIELDS[dimension]
    counted = dict(events.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
    enrolled = dict(
        enrolments.filter(dimension=dimension)
        .order_by()
        .values_list("value")
        .annotate(n=Sum("count"))
        .values_list("value", "n")
    )
    unknown = counted.pop("", 0) + counted.pop(None, 0)
    enrolled.pop("", None)  # an enrolment row "value not known" belongs to no group either
    labels = {value: label for value, label in choices.choices if value} | _LABELS.get(dimension, {})
    order = [value for value in labels if value in counted or value in enrolled]
    order += sorted((set(counted) | set(enrolled)) - set(order))
    # "All other students": every other known subgroup with an enrolment figure (events and students alike).
    known_events = sum(counted.get(value, 0) for value in enrolled)
    known_enrolled = sum(enrolled.values())
    rows = []
    for value in order:
        n, pupils = counted.get(value, 0), enrolled.get(value)
        others = None if pupils is None else known_enrolled - pupils
        ratio = risk_ratio(events=n, enrolled=pupils, other_events=known_events - n, other_enrolled=others)
        rows.append(RateRow(value, labels.get(value, value), n, pupils, rate_per_1000(n, pupils), ratio))
    if unknown:
        rows.append(RateRow("", UNKNOWN_LABEL, unknown, None, None, None))
    return rows
