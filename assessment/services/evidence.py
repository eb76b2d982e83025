"""The evidence pack of an annual assessment: one function per section, each returning plain,
JSON-serialisable data about one district's school year (1 Aug–31 Jul, core.schoolyear).

The pack is compiled once when the year opens (AnnualAssessmentFlow.compile_evidence) and kept
on the assessment, so both partners score against the same figures. It is staff reading: the
public figures, suppressed, are the dashboard's (assessment.figures).
"""

import statistics
from collections import Counter
from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone, translation

from activity.models import EnforcementEvent, Enrolment, EventType, OutreachActivity, OutreachKind
from activity.services.rates import SUBGROUP_DIMENSIONS, subgroup_rates
from assessment.models import Goal, WorkPlanTask
from assessment.services.training import training_compliance
from complaints.models import Allegation, AllegationCategory, Appeal, Complaint, FindingValue, Kind
from core.schoolyear import school_year_bounds
from feedback.models import ConcernReply, HeardItem, HeardStatus, PartnerRound, Session
from surveys.models import Purpose, Survey
from surveys.services.results import survey_results
from workflows.calendar import Closures, weekdays_between
from workflows.models import TaskDue


def evidence_pack(*, district, school_year: int) -> dict:
    """Every section of the pack, keyed as ``assessment.models.EvidenceSection``."""
    return {
        "school_year": school_year,
        "goals": goals_section(district=district, school_year=school_year),
        "contacts": contacts_section(district=district, school_year=school_year),
        "feedback": feedback_section(district=district, school_year=school_year),
        "work_plans": work_plans_section(district=district, school_year=school_year),
        "training": training_section(district=district, school_year=school_year),
        "partners": partners_section(district=district, school_year=school_year),
    }


def goals_section(*, district, school_year: int) -> list[dict]:
    """The year's goals and objectives with their measures, results and status, in order."""
    fields = ("title_en", "title_es", "measure_en", "measure_es", "result_en", "result_es", "status")
    return list(Goal.objects.filter(district=district, school_year=school_year).values(*fields))


def _in_year(school_year: int) -> dict:
    first, last = school_year_bounds(school_year)
    return {"date__gte": first, "date__lte": last}


def contacts_section(*, district, school_year: int) -> dict:
    """Police-citizen contacts from the SROs' records: enforcement events by type and by school,
    outreach activities by kind with the people reached and minutes spent."""
    events = EnforcementEvent.objects.filter(school__district=district, **_in_year(school_year))
    by_type = dict(events.values_list("type").annotate(n=Count("pk")).order_by())
    by_school = dict(events.values_list("school__name").annotate(n=Count("pk")).order_by())
    outreach = OutreachActivity.objects.filter(school__district=district, **_in_year(school_year))
    kinds = {
        kind: {"activities": n, "people_reached": people or 0, "minutes": minutes or 0}
        for kind, n, people, minutes in outreach.values_list("kind")
        .annotate(n=Count("pk"), people=Sum("people_reached"), minutes=Sum("minutes"))
        .order_by()
    }
    return {
        "rates": subgroup_rates_section(district=district, school_year=school_year, events=events),
        "events_total": sum(by_type.values()),
        "events_by_type": {key: by_type.get(key, 0) for key in EventType.values},
        "events_by_school": dict(sorted(by_school.items())),
        "outreach_total": sum(k["activities"] for k in kinds.values()),
        "outreach_by_kind": {
            key: kinds.get(key, {"activities": 0, "people_reached": 0, "minutes": 0}) for key in OutreachKind.values
        },
    }


def subgroup_rates_section(*, district, school_year: int, events) -> dict[str, list[dict]]:
    """Per student subgroup dimension: events, students enrolled, rate per 1,000 and risk ratio
    (``activity.services.rates``), with each subgroup's name in both languages."""
    enrolments = Enrolment.objects.filter(school__district=district, school_year=school_year)
    tables = {}
    for dimension in SUBGROUP_DIMENSIONS:
        rows = subgroup_rates(events=events, enrolments=enrolments, dimension=dimension)
        names = {}
        for language in ("en", "es"):
            with translation.override(language):
                names[language] = [str(row.label) for row in rows]
        tables[dimension] = [
            {
                "value": row.value,
                "label_en": en,
                "label_es": es,
                "events": row.events,
                "enrolled": row.enrolled,
                "rate_per_1000": row.rate_per_1000,
                "risk_ratio": row.risk_ratio,
            }
            for row, en, es in zip(rows, names["en"], names["es"], strict=True)
        ]
    return tables


def feedback_section(*, district, school_year: int) -> dict:
    """Community feedback: complaint statistics, survey headline results and dialogue themes."""
    return {
        "complaints": complaint_statistics(district=district, school_year=school_year),
        "surveys": survey_headlines(district=district, school_year=school_year, purpose=Purpose.CLIMATE),
        "dialogue": dialogue_section(district=district, school_year=school_year),
    }


def _year_complaints(district, school_year: int):
    first, last = school_year_bounds(school_year)
    return Complaint.objects.filter(
        school__district=district, kind=Kind.COMPLAINT, created_at__date__gte=first, created_at__date__lte=last
    )


