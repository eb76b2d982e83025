"""The demo district's SRO records (`seed_demo_activity`, DEMO_MODE only) and their removal (`purge_demo_activity`).

For every demo school: last school year and this one up to today, enforcement
events and outreach activities month by month, and enrolment by subgroup for
both years. Everything is drawn from a random generator seeded with the
school's short name, so the same day always gives the same records; each
record has an agency record number ``demo-...``, so running it again adds
only what has become due since (nothing when run twice the same day). A few
events raise MOU flags (public order citations without a threat, custody
without the principal consulted), and Black students and students with an
IEP are stopped more often, so the rates and risk ratios have something to show.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from accounts.models import District, RosterAssignment, School, SchoolLevel
from activity.models import EnforcementEvent, Enrolment, EnrolmentDimension, EventType, Offence, OutreachActivity
from core.schoolyear import school_year_of

DEMO_DISTRICT_SLUG = "riverside"
DEMO_PREFIX = "demo-"


@dataclass(frozen=True)
class Profile:
    students: int
    events_per_month: int
    outreach_per_month: int
    grades: tuple[str, ...]


PROFILES = {
    SchoolLevel.HIGH: Profile(1400, 9, 5, ("9", "10", "11", "12")),
    SchoolLevel.MIDDLE: Profile(800, 5, 4, ("6", "7", "8")),
    SchoolLevel.ELEMENTARY: Profile(450, 1, 3, ("k", "1", "2", "3", "4", "5")),
    SchoolLevel.OTHER: Profile(300, 2, 2, ("9", "10", "11", "12")),
}
# Share of the students (enrolment) and how much more often each group is stopped (weight of events).
RACES = {"hispanic": (0.38, 1.1), "black": (0.14, 2.6), "white": (0.36, 0.6), "asian": (0.07, 0.4)}
RACES |= {"two_or_more": (0.04, 1.0), "native": (0.01, 1.5)}
DISABILITY = {"iep": (0.13, 2.2), "504": (0.05, 1.3), "none": (0.82, 0.8)}
GENDERS = {"female": (0.49, 0.6), "male": (0.50, 1.4), "nonbinary": (0.01, 1.0)}
ENGLISH_LEARNER = {"yes": (0.16, 1.2), "no": (0.84, 0.95)}
TYPES = {
    EventType.CALL_FOR_SERVICE: 30,
    EventType.QUESTIONING: 18,
    EventType.SEARCH: 10,
    EventType.CITATION: 16,
    EventType.ARREST: 6,
    EventType.PETITION: 3,
    EventType.PROBATION_REFERRAL: 3,
    EventType.JUSTICE_REFERRAL: 2,
    EventType.USE_OF_FORCE: 2,
}
OFFENCE_CODES = ("disturbance", "loitering", "profanity", "fighting", "assault", "drugs", "alcohol_tobacco", "theft")
OUTREACH = ("presentation", "student_group", "orientation", "community_event", "visibility")
UNKNOWN_SHARE = 0.08


def _pick(rng: random.Random, groups: dict[str, tuple[float, float]]) -> str:
    """A group drawn by enrolment share × how often the group is stopped; now and then not known."""
    if rng.random() < UNKNOWN_SHARE:
        return ""
    values = list(groups)
    return rng.choices(values, weights=[share * weight for share, weight in groups.values()])[0]


def _months(first: dt.date, today: dt.date):
    month = first
    while month <= today:
        yield month
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _event(rng: random.Random, school: School, day: dt.date, offences: dict[str, Offence], profile: Profile) -> dict:
    kind = rng.choices(list(TYPES), weights=list(TYPES.values()))[0]
    offence = offences[rng.choice(OFFENCE_CODES)] if kind != EventType.CALL_FOR_SERVICE else None
    grade = rng.choice(profile.grades) if rng.random() > UNKNOWN_SHARE else ""
    fields = {
        "date": day,
        "type": kind,
        "offence": offence,
        "referred_for_charging": kind in (EventType.CITATION, EventType.PETITION) and rng.random() < 0.5,
        "school_officials_involved": rng.random() < 0.6,
        # Most public order citations record a threat; the rest are the MOU item 7 flags.
        "real_threat": rng.random() < 0.75,
        "school_discipline": rng.random() < 0.03,
        "student_age": None if not grade else (int(grade) + 5 if grade.isdigit() else 5),
        "student_grade": grade,
        "student_gender": _pick(rng, GENDERS),
        "student_race": _pick(rng, RACES),
        "student_disability": _pick(rng, DISABILITY),
        "student_english_learner": _pick(rng, ENGLISH_LEARNER),
    }
    if kind == EventType.ARREST:
        fields |= {"warrant": rng.random() < 0.5, "principal_consulted": rng.random() < 0.85}
        fields["guardian_notified"] = rng.random() < 0.9
    return fields


def _school_records(school: School, officer, first: dt.date, today: dt.date, offences) -> tuple[list, list]:
    rng = random.Random(f"{DEMO_PREFIX}{school.slug}")  # noqa: S311 - demo data, repeatable on purpose
    profile = PROFILES[school.level]
    events, activities = [], []
    base = {"school": school, "officer": officer, "agency_id": officer.agency_id}
    for month in _months(first, today):
        summer = month.month == 7  # no classes: hardly anything
        low, high = profile.events_per_month // 2 + 1, profile.events_per_month * 3 // 2
        for n in range(rng.randint(0, 1) if summer else rng.randint(low, high)):
            day = month.replace(day=rng.randint(1, 28))
            fields = _event(rng, school, day, offences, profile)
            events.append(
                EnforcementEvent(external_id=f"{DEMO_PREFIX}{school.slug}-{month:%Y%m}-e{n}", **base, **fields)
            )
        for n in range(0 if summer else rng.randint(profile.outreach_per_month - 1, profile.outreach_per_month + 2)):
            kind = "elementary_visit" if school.level == SchoolLevel.ELEMENTARY and n == 0 else rng.choice(OUTREACH)
            activities.append(
                OutreachActivity(
                    external_id=f"{DEMO_PREFIX}{school.slug}-{month:%Y%m}-o{n}",
                    date=month.replace(day=rng.randint(1, 28)),
                    kind=kind,
                    minutes=rng.choice((15, 20, 30, 45, 60, 90)),
                    people_reached=None if rng.random() < 0.1 else rng.randint(0, 120),
                    **base,
                )
            )
    due = [record for record in events + activities if record.date <= today]
    return [e for e in due if isinstance(e, EnforcementEvent)], [a for a in due if isinstance(a, OutreachActivity)]


def _enrolment(school: School, year: int) -> list[Enrolment]:
    profile = PROFILES[school.level]
    total = profile.students + (year % 7) * 10
    rows = [Enrolment(school=school, school_year=year, dimension=EnrolmentDimension.ALL, value="", count=total)]
    for dimension, groups in (
        (EnrolmentDimension.RACE, RACES),
        (EnrolmentDimension.GENDER, GENDERS),
        (EnrolmentDimension.DISABILITY, DISABILITY),
        (EnrolmentDimension.ENGLISH_LEARNER, ENGLISH_LEARNER),
    ):
        for value, (share, _weight) in groups.items():
            rows.append(
                Enrolment(school=school, school_year=year, dimension=dimension, value=value, count=round(total * share))
            )
    for grade in profile.grades:
        count = total // len(profile.grades)
        rows.append(
            Enrolment(school=school, school_year=year, dimension=EnrolmentDimension.GRADE, value=grade, count=count)
        )
    return rows


@transaction.atomic
def demo_activity_create(*, today: dt.date) -> tuple[int, int]:
    """Adds the demo records due by ``today`` that are missing; returns (events, activities) added.
    Raises District.DoesNotExist without the demo district."""
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    offences = {o.code: o for o in Offence.objects.filter(district=district)}
    first = dt.date(school_year_of(today) - 1, 8, 1)
    demo = {"school__district": district, "external_id__startswith": DEMO_PREFIX}
    have_events = set(EnforcementEvent.objects.filter(**demo).values_list("external_id", flat=True))
    have_activities = set(OutreachActivity.objects.filter(**demo).values_list("external_id", flat=True))
    added = [0, 0]
    for school in district.schools.order_by("slug"):
        roster = RosterAssignment.objects.filter(school=school).select_related("officer").order_by("pk").first()
        if roster is None:
            continue
        events, activities = _school_records(school, roster.officer, first, today, offences)
        new_events = [e for e in events if e.external_id not in have_events]
        new_activities = [a for a in activities if a.external_id not in have_activities]
        EnforcementEvent.objects.bulk_create(new_events)
        OutreachActivity.objects.bulk_create(new_activities)
        added[0] += len(new_events)
        added[1] += len(new_activities)
        for year in (first.year, first.year + 1):
            if not Enrolment.objects.filter(school=school, school_year=year).exists():
                Enrolment.objects.bulk_create(_enrolment(school, year))
    return added[0], added[1]


@transaction.atomic
def demo_activity_purge() -> int:
    """Deletes every SRO record and enrolment of the demo district's schools (before the district goes);
    returns how many records went."""
    schools = School.objects.filter(district__slug=DEMO_DISTRICT_SLUG)
    removed = EnforcementEvent.objects.filter(school__in=schools).delete()[0]
    removed += OutreachActivity.objects.filter(school__in=schools).delete()[0]
    Enrolment.objects.filter(school__in=schools).delete()
    return removed
