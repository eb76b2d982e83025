"""Demo complaints in every state of the review, filed and moved on through the real services.

`demo_cases_create` files each case of workflows/demo_cases.py through the
public intake service and drives its review with the same service calls staff
make from the case page. Only the clock is moved by hand: deadlines of
"overdue" cases, the appeal window of closed cases, and the last news of
"30 days without news" cases are backdated, then the real timers fire.
Running it again files nothing twice (each case has a fixed submission token).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from accounts.models import District, Membership, Officer, Role, School
from complaints.models import Audience, Complaint, ContactPreference, FilerRole, FindingValue
from complaints.services.intake import complaint_submit, draft_save
from complaints.services.tracking import complaint_reply
from core.crypto import decrypt
from workflows.demo_cases import (
    APPEAL_REVIEW,
    APPEAL_WINDOW,
    CASES,
    CLOSED,
    NOT_REVIEWED,
    OUT_OF_SCOPE,
    OUTCOME,
    REVIEW,
    TRIAGE,
    DemoCase,
)
from workflows.models import Route, TaskDue
from workflows.review import services
from workflows.review.start import review_start_pending

DEMO_DISTRICT_SLUG = "riverside"
_REVIEWS = {"school": (Route.SCHOOL, Route.BOTH), "police": (Route.POLICE, Route.BOTH)}
_BY_KEY = {case.key: case for case in CASES}
# Families and places cycled over the cases, so each case page reads like a real one.
_NAMES = {
    "en": ["Dana Whitfield", "Marcus Hill", "Priya Raman", "Tom Okafor", "Jenna Kowalski", "Luis Ortega"],
    "es": ["María González", "José Hernández", "Lucía Ramírez", "Ana Morales", "Carlos Castillo"],
}
_PLACES = ["Main hallway", "Cafeteria", "Front office", "Student parking lot", "Gym entrance", "Bus loop"]
_FINDINGS = [FindingValue.SUSTAINED, FindingValue.NOT_SUSTAINED, FindingValue.POLICY, FindingValue.UNFOUNDED]


@dataclass(frozen=True)
class Filed:
    """A demo case this run filed, with the PIN its family would have been shown."""

    case: DemoCase
    complaint: Complaint
    pin: str


@transaction.atomic
def demo_cases_create(*, today: datetime.date) -> list[Filed]:
    """Files the demo complaints the demo district does not have yet and returns them.

    Raises District.DoesNotExist when the demo district (`seed_demo`) is missing.
    """
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    people = _People(district)
    already = _filed_cases(district)
    filed = []
    for case in CASES:
        if case.key in already:
            continue
        complaint, pin = _file(case, district, today)
        _drive(case, complaint, people)
        _backdate(case, complaint)
        filed.append(Filed(case, complaint, pin))
    # The backdated timers fire as the worker would fire them.
    fire_due_timers()
    return filed


def demo_case_stages() -> dict[str, int]:
    """How many demo complaints are at each stage (for the command's summary)."""
    district = District.objects.filter(slug=DEMO_DISTRICT_SLUG).first()
    counts: dict[str, int] = {}
    for key in _filed_cases(district) if district else {}:
        stage = _BY_KEY[key].stage
        counts[stage] = counts.get(stage, 0) + 1
    return counts


def _filed_cases(district: District) -> dict[str, Complaint]:
    """The demo cases already on file, by key: a case is known by its school and its exact text."""
    by_text = {(case.school, case.description): case.key for case in CASES}
    texts = [text for _, text in by_text]
    filed = Complaint.objects.filter(school__district=district, description__in=texts).select_related("school")
    return {by_text[(c.school.slug, c.description)]: c for c in filed if (c.school.slug, c.description) in by_text}


class _People:
    """The demo staff who act on the cases, found by their role (not by name)."""

    def __init__(self, district: District):
        self.memberships = Membership.objects.filter(district=district).select_related("user")
        self.coordinator = self._one(role=Role.COORDINATOR)

    def _one(self, **filters):
        membership = self.memberships.filter(**filters).order_by("user_id").first()
        if membership is None:
            raise Membership.DoesNotExist(f"The demo district has no member with {filters}; run seed_demo first.")
        return membership.user

    def school_admin(self, complaint: Complaint):
        return self._one(role=Role.SCHOOL_ADMIN, school=complaint.school)

    def police_reviewer(self, complaint: Complaint):
        if complaint.officer_id:
            return self._one(role=Role.POLICE_REVIEWER, agency_id=complaint.officer.agency_id)
        return self._one(role=Role.POLICE_REVIEWER)


def _file(case: DemoCase, district: District, today: datetime.date) -> tuple[Complaint, str]:
    """Files ``case`` as the public form would, and returns it with its PIN."""
    n = CASES.index(case)
    school = School.objects.get(district=district, slug=case.school)
    officer = Officer.objects.get(agency__district=district, badge_number=case.officer) if case.officer else None
    draft = draft_save(draft=None, step="about", raw={"school": [str(school.pk)]})
    email = f"{case.key}@family.demo.commonground.test"
    complaint = complaint_submit(
        draft=draft,
        about={
            "kind": case.kind,
            "filer_role": FilerRole.GUARDIAN if case.contact != "none" else FilerRole.STUDENT,
            "filing_for_someone_else": case.contact != "none",
            "school": school,
            "occurred_on": today - datetime.timedelta(days=case.days_ago),
            "preferred_language": case.language,
        },
        incident={
            "officer": officer.pk if officer else None,
            "allegations": list(case.categories),
            "occurred_at_time": datetime.time(10 + len(case.key) % 6, 15),
            "location": "" if case.stage in (OUT_OF_SCOPE, NOT_REVIEWED) else _PLACES[n % len(_PLACES)],
            "description": case.description,
            "witnesses": "",
            "desired_outcome": "",
        },
        contact={
            "contact_preference": {"email": ContactPreference.EMAIL, "phone": ContactPreference.PHONE}.get(
                case.contact, ContactPreference.NONE
            ),
            "contact_name": "" if case.contact == "none" else _NAMES[case.language][n % len(_NAMES[case.language])],
            "contact_email": email if case.contact == "email" else "",
            "contact_phone": "555-0100" if case.contact == "phone" else "",
            "involves_minor": True,
            "guardian_contact": "",
        },
        files=[],
    )
    review_start_pending(complaint_id=complaint.pk)  # what the worker's start job does (no worker in the demo)
    draft.refresh_from_db()
    return complaint, decrypt(draft.data.get("pin", "")) or ""


def _drive(case: DemoCase, complaint: Complaint, people: _People) -> None:
    """Moves the complaint's review on to ``case.stage`` the way staff and the family would."""
    if case.stage == NOT_REVIEWED:
        return
    if case.reply:
        complaint_reply(complaint=complaint, body=case.reply, files=[])
    if case.stage == TRIAGE:
        _leave_open(case, complaint, "triage", people.coordinator)
        return
    services.triage_complete(
        task=services.open_task(complaint, "triage"),
        user=people.coordinator,
        route=case.route,
        emergency=case.emergency,
        explanation=_out_of_scope_text(case) if case.stage == OUT_OF_SCOPE else "",
    )
    _talk(case, complaint, people.coordinator)
    if case.stage == OUT_OF_SCOPE:
        return
    _reviews(case, complaint, people)
    if case.stage != REVIEW:
        _outcome_and_appeal(case, complaint, people.coordinator)


def _reviews(case: DemoCase, complaint: Complaint, people: _People) -> None:
    """Records the findings of every review the route needs, except those the case leaves open."""
    needed = [review for review, routes in _REVIEWS.items() if case.route in routes]
    left_open = (case.pending or tuple(needed)) if case.stage == REVIEW else ()
    for review in needed:
        node = f"{review}_review"
        if review in left_open and not case.claimed:
            # Roosevelt and Garfield have no school administrator: the coordinator holds these, unclaimed.
            _leave_open(case, complaint, node, None)
            continue
        actor = people.school_admin(complaint) if review == "school" else people.police_reviewer(complaint)
        if review in left_open:
            _leave_open(case, complaint, node, actor)
        else:
            services.review_complete(
                task=services.open_task(complaint, node), user=actor, review=review, findings=_findings(case, complaint)
            )


def _outcome_and_appeal(case: DemoCase, complaint: Complaint, coordinator) -> None:
    """The outcome letter, then the appeal window: left open, run out, or appealed (and decided)."""
    if case.stage == OUTCOME:
        _leave_open(case, complaint, "outcome", coordinator)
        return
    services.outcome_complete(
        task=services.open_task(complaint, "outcome"),
        user=coordinator,
        letter=_letter(case),
        finals=_finals(complaint),
    )
    if case.stage == APPEAL_WINDOW:
        return
    if case.stage == CLOSED and not case.appealed:
        _expire(services.open_task(complaint, "appeal_window"))
        return
    services.appeal_file(complaint=complaint, reason=_appeal_reason(case))
    if case.stage == APPEAL_REVIEW:
        return
    services.appeal_decide(
        task=services.open_task(complaint, "appeal_review"), user=coordinator, decision=_appeal_decision(case)
    )


def _leave_open(case: DemoCase, complaint: Complaint, node: str, actor) -> None:
    """The case waits at ``node``: claimed by ``actor`` if the case says so, past its deadline if overdue."""
    task = services.open_task(complaint, node)
    if case.claimed:
        services.task_claim(task=task, user=actor)
    if case.overdue:
        TaskDue.objects.filter(task=task).update(due_at=timezone.now() - datetime.timedelta(days=2))
        _expire(task)


def _expire(task: Task) -> None:
    """Makes the deadline timer of ``task`` due now; fire_due_timers then escalates (or closes) as it would."""
    Task.objects.filter(flow_task_type="TIMER", status=STATUS.SCHEDULED, previous=task).update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )


