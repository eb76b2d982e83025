"""A district's enforcement figures in the shapes states (and the federal CRDC) ask for: one CSV each.

Each ``StateReport`` names the law it follows, its columns and a function
giving its rows for one district and school year. What each law asks, and
where these files only approximate it, is written in docs/activity-data.md
("State report templates"). The files go to the state, not to the public:
they are not suppressed (the state applies its own rules before publishing),
and they are exported only by the district's coordinator.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from activity.models import Disability, EnforcementEvent, EventType, Gender, RaceEthnicity, YesNoUnknown
from core.schoolyear import school_year_bounds

NOT_KNOWN = "not known"


@dataclass(frozen=True)
class StateReport:
    key: str
    title: str | Promise
    law: str
    columns: tuple[str, ...]
    rows: Callable[[QuerySet], list[list]]


def district_events(*, district, school_year: int) -> QuerySet:
    """The district's events of ``school_year``, oldest first, with what every shape reads."""
    events = EnforcementEvent.objects.filter(school__district=district, date__range=school_year_bounds(school_year))
    return events.select_related("school", "agency", "offence").order_by("date", "pk")


def _code(value: str) -> str:
    return value or NOT_KNOWN


def _offence(event) -> str:
    return event.offence.name_en if event.offence else ""


# ---- Washington, RCW 28A.320.1241(1)(c) ----------------------------------------------------------------------------

_WA_TYPES = {EventType.ARREST: "student arrest", EventType.USE_OF_FORCE: "use of force"}


def _washington_rows(events: QuerySet) -> list[list]:
    rows = []
    for e in events.filter(Q(type__in=list(_WA_TYPES)) | Q(school_discipline=True)):
        result = _WA_TYPES.get(e.type, "student discipline")
        rows.append(
            [e.school.name, e.date.isoformat(), result, e.get_type_display(), _offence(e), e.agency.name]
            + [_code(e.student_race), _code(e.student_gender), e.student_age, _code(e.student_grade)]
            + [_yes_no_unknown(e.student_disability, Disability.IEP), _yes_no_unknown(e.student_disability, "504")]
            + [_code(e.student_english_learner)]
        )
    return rows


def _yes_no_unknown(value: str, wanted: str) -> str:
    return NOT_KNOWN if not value else ("yes" if value == wanted else "no")


WASHINGTON = StateReport(
    "wa-rcw-28a-320-1241",
    _("Washington: incidents involving safety and security staff"),
    "RCW 28A.320.1241(1)(c)",
    (
        "school",
        "incident_date",
        "incident_result",
        "event_type",
        "offence",
        "law_enforcement_agency",
        "race_ethnicity",
        "gender",
        "age",
        "grade",
        "iep",
        "section_504_plan",
        "english_learner",
    ),
    _washington_rows,
)


# ---- Colorado, C.R.S. 22-32-146(5) ---------------------------------------------------------------------------------

_CO_TYPES = {EventType.ARREST: "arrest", EventType.CITATION: "summons or ticket"}


def _colorado_rows(events: QuerySet) -> list[list]:
    return [
        [e.agency.name, e.school.name, e.date.isoformat(), _CO_TYPES[e.type], _offence(e)]
        + ["yes" if e.referred_for_charging else "no", e.student_age, _code(e.student_gender), _code(e.student_race)]
        for e in events.filter(type__in=list(_CO_TYPES))
    ]


COLORADO = StateReport(
    "co-crs-22-32-146",
    _("Colorado: arrests, summonses and tickets of students"),
    "C.R.S. 22-32-146(5)",
    (
        "law_enforcement_agency",
        "school",
        "incident_date",
        "action",
        "offence",
        "referred_for_charging",
        "age",
        "gender",
        "race_ethnicity",
    ),
    _colorado_rows,
)


# ---- Utah, Utah Code 53E-3-516 -------------------------------------------------------------------------------------

