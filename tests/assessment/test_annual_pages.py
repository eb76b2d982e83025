"""The annual assessment's staff pages: opening a year, doing a step through its form, blind
scoring on the page, the advisory team's answers, goals, work plans and the rubric."""

import re

import pytest
from django.urls import reverse

from assessment.models import Criterion, Goal, Score, SignOff, Stage, WorkPlanTask
from core.models import AuditEvent, AuditKind
from tests.assessment.annual_world import AnnualWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual_world(db):
    return AnnualWorld()


def _score_data(task, assessment, score=3, note=""):
    data = {}
    for pk in assessment.criteria:
        data[f"t{task.pk}-c{pk}_score"] = str(score)
        data[f"t{task.pk}-c{pk}_note"] = note
    return data


def test_a_coordinator_opens_a_year_from_the_list(client, annual_world):
    client.force_login(annual_world.coordinator)
    url = reverse("staff:assessment:annual_list")
    response = client.post(url, {"district": annual_world.district.pk, "school_year": "2025"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "District scores the rubric" in page.content.decode()


def test_opening_the_same_year_twice_says_so_next_to_the_year(client, annual_world):
    annual_world.open()
    client.force_login(annual_world.coordinator)
    response = client.post(
        reverse("staff:assessment:annual_list"), {"district": annual_world.district.pk, "school_year": "2025"}
    )
    assert response.status_code == 200
    assert "is already open" in response.content.decode()


def test_the_district_scores_through_its_form_and_the_agency_cannot_read_those_scores(client, annual_world):
    w = annual_world
    assessment = w.open()
    task = w.task(assessment, "district_score")
    client.force_login(w.coordinator)
    url = reverse("staff:assessment:annual_task", args=[assessment.pk, task.pk])
    response = client.post(url, _score_data(task, assessment, 4, "Secret district view"))
    assert response.status_code == 302
    assert Score.objects.filter(assessment=assessment, side="district").count() == 12
    client.force_login(w.agency_head)
    page = client.get(reverse("staff:assessment:annual", args=[assessment.pk])).content.decode()
    assert "Secret district view" not in page
    assert "Agency scores the rubric" in page


def test_a_score_form_left_empty_shows_the_error_next_to_each_criterion(client, annual_world):
    w = annual_world
    assessment = w.open()
    task = w.task(assessment, "district_score")
    client.force_login(w.coordinator)
    response = client.post(reverse("staff:assessment:annual_task", args=[assessment.pk, task.pk]), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Score.objects.exists()


def test_the_agency_cannot_post_the_districts_step(client, annual_world):
    w = annual_world
    assessment = w.open()
    task = w.task(assessment, "district_score")
    client.force_login(w.agency_head)
    url = reverse("staff:assessment:annual_task", args=[assessment.pk, task.pk])
    assert client.post(url, _score_data(task, assessment)).status_code == 404
    assert not Score.objects.exists()


def test_another_districts_coordinator_gets_404(client, annual_world):
    assessment = annual_world.open()
    client.force_login(annual_world.other_coordinator)
    assert client.get(reverse("staff:assessment:annual", args=[assessment.pk])).status_code == 404


def test_reading_the_assessment_is_audited(client, annual_world):
    assessment = annual_world.open()
    client.force_login(annual_world.advisory)
    client.get(reverse("staff:assessment:annual", args=[assessment.pk]))
    assert AuditEvent.objects.filter(kind=AuditKind.ANNUAL_VIEWED, actor=annual_world.advisory).exists()


def _to_advisory(w):
    from assessment.services import annual as services

    assessment = w.open()
    for name, user in (("district_score", w.coordinator), ("agency_score", w.police_reviewer)):
        services.annual_scores_submit(task=w.task(assessment, name), user=user, scores=w.scores(assessment))
    services.annual_reconcile(task=w.task(assessment, "reconcile"), user=w.coordinator, agreed=w.scores(assessment))
    assessment.refresh_from_db()
    return assessment


def test_a_dissent_without_a_reason_is_refused_next_to_the_reason_field(client, annual_world):
    assessment = _to_advisory(annual_world)
    client.force_login(annual_world.advisory)
    url = reverse("staff:assessment:annual_sign_off", args=[assessment.pk])
    response = client.post(url, {"agrees": "no", "reason": ""})
    assert response.status_code == 400
    assert "Say why you dissent." in response.content.decode()
    assert not SignOff.objects.exists()


def test_advisory_members_sign_off_and_dissent_and_the_approvals_open(client, annual_world):
    w = annual_world
    assessment = _to_advisory(w)
    client.force_login(w.advisory)
    url = reverse("staff:assessment:annual_sign_off", args=[assessment.pk])
    client.post(reverse("staff:assessment:annual_note", args=[assessment.pk]), {"kind": "comment", "body": "Fine."})
    assert client.post(url, {"agrees": "yes"}).status_code == 302
    client.force_login(w.advisory_two)
    assert client.post(url, {"agrees": "no", "reason": "Not enough data."}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.stage == Stage.APPROVAL
    client.force_login(w.superintendent)
    page = client.get(reverse("staff:assessment:annual", args=[assessment.pk])).content.decode()
    assert "Not enough data." in page and "I approve the assessment" in page


def test_a_school_administrator_keeps_their_schools_work_plan(client, annual_world):
    w = annual_world
    client.force_login(w.school_admin)
    url = reverse("staff:assessment:work_plans")
    response = client.post(url, {"school": w.school.pk, "text": "Joint lunch visits", "done": "on", "note": ""})
    assert response.status_code == 302
    task = WorkPlanTask.objects.get()
    assert task.done and task.school == w.school and task.updated_by == w.school_admin
    other = WorkPlanTask.objects.create(school=w.other_school, school_year=2025, text="Not theirs")
    assert client.get(reverse("staff:assessment:work_plan", args=[other.pk])).status_code == 404
    refused = client.post(url, {"school": w.other_school.pk, "text": "Sneaky", "note": ""})
    assert refused.status_code == 400


def test_a_coordinator_adds_a_goal_and_changes_a_criterion(client, annual_world):
    w = annual_world
    w.open()
    client.force_login(w.coordinator)
    response = client.post(
        reverse("staff:assessment:annual_goals"),
        {"position": 1, "title_en": "Fewer arrests", "measure_en": "Arrests per 1,000", "status": "not_yet"},
    )
    assert response.status_code == 302 and Goal.objects.get().district == w.district
    criterion = Criterion.objects.filter(district=w.district).first()
    other = Criterion.objects.filter(district=w.district).last()
    data = {
        "code": other.code,
        "section": criterion.section,
        "position": criterion.position,
        "title_en": "Changed",
        "evidence": ["goals"],
        "active": "on",
        **{f"level{s}_label_en": f"L{s}" for s in range(1, 5)},
    }
    url = reverse("staff:assessment:rubric_criterion", args=[criterion.pk])
    response = client.post(url, data)
    assert response.status_code == 400 and "Another criterion of the rubric has this code." in response.content.decode()
    response = client.post(url, {**data, "code": criterion.code})
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.title_en == "Changed" and criterion.evidence == ["goals"]
    assert list(criterion.levels.values_list("label_en", flat=True)) == ["L1", "L2", "L3", "L4"]


def test_the_reconcile_form_offers_the_score_both_sides_gave(client, annual_world):
    from assessment.services import annual as services

    w = annual_world
    assessment = w.open()
    district, agency = w.scores(assessment, 3), w.scores(assessment, 3)
    first = next(iter(agency))
    agency[first] = (1, "")
    services.annual_scores_submit(task=w.task(assessment, "district_score"), user=w.coordinator, scores=district)
    services.annual_scores_submit(task=w.task(assessment, "agency_score"), user=w.agency_head, scores=agency)
    task = w.task(assessment, "reconcile")
    client.force_login(w.coordinator)
    page = client.get(reverse("staff:assessment:annual", args=[assessment.pk])).content.decode()
    checked = len(re.findall(r'<input[^>]*value="3"[^>]*checked', page))
    assert f'name="t{task.pk}-c{first}_score" value="1"' in page
    assert checked == 11  # every criterion but the one the sides disagree on