def _backdate(case: DemoCase, complaint: Complaint) -> None:
    """Old cases were filed long ago; a stale one has had no news for over 30 days."""
    if not (case.overdue or case.stale):
        return
    now = timezone.now()
    changes = {"created_at": now - datetime.timedelta(days=max(case.days_ago - 1, 0))}
    if case.stale:
        changes["complainant_updated_at"] = now - datetime.timedelta(days=31)
    Complaint.objects.filter(pk=complaint.pk).update(**changes)


def _finals(complaint: Complaint) -> dict[int, str]:
    """The coordinator's final finding: the reviews' where they agree, else the school review's."""
    finals = {}
    for allegation in complaint.allegations.prefetch_related("findings"):
        values = sorted(allegation.findings.all(), key=lambda f: f.review != "school")
        finals[allegation.pk] = values[0].value if values else "informal"
    return finals


def _talk(case: DemoCase, complaint: Complaint, coordinator) -> None:
    # The one place that writes notes and messages.
    if case.note:
        services.note_add(complaint=complaint, user=coordinator, body=case.note, audience=Audience.CASE)
    if case.message:
        services.note_add(complaint=complaint, user=coordinator, body=case.message, audience=Audience.PUBLIC)


def _findings(case: DemoCase, complaint: Complaint) -> dict[int, tuple[str, str]]:
    actions = "Officer to repeat the district's training on this." if case.language == "en" else ""
    return {
        allegation.pk: (_FINDINGS[(n + len(case.key)) % len(_FINDINGS)], actions)
        for n, allegation in enumerate(complaint.allegations.order_by("pk"))
    }