_UT_ACTIONS = {
    EventType.ARREST: "arrest",
    EventType.SEARCH: "search and seizure",
    EventType.CITATION: "citation",
    EventType.PETITION: "delinquency petition",
    EventType.PROBATION_REFERRAL: "referral to the juvenile court",
    EventType.JUSTICE_REFERRAL: "referral to the juvenile court",
    EventType.USE_OF_FORCE: "use of force",
}
# Utah asks for each count in aggregate by age, grade level, race, sex and disability status.
_UT_BREAKDOWNS = (("age", "student_age"), ("grade", "student_grade"), ("race", "student_race"))
_UT_BREAKDOWNS += (("sex", "student_gender"), ("disability", "student_disability"))


def _utah_rows(events: QuerySet) -> list[list]:
    counts: Counter = Counter()
    for e in events.filter(type__in=list(_UT_ACTIONS)):
        key = (_UT_ACTIONS[e.type], _offence(e) or "no offence recorded")
        counts[(*key, "all", "all")] += 1
        for name, field in _UT_BREAKDOWNS:
            value = getattr(e, field)
            counts[(*key, name, NOT_KNOWN if value in ("", None) else str(value))] += 1
    return [[*key, n] for key, n in sorted(counts.items())]


UTAH = StateReport(
    "ut-53e-3-516",
    _("Utah: law enforcement actions by reason and student group"),
    "Utah Code 53E-3-516",
    ("action", "reason", "breakdown", "group", "count"),
    _utah_rows,
)


# ---- Federal CRDC, referrals to law enforcement and school-related arrests -----------------------------------------

_CRDC_MEASURES = (("referral to law enforcement", "referral"), ("school-related arrest", "arrest"))
_CRDC_SEXES = (Gender.MALE, Gender.FEMALE, Gender.NONBINARY)
_CRDC_RACES = [value for value, _label in RaceEthnicity.choices if value]


def _crdc_measure(event) -> str | None:
    if event.type == EventType.ARREST:
        return "arrest"
    if event.referred_for_charging or event.type in (
        EventType.CITATION,
        EventType.PETITION,
        EventType.PROBATION_REFERRAL,
        EventType.JUSTICE_REFERRAL,
    ):
        return "referral"
    return None


def _crdc_rows(events: QuerySet) -> list[list]:
    counts: Counter = Counter()
    schools = {}
    for e in events:
        measure = _crdc_measure(e)
        if measure is None:
            continue
        schools[e.school_id] = e.school.name
        group = "idea" if e.student_disability == Disability.IEP else "not_idea"
        cell = (e.school_id, measure, group)
        counts[(*cell, "total")] += 1
        counts[(*cell, f"{_code(e.student_race)}_{_code(e.student_gender)}")] += 1
        if e.student_english_learner == YesNoUnknown.YES:
            counts[(*cell, f"el_{_code(e.student_gender)}")] += 1
        if e.student_disability == Disability.SECTION_504:
            counts[(*cell, f"504_{_code(e.student_gender)}")] += 1
    rows = []
    for school_id, name in sorted(schools.items(), key=lambda item: item[1]):
        for label, measure in _CRDC_MEASURES:
            for group in ("not_idea", "idea"):
                cell = (school_id, measure, group)
                rows.append([name, label, group] + [counts[(*cell, column)] for column in _CRDC_CELLS])
    return rows


_CRDC_CELLS = tuple(
    [f"{race}_{sex}" for race in [*_CRDC_RACES, NOT_KNOWN] for sex in [*_CRDC_SEXES, NOT_KNOWN]]
    + [f"el_{sex}" for sex in [*_CRDC_SEXES, NOT_KNOWN]]
    + [f"504_{sex}" for sex in [*_CRDC_SEXES, NOT_KNOWN]]
    + ["total"]
)

CRDC = StateReport(
    "crdc-arrs",
    _("Federal CRDC: referrals to law enforcement and school-related arrests"),
    "CRDC ARRS (34 CFR 100.6(b); 20 U.S.C. 3413)",
    ("school", "measure", "disability_group", *(c.replace(" ", "_") for c in _CRDC_CELLS)),
    _crdc_rows,
)

STATE_REPORTS = {report.key: report for report in (WASHINGTON, COLORADO, UTAH, CRDC)}


def state_report_rows(*, report: StateReport, district, school_year: int) -> list[list]:
    """The rows of ``report`` for ``district``'s ``school_year``."""
    return report.rows(district_events(district=district, school_year=school_year))
