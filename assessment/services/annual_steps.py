"""What the automatic steps of AnnualAssessmentFlow do, and its deadlines in school days."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from assessment.models import AnnualProcess, AnnualTaskDue, Stage
from assessment.services import annual_mail
from assessment.services.annual_publish import annual_publish
from assessment.services.evidence import evidence_pack
from workflows.calendar import add_school_days

# School days each human step is given (the MOU asks for the assessment within the school year's last months).
STEP_DAYS = {
    "district_score": 15,
    "agency_score": 15,
    "reconcile": 10,
    "advisory_review": 15,
    "superintendent_approval": 10,
    "agency_approval": 10,
}


def annual_deadline(district, step: str, start: datetime) -> datetime:
    """The end (23:59:59.999999 local time) of the school day on which ``step`` begun at ``start`` falls due."""
    zone = ZoneInfo(settings.TIME_ZONE)
    day = add_school_days(district, timezone.localtime(start, zone).date(), STEP_DAYS[step])
    return datetime.combine(day, time.max, tzinfo=zone)


def _process(activation) -> AnnualProcess:
    # The chain's own instance: viewflow saves it again later in the chain, so changes made on a
    # second copy would be overwritten.
    process = activation.process
    return process if isinstance(process, AnnualProcess) else AnnualProcess.objects.get(pk=process.pk)


def due(step: str):
    """The due moment of ``step`` for a task activation (viewflow timer delay)."""

    def delay(activation):
        return annual_deadline(_process(activation).district, step, timezone.now())

    return delay


def record_due(step: str):
    """Stores the task's due date so the assessment page and the reminders can read it."""

    def on_create(activation):
        due_at = annual_deadline(_process(activation).district, step, timezone.now())
        AnnualTaskDue.objects.create(task=activation.task, due_at=due_at)

    return on_create


def compile_evidence(activation) -> None:
    process = _process(activation)
    process.evidence = evidence_pack(district=process.district, school_year=process.school_year)
    process.evidence_compiled_at = timezone.now()
    process.stage = Stage.SCORING
    process.save(update_fields=["evidence", "evidence_compiled_at", "stage"])


def publish(activation) -> None:
    annual_publish(assessment=_process(activation))


def escalate(activation) -> None:
    """An overdue task: mark it and tell the coordinators; the task stays open."""
    timer_task = activation.task.previous.first()
    host_task = timer_task.previous.first() if timer_task else None
    if host_task is None:
        return
    AnnualTaskDue.objects.filter(task=host_task).update(escalated_at=timezone.now())
    annual_mail.overdue_told(assessment=_process(activation), task=host_task)