def _es(case: DemoCase, english: str, spanish: str) -> str:
    return spanish if case.language == "es" else english


def _out_of_scope_text(case: DemoCase) -> str:
    return _es(
        case,
        "This is not about the school resource officer program, so we cannot review it here. "
        "The city's police department takes complaints about its officers at 555-0199.",
        "Esto no trata del programa de oficiales escolares, así que no podemos revisarlo aquí. "
        "Puede comunicarse con el distrito escolar en el 555-0198.",
    )


def _letter(case: DemoCase) -> str:
    return _es(
        case,
        "We have finished reviewing your complaint.\n\nWe spoke with the people involved and read the "
        "records. The findings are listed below. If you disagree, you can appeal from the tracking page.",
        "Hemos terminado de revisar su queja.\n\nHablamos con las personas involucradas y leímos los "
        "registros. Si no está de acuerdo, puede apelar desde la página de seguimiento.",
    )


def _appeal_reason(case: DemoCase) -> str:
    return _es(
        case,
        "Nobody talked to the students who saw it happen.",
        "Nadie habló con los estudiantes que lo vieron.",
    )


def _appeal_decision(case: DemoCase) -> str:
    return _es(
        case,
        "We talked to two more witnesses. The finding stands, and the officer will be retrained.",
        "Hablamos con dos testigos más. La decisión se mantiene y el oficial recibirá capacitación.",
    )
