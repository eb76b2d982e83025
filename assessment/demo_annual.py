"""Demo annual assessments for the demo district (``seed_demo_assessment``): goals and work plans,
last year's assessment published (with a dissent), this one in progress (the district has scored,
the agency not yet). Idempotent; ``purge_demo_assessment`` removes them."""

from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task

from accounts.demo import DEMO_DISTRICT_SLUG
from accounts.models import District, Membership, Role
from assessment.models import AnnualProcess, Criterion, Goal, WorkPlanTask
from assessment.services import annual as services
from assessment.services.annual_open import annual_open
from core.schoolyear import school_year_of

GOALS = (
    ("Fewer arrests and citations at school", "Menos arrestos y citaciones en la escuela", "met"),
    ("Every SRO completes the required training", "Cada SRO completa la capacitación requerida", "partly"),
    ("Students know how to raise a concern", "Los estudiantes saben cómo expresar una inquietud", "not_yet"),
)
TASKS = ("Lunchtime visits twice a week", "Orientation talk for new students", "Joint de-escalation drill")


def _person(district, role: str):
    return Membership.objects.filter(district=district, role=role).select_related("user").first().user


def _plans(district, year: int) -> None:
    for position, (en, es, status) in enumerate(GOALS):
        Goal.objects.get_or_create(
            district=district,
            school_year=year,
            title_en=en,
            defaults={"title_es": es, "status": status, "position": position},
        )
    for school in district.schools.order_by("name"):
        for n, text in enumerate(TASKS):
            WorkPlanTask.objects.get_or_create(
                school=school, school_year=year, text=text, defaults={"done": n % 2 == 0}
            )


def _scores(assessment, shift: int = 0) -> dict[int, tuple[int, str]]:
    ids = assessment.criteria
    return {pk: (2 + (pk + shift) % 3, "") for pk in ids}


def _run_to_publication(district, year: int) -> None:
    coordinator, chief = _person(district, Role.COORDINATOR), _person(district, Role.AGENCY_HEAD)
    advisory, superintendent = _person(district, Role.ADVISORY), _person(district, Role.SUPERINTENDENT)
    assessment = annual_open(district=district, school_year=year, by=coordinator)
    task = services.annual_open_task
    services.annual_scores_submit(task=task(assessment, "district_score"), user=coordinator, scores=_scores(assessment))
    services.annual_scores_submit(task=task(assessment, "agency_score"), user=chief, scores=_scores(assessment, 1))
    services.annual_reconcile(task=task(assessment, "reconcile"), user=coordinator, agreed=_scores(assessment))
    services.annual_note_add(
        assessment=assessment, user=advisory, kind="recommendation", body="Publish citations by school every term."
    )
    services.annual_sign_off(
        assessment=assessment, user=advisory, agrees=False, reason="Outreach at the elementary school was too thin."
    )
    if services.annual_open_task(assessment, "advisory_review"):
        services.annual_advisory_close(task=task(assessment, "advisory_review"), user=coordinator)
    services.annual_approve(task=task(assessment, "superintendent_approval"), user=superintendent)
    services.annual_approve(task=task(assessment, "agency_approval"), user=chief)


@transaction.atomic
def demo_assessment_create() -> int:
    """Seeds the demo district's assessments; returns how many were made now (0 when they exist)."""
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    this_year = school_year_of(timezone.localdate())
    made = 0
    for year in (this_year - 2, this_year - 1):
        _plans(district, year)
    if not AnnualProcess.objects.filter(district=district, school_year=this_year - 2).exists():
        _run_to_publication(district, this_year - 2)
        made += 1
    if not AnnualProcess.objects.filter(district=district, school_year=this_year - 1).exists():
        coordinator = _person(district, Role.COORDINATOR)
        assessment = annual_open(district=district, school_year=this_year - 1, by=coordinator)
        step = services.annual_open_task(assessment, "district_score")
        services.annual_scores_submit(task=step, user=coordinator, scores=_scores(assessment))
        made += 1
    return made


@transaction.atomic
def demo_assessment_purge() -> int:
    """Removes the demo district's assessments, rubric, goals, work plans and their releases; returns
    how many assessments went."""
    from assessment.models import Release

    district = District.objects.filter(slug=DEMO_DISTRICT_SLUG).first()
    if district is None:
        return 0
    processes = AnnualProcess.objects.filter(district=district)
    count = processes.count()
    Task.objects.filter(process__in=processes).delete()
    processes.delete()
    # Releases refuse Release.delete(); the demo district's own go with it (never real data).
    Release.objects.filter(district=district).delete()
    Criterion.objects.filter(district=district).delete()
    Goal.objects.filter(district=district).delete()
    WorkPlanTask.objects.filter(school__district=district).delete()
    return count