def complaint_statistics(*, district, school_year: int) -> dict:
    """Complaints filed in the year: counts by concern and by final finding, school days from filing
    to the outcome letter (median), the share resolved with every step on time, and appeals."""
    complaints = _year_complaints(district, school_year)
    allegations = Allegation.objects.filter(complaint__in=complaints)
    by_category = Counter(allegations.values_list("category", flat=True))
    by_outcome = Counter(allegations.exclude(final_finding="").values_list("final_finding", flat=True))
    resolved = list(
        complaints.filter(outcome_letter__published_at__isnull=False).values_list(
            "pk", "created_at", "outcome_letter__published_at"
        )
    )
    days = _school_days_to_resolution(district, resolved)
    late = _late_complaint_ids([pk for pk, _created, _published in resolved])
    appeals = Appeal.objects.filter(complaint__in=complaints)
    return {
        "received": complaints.count(),
        "by_allegation": {key: by_category.get(key, 0) for key in AllegationCategory.values},
        "by_outcome": {key: by_outcome.get(key, 0) for key in FindingValue.values},
        "resolved": len(resolved),
        "median_school_days_to_resolution": statistics.median(days) if days else None,
        "share_on_time": round(1 - len(late) / len(resolved), 4) if resolved else None,
        "appeals": appeals.count(),
        "appeals_decided": appeals.exclude(decided_at=None).count(),
    }


def _school_days_to_resolution(district, resolved: list[tuple]) -> list[int]:
    if not resolved:
        return []
    dates = [(timezone.localdate(created), timezone.localdate(published)) for _pk, created, published in resolved]
    first = min(start for start, _end in dates)
    last = max(end for _start, end in dates)
    closures = Closures.load(district, first - timedelta(days=1), last)  # one query for every complaint
    return [weekdays_between(start, end) - closures.closed_weekdays(start, end) for start, end in dates]


def _late_complaint_ids(complaint_ids: list[int]) -> set[int]:
    """Complaints with a review step finished after its due date, or escalated."""
    dues = TaskDue.objects.filter(task__process__complaintprocess__complaint_id__in=complaint_ids).values_list(
        "task__process__complaintprocess__complaint_id", "due_at", "escalated_at", "task__finished"
    )
    return {
        pk
        for pk, due_at, escalated_at, finished in dues
        if escalated_at is not None or (finished is not None and finished > due_at)
    }


def survey_headlines(*, district, school_year: int, purpose: str) -> list[dict]:
    """Published surveys of ``purpose`` closing in the year: respondents and, per rating question,
    the district-wide share favourable (suppressed cells stay ``None``)."""
    first, last = school_year_bounds(school_year)
    surveys = Survey.objects.filter(
        district=district, purpose=purpose, published_at__isnull=False, closes_on__gte=first, closes_on__lte=last
    ).order_by("closes_on", "pk")
    return [_headline(survey) for survey in surveys]


def _headline(survey: Survey) -> dict:
    results = survey_results(survey=survey, visible_school_ids=None)
    questions = [
        {"code": q.question.code, "text": q.text, "favourable": q.rows[-1].favourable.value if q.rows else None}
        for q in results.questions
        if q.is_scale
    ]
    return {
        "title_en": survey.title_en,
        "title_es": survey.title_es,
        "respondents": survey.responses.count(),
        "questions": questions,
    }


def dialogue_section(*, district, school_year: int) -> dict:
    """Dialogue sessions held in the year and how many approved items were heard under each theme."""
    first, last = school_year_bounds(school_year)
    sessions = Session.objects.filter(
        district=district, cancelled_at__isnull=True, starts_at__date__gte=first, starts_at__date__lte=last
    )
    themes = (
        HeardItem.objects.filter(session__in=sessions, status=HeardStatus.APPROVED)
        .values_list("theme__name_en", "theme__name_es")
        .annotate(n=Count("pk"))
        .order_by("-n", "theme__name_en")
    )
    return {
        "sessions": sessions.count(),
        "themes": [{"name_en": en, "name_es": es, "items": n} for en, es, n in themes],
    }


def work_plans_section(*, district, school_year: int) -> list[dict]:
    """Each school's work plan tasks and whether they were done."""
    schools: dict[str, dict] = {}
    tasks = WorkPlanTask.objects.filter(school__district=district, school_year=school_year).select_related("school")
    for task in tasks.order_by("school__name", "pk"):
        plan = schools.setdefault(task.school.name, {"school": task.school.name, "tasks": [], "done": 0})
        plan["tasks"].append({"text": task.text, "done": task.done, "note": task.note})
        plan["done"] += int(task.done)
    return list(schools.values())


def training_section(*, district, school_year: int) -> dict:
    """Each SRO's training compliance (``assessment.services.training``): hours done against the
    district's requirement, overall and per required topic."""
    rows = [row.as_dict() for row in training_compliance(district=district, school_year=school_year)]
    return {"available": True, "compliance": rows, "compliant": sum(1 for row in rows if row["compliant"])}


def partners_section(*, district, school_year: int) -> list[dict]:
    """MOU partner feedback rounds opened in the year: each side's headline results and the concerns answered."""
    first, last = school_year_bounds(school_year)
    rounds = PartnerRound.objects.filter(
        district=district, created_at__date__gte=first, created_at__date__lte=last
    ).select_related("sro_survey", "school_survey")
    return [
        {
            "label": partner_round.label,
            "sro": _headline(partner_round.sro_survey) if partner_round.sro_survey else None,
            "school": _headline(partner_round.school_survey) if partner_round.school_survey else None,
            "concerns_answered": ConcernReply.objects.filter(
                answer__response__survey_id__in=[partner_round.sro_survey_id, partner_round.school_survey_id]
            ).count(),
        }
        for partner_round in rounds.order_by("created_at", "pk")
    ]
