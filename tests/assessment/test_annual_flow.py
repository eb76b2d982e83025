"""The annual assessment runs from the coordinator opening the year to its approval and
publication: both sides score blind and in parallel, they reconcile, the advisory team
comments, signs off or dissents, and the superintendent and the agency head approve."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from viewflow.workflow.status import STATUS

from accounts.rules.assessment import annual_rules_held
from assessment.models import AgreedScore, AnnualProcess, Release, Score, Stage
from assessment.services import annual as services
from assessment.services.annual_read import rubric_rows, visible_sides
from core.models import AuditEvent, AuditKind
from tests.assessment.annual_world import AnnualWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual_world(db):
    return AnnualWorld()


def _score_both(w, assessment, district_score=3, agency_score=2):
    services.annual_scores_submit(
        task=w.task(assessment, "district_score"), user=w.coordinator, scores=w.scores(assessment, district_score)
    )
    services.annual_scores_submit(
        task=w.task(assessment, "agency_score"), user=w.agency_head, scores=w.scores(assessment, agency_score)
    )


def test_opening_a_year_compiles_the_evidence_and_opens_both_scoring_steps_at_once(annual_world):
    assessment = annual_world.open()
    assert assessment.stage == Stage.SCORING
    assert set(assessment.evidence) >= {"goals", "contacts", "feedback", "work_plans", "training", "partners"}
    names = {t.flow_task.name for t in services.annual_open_tasks(assessment)}
    assert names == {"district_score", "agency_score"}
    assert all(t.annual_due.due_at > t.created for t in services.annual_open_tasks(assessment))


def test_a_year_is_opened_once(annual_world):
    annual_world.open()
    with pytest.raises(ValidationError):
        annual_world.open()


def test_a_coordinator_of_another_district_cannot_open_the_year(annual_world):
    from assessment.services.annual_open import annual_open

    with pytest.raises(PermissionDenied):
        annual_open(district=annual_world.district, school_year=2025, by=annual_world.other_coordinator)


def test_each_side_sees_only_its_own_scores_until_both_have_scored(annual_world):
    w = annual_world
    assessment = w.open()
    services.annual_scores_submit(
        task=w.task(assessment, "district_score"), user=w.coordinator, scores=w.scores(assessment, 3)
    )
    assessment.refresh_from_db()
    agency_rows = rubric_rows(assessment, annual_rules_held(w.agency_head, assessment))
    assert all(row.scores == {} for row in agency_rows)
    coordinator_rows = rubric_rows(assessment, annual_rules_held(w.coordinator, assessment))
    assert all(set(row.scores) == {"district"} for row in coordinator_rows)
    assert visible_sides(assessment, annual_rules_held(w.advisory, assessment)) == []

    services.annual_scores_submit(
        task=w.task(assessment, "agency_score"), user=w.agency_head, scores=w.scores(assessment, 2)
    )
    assessment.refresh_from_db()
    assert assessment.stage == Stage.RECONCILING
    rows = rubric_rows(assessment, annual_rules_held(w.agency_head, assessment))
    assert all({s: v.score for s, v in row.scores.items()} == {"district": 3, "agency": 2} for row in rows)
    assert all(row.differs for row in rows)


def test_the_agency_cannot_do_the_districts_scoring_step(annual_world):
    w = annual_world
    assessment = w.open()
    with pytest.raises(PermissionDenied):
        services.annual_scores_submit(
            task=w.task(assessment, "district_score"), user=w.agency_head, scores=w.scores(assessment)
        )
    assert not Score.objects.exists()


def test_a_score_outside_the_criterions_levels_is_refused(annual_world):
    w = annual_world
    assessment = w.open()
    with pytest.raises(ValidationError):
        services.annual_scores_submit(
            task=w.task(assessment, "district_score"), user=w.coordinator, scores=w.scores(assessment, 9)
        )


def test_the_flow_reaches_approval_and_publication_with_a_dissent_recorded(annual_world):
    w = annual_world
    assessment = w.open()
    _score_both(w, assessment)
    services.annual_reconcile(
        task=w.task(assessment, "reconcile"), user=w.coordinator, agreed=w.scores(assessment, 3, "Agreed")
    )
    assessment.refresh_from_db()
    assert assessment.stage == Stage.ADVISORY and AgreedScore.objects.filter(assessment=assessment).count() == 12

    services.annual_note_add(
        assessment=assessment, user=w.advisory, kind="recommendation", body="Publish arrests by school."
    )
    services.annual_sign_off(assessment=assessment, user=w.advisory, agrees=True)
    assert w.task(assessment, "advisory_review") is not None  # one member still to answer
    with pytest.raises(ValidationError):
        services.annual_sign_off(assessment=assessment, user=w.advisory_two, agrees=False, reason=" ")
    services.annual_sign_off(assessment=assessment, user=w.advisory_two, agrees=False, reason="Too few outreach hours.")
    assessment.refresh_from_db()
    assert assessment.stage == Stage.APPROVAL
    assert {t.flow_task.name for t in services.annual_open_tasks(assessment)} == {
        "superintendent_approval",
        "agency_approval",
    }

    services.annual_approve(task=w.task(assessment, "superintendent_approval"), user=w.superintendent, note="")
    services.annual_approve(task=w.task(assessment, "agency_approval"), user=w.agency_head, note="Agreed.")
    assessment = AnnualProcess.objects.get(pk=assessment.pk)
    assert assessment.stage == Stage.PUBLISHED
    release = Release.objects.get(pk=assessment.release_id)
    assert (release.district, release.school_year, release.version) == (w.district, 2025, 1)
    assert release.assessment == assessment.summary
    assert (
        assessment.summary["summary"]
        == "12 criteria scored, agreed score 3.0 of 4 on average; 1 recommendation; 1 dissent."
    )
    assert assessment.status == STATUS.DONE
    summary = assessment.summary
    assert summary["summary_es"].startswith("12 criterios calificados")
    assert summary["recommendations"] == [{"text": "Publish arrests by school.", "by": "Ava Advisor"}]
    assert {"member": "Dan Dissenter", "agrees": False, "reason": "Too few outreach hours."} in summary["sign_offs"]
    assert {a["approver"] for a in summary["approvals"]} == {"superintendent", "agency_head"}
    assert {row["agreed_score"] for row in summary["rubric"]} == {3}
    assert {(row["district_score"], row["agency_score"]) for row in summary["rubric"]} == {(3, 2)}
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {
        AuditKind.ANNUAL_OPENED,
        AuditKind.ANNUAL_SCORED,
        AuditKind.ANNUAL_SIGNED_OFF,
        AuditKind.ANNUAL_APPROVED,
    } <= kinds


def test_the_superintendent_cannot_approve_for_the_agency(annual_world):
    w = annual_world
    assessment = w.open()
    _score_both(w, assessment)
    services.annual_reconcile(task=w.task(assessment, "reconcile"), user=w.coordinator, agreed=w.scores(assessment))
    services.annual_sign_off(assessment=assessment, user=w.advisory, agrees=True)
    services.annual_sign_off(assessment=assessment, user=w.advisory_two, agrees=True)
    with pytest.raises(PermissionDenied):
        services.annual_approve(task=w.task(assessment, "agency_approval"), user=w.superintendent)


def test_the_coordinator_may_close_the_advisory_review_once_someone_answered(annual_world):
    w = annual_world
    assessment = w.open()
    _score_both(w, assessment)
    services.annual_reconcile(task=w.task(assessment, "reconcile"), user=w.coordinator, agreed=w.scores(assessment))
    task = w.task(assessment, "advisory_review")
    with pytest.raises(ValidationError):
        services.annual_advisory_close(task=task, user=w.coordinator)
    services.annual_sign_off(assessment=assessment, user=w.advisory, agrees=True)
    services.annual_advisory_close(task=task, user=w.coordinator)
    assessment.refresh_from_db()
    assert assessment.stage == Stage.APPROVAL


def test_a_district_without_an_advisory_team_is_not_stuck_at_the_review(annual_world):
    from accounts.models import Membership, Role

    w = annual_world
    Membership.objects.filter(role=Role.ADVISORY).delete()
    assessment = w.open()
    _score_both(w, assessment)
    services.annual_reconcile(task=w.task(assessment, "reconcile"), user=w.coordinator, agreed=w.scores(assessment))
    services.annual_advisory_close(task=w.task(assessment, "advisory_review"), user=w.coordinator)
    assessment.refresh_from_db()
    assert assessment.stage == Stage.APPROVAL


def test_a_criterion_added_while_scoring_counts_from_the_next_year(annual_world):
    from assessment.models import Criterion, Level

    w = annual_world
    assessment = w.open()
    services.annual_scores_submit(
        task=w.task(assessment, "district_score"), user=w.coordinator, scores=w.scores(assessment)
    )
    late = Criterion.objects.create(district=w.district, code="late", section="mou", title_en="Added late")
    Level.objects.create(criterion=late, score=1, label_en="One")
    services.annual_scores_submit(
        task=w.task(assessment, "agency_score"), user=w.agency_head, scores=w.scores(assessment)
    )
    assessment.refresh_from_db()
    assert assessment.stage == Stage.RECONCILING
    assert late.pk not in assessment.criteria
    assert late.pk not in {
        row.criterion.pk for row in rubric_rows(assessment, annual_rules_held(w.coordinator, assessment))
    }
