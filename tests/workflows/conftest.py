import pytest
from django.core.files.base import ContentFile

from accounts.models import Role
from complaints.models import Attachment, Audience, Recusal
from notifications.models import OutboundEmail
from tests.activity.matrix_activity import extend as activity_world
from tests.activity.matrix_imports import extend as imports_world
from tests.assessment.matrix_annual import extend as annual_world
from tests.assessment.matrix_dashboard import extend as dashboard_world
from tests.assessment.matrix_training import extend as training_world
from tests.factories import (
    AgencyFactory,
    AllegationFactory,
    ComplaintFactory,
    RosterAssignmentFactory,
    SchoolFactory,
    final_findings,
    member,
)
from tests.feedback.matrix_partner import extend as partner_world
from tests.feedback.matrix_sessions import extend as sessions_world
from tests.surveys.matrix_world import survey_world
from tests.workflows.matrix_casefile import extend as casefile_world
from tests.workflows.matrix_casework import extend as casework_world
from tests.workflows.matrix_monthly import extend as monthly_world
from tests.workflows.matrix_retention import extend as retention_world
from workflows.models import CannedResponse, Route, SchoolCalendarClosure
from workflows.review import services
from workflows.review.start import review_start

ANON = "anonymous"


class Case:
    """A complaint about an officer at a school, with every role of its district."""

    def __init__(self):
        self.school = SchoolFactory(name="Lincoln High")
        roster = RosterAssignmentFactory(school=self.school, officer__agency__district=self.school.district)
        self.officer = roster.officer
        self.agency = self.officer.agency
        self.coordinator = member(Role.COORDINATOR, district=self.school.district, email="coord@example.org")
        self.principal = member(Role.SCHOOL_ADMIN, school=self.school, email="principal@example.org")
        self.reviewer = member(Role.POLICE_REVIEWER, agency=self.agency, email="reviewer@example.org")
        self.complaint = ComplaintFactory(
            school=self.school, officer=self.officer, contact_preference="email", contact_email="fam@example.org"
        )
        self.allegations = [
            AllegationFactory(complaint=self.complaint, category="search"),
            AllegationFactory(complaint=self.complaint, category="conduct"),
        ]

    def take_to(
        self,
        stage: str,
        *,
        since: str = "",
        complaint=None,
        route: str = Route.SCHOOL,
        emergency: bool = False,
        explanation: str = "",
        shared_files=(),
        triaged_by=None,
        note: str = "",
        school_finding: str = "unfounded",
        police_finding: str = "not_sustained",
        actions: str = "",
        letter: str = "The concerns were unfounded.",
        final: str = "not_sustained",
        written_by=None,
    ) -> None:
        """Takes the complaint (``complaint``, else the case's own) through its review, one service call a step, up to
        ``stage``: "triaged" (started and routed on ``route``), "reviewed" (every review of the route records
        ``school_finding`` / ``police_finding`` with ``actions`` on each concern) or "outcome_written" (the
        coordinator approves ``letter`` with ``final`` on every concern: sent to the family, unless the district
        asks for a second approval). ``since`` names the stage already reached ("started" for a review already
        started or reopened); ``note``, when given, is a public note the coordinator adds after triage."""
        complaint = complaint or self.complaint
        steps = [s for s in STAGES if STAGES.index(since or "new") < STAGES.index(s) <= STAGES.index(stage)]
        if "started" in steps:
            review_start(complaint)
        if "triaged" in steps:
            services.triage_complete(
                task=_open_task(complaint, "triage"),
                user=triaged_by or self.coordinator,
                route=route,
                emergency=emergency,
                explanation=explanation,
                shared_files=list(shared_files),
            )
            if note:
                services.note_add(complaint=complaint, user=self.coordinator, body=note, audience=Audience.PUBLIC)
        if "reviewed" in steps:
            school = ("school", self.principal, school_finding)
            police = ("police", self.reviewer, police_finding)
            reviews = {Route.SCHOOL: [school], Route.POLICE: [police], Route.BOTH: [school, police]}[route]
            for review, user, value in reviews:
                services.review_complete(
                    task=_open_task(complaint, f"{review}_review"),
                    user=user,
                    review=review,
                    findings={a.pk: (value, actions) for a in complaint.allegations.all()},
                )
        if "outcome_written" in steps:
            services.outcome_complete(
                task=_open_task(complaint, "outcome"),
                user=written_by or self.coordinator,
                letter=letter,
                finals=final_findings(complaint, final),
            )


STAGES = ("new", "started", "triaged", "reviewed", "outcome_written")


def _open_task(complaint, node):
    task = services.open_task(complaint, node)
    assert task is not None, f"no open {node} step"
    return task


@pytest.fixture
def case(db):
    return Case()


class EveryoneOnACase:
    """A complaint routed to both reviews, with a file shared with police, a recused
    coordinator, the named officer holding a reviewer role, and one person of every
    other role in and out of its scope."""

    def __init__(self, case):
        self.case = case
        self.complaint, self.school, self.agency = case.complaint, case.school, case.agency
        self.district = case.school.district
        self.code = case.complaint.tracking_code
        district = self.district
        named = member(Role.POLICE_REVIEWER, agency=case.agency)
        case.officer.user = named
        case.officer.save()
        recused = member(Role.COORDINATOR, district=district)
        complainant = member(Role.GUARDIAN, district=district)
        self.complaint.submitted_by = complainant
        self.complaint.save()
        self.people = {
            ANON: None,
            "complainant": complainant,
            "student": member(Role.STUDENT, district=district),
            "coordinator": case.coordinator,
            "coordinator_other_district": member(Role.COORDINATOR),
            "recused_coordinator": recused,
            "school_admin": case.principal,
            "school_admin_other_school": member(Role.SCHOOL_ADMIN, school=SchoolFactory(district=district)),
            "police_reviewer": case.reviewer,
            "police_reviewer_other_agency": member(Role.POLICE_REVIEWER, agency=AgencyFactory()),
            "named_officer": named,
            "sro": member(Role.SRO, agency=case.agency),
            "advisory": member(Role.ADVISORY, district=district),
            "facilitator": member(Role.FACILITATOR, district=district),
            "superintendent": member(Role.SUPERINTENDENT, district=district),
            "agency_head": member(Role.AGENCY_HEAD, agency=case.agency),
        }
        self.attachment = Attachment(
            complaint=self.complaint, original_name="a.pdf", content_type="application/pdf", size=4, sha256="0" * 64
        )
        self.attachment.file.save("x", ContentFile(b"%PDF"), save=True)
        case.take_to("triaged", route=Route.BOTH, shared_files=[self.attachment])
        self.police_task = services.open_task(self.complaint, "police_review")
        self.recusal = Recusal.objects.create(complaint=self.complaint, user=recused, reason="Related to the family")
        self.canned = CannedResponse.objects.create(district=district, title="Hello", body="Hello")
        self.failed_mail = OutboundEmail.objects.create(
            key="matrix-failed",
            template="status_changed",
            to_email="fam@example.org",
            district=district,
            status="failed",
        )
        survey_world(self)
        sessions_world(self)
        partner_world(self)
        activity_world(self)
        training_world(self)
        retention_world(self)
        imports_world(self)
        monthly_world(self)
        dashboard_world(self)
        casework_world(self)
        casefile_world(self)
        annual_world(self)
        self.closure = SchoolCalendarClosure.objects.create(
            district=district, name="Winter break", starts_on="2026-12-21", ends_on="2027-01-01"
        )


@pytest.fixture
def everyone_on_a_case(case):
    return EveryoneOnACase(case)
