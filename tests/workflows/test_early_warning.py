"""Early warning: when an outcome is written the worker checks the officer named against the district's
threshold; crossing it raises one task for the coordinators and the agency head, resolved with a note. Audited."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from core.models import AuditEvent, AuditKind
from notifications.models import OutboundEmail
from tests.factories import AllegationFactory, ComplaintFactory, MembershipFactory, member
from workflows.models import EarlyWarning, EarlyWarningPolicy, Route
from workflows.review.officers import early_warning_check, early_warning_check_task

pytestmark = pytest.mark.django_db


def _complaints(case, n, finding="", days_ago=20):
    for _ in range(n):
        day = timezone.localdate() - datetime.timedelta(days=days_ago)
        complaint = ComplaintFactory(school=case.school, officer=case.officer, occurred_on=day)
        AllegationFactory(complaint=complaint, category="force", final_finding=finding)


def _outcome(case):
    case.take_to("outcome_written", route=Route.POLICE, police_finding="sustained", letter="Outcome", final="sustained")


def test_writing_an_outcome_queues_the_officer_s_check_for_the_worker(case):
    _outcome(case)
    job = DBTaskResult.objects.get(task_path="workflows.review.officers.early_warning_check_task")
    assert job.args_kwargs["args"] == [case.officer.pk]
    # The worker runs it: the case's two sustained findings cross the default threshold (2 sustained).
    assert early_warning_check_task.call(case.officer.pk) is True
    warning = EarlyWarning.objects.get(officer=case.officer)
    assert (warning.complaints, warning.sustained, warning.window_months) == (1, 2, 12)
    assert AuditEvent.objects.filter(kind=AuditKind.EARLY_WARNING_RAISED, object_id=str(warning.pk)).exists()


def test_three_complaints_in_twelve_months_raise_a_warning_and_two_do_not(case):
    _complaints(case, 1)  # with the case's own complaint: 2
    assert early_warning_check(officer_id=case.officer.pk) is None
    _complaints(case, 1)
    assert early_warning_check(officer_id=case.officer.pk).complaints == 3


def test_complaints_older_than_the_district_s_window_do_not_count(case):
    EarlyWarningPolicy.objects.create(district=case.school.district, window_months=6, complaint_threshold=3)
    _complaints(case, 3, days_ago=250)
    assert early_warning_check(officer_id=case.officer.pk) is None


def test_the_check_is_safe_to_run_twice_and_raises_again_only_when_counts_grow(case, client):
    _complaints(case, 2)
    first = early_warning_check(officer_id=case.officer.pk)
    assert first and early_warning_check(officer_id=case.officer.pk) is None
    client.force_login(case.coordinator)
    client.post(reverse("staff:officers:warning_resolve", args=[first.pk]), {f"w{first.pk}-resolution": "Met"})
    assert early_warning_check(officer_id=case.officer.pk) is None
    _complaints(case, 1)
    assert early_warning_check(officer_id=case.officer.pk) is not None
    assert EarlyWarning.objects.filter(officer=case.officer).count() == 2


def test_the_coordinator_and_the_agency_head_see_the_task_and_either_resolves_it(client, case):
    _complaints(case, 2)
    warning = early_warning_check(officer_id=case.officer.pk)
    head = member(Role.AGENCY_HEAD, agency=case.agency)
    for user in (case.coordinator, head):
        client.force_login(user)
        assert case.officer.full_name in client.get(reverse("staff:officers:index")).content.decode()
    url = reverse("staff:officers:warning_resolve", args=[warning.pk])
    response = client.post(url, {f"w{warning.pk}-resolution": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    response = client.post(url, {f"w{warning.pk}-resolution": "Supervisor met the officer; de-escalation training"})
    assert response.status_code == 302
    warning.refresh_from_db()
    assert warning.resolved_by == head and "de-escalation" in warning.resolution
    event = AuditEvent.objects.get(kind=AuditKind.EARLY_WARNING_RESOLVED)
    assert event.actor == head
    client.force_login(case.coordinator)
    waiting = client.get(reverse("staff:officers:index"), {"warning": "true"}).content.decode()
    assert case.officer.full_name not in waiting


def test_the_officer_never_sees_or_resolves_their_own_warning(client, case):
    _complaints(case, 2)
    warning = early_warning_check(officer_id=case.officer.pk)
    officer_head = member(Role.AGENCY_HEAD, agency=case.agency)
    case.officer.user = officer_head
    case.officer.save()
    client.force_login(officer_head)
    url = reverse("staff:officers:warning_resolve", args=[warning.pk])
    assert client.post(url, {f"w{warning.pk}-resolution": "Nothing to see"}).status_code == 404
    warning.refresh_from_db()
    assert warning.is_open


def test_the_coordinator_sets_the_threshold_and_the_change_is_audited(client, case):
    client.force_login(case.coordinator)
    url = reverse("staff:officers:policy", args=[case.school.district.pk])
    response = client.post(url, {"window_months": "0", "complaint_threshold": "4", "sustained_threshold": "2"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = client.post(url, {"window_months": "24", "complaint_threshold": "4", "sustained_threshold": "2"})
    assert response.status_code == 302
    policy = EarlyWarningPolicy.objects.get(district=case.school.district)
    assert (policy.window_months, policy.complaint_threshold) == (24, 4)
    assert AuditEvent.objects.get(kind=AuditKind.EARLY_WARNING_POLICY_CHANGED).changes["window_months"] == [12, 24]
    head = member(Role.AGENCY_HEAD, agency=case.agency)
    client.force_login(head)
    assert client.get(url).status_code == 404


def test_the_warning_is_mailed_to_the_coordinator_and_the_agency_head_never_the_officer(everyone_on_a_case):
    world = everyone_on_a_case
    officer = world.case.officer
    # The named officer is also this agency's head: still never told about their own warning.
    MembershipFactory(
        user=world.people["named_officer"], role=Role.AGENCY_HEAD, agency=world.agency, district=world.district
    )
    EarlyWarning.objects.all().delete()  # the matrix world's own warning
    _complaints(world.case, 2)
    warning = early_warning_check(officer_id=officer.pk)
    mailed = set(OutboundEmail.objects.filter(template="early_warning").values_list("to_email", flat=True))
    expected = {world.people[who].email for who in ("coordinator", "recused_coordinator", "agency_head")}
    assert mailed == expected
    assert warning is not None


def test_an_open_warning_waits_on_the_staff_home_page_of_those_who_act_on_it_never_the_school(client, case):
    _complaints(case, 2)
    warning = early_warning_check(officer_id=case.officer.pk)
    history = reverse("staff:officers:officer", args=[case.officer.pk])
    client.force_login(case.coordinator)
    page = client.get(reverse("staff:index")).content.decode()
    assert "Early warnings to act on" in page and f'href="{history}"' in page
    client.force_login(case.principal)
    assert "Early warnings to act on" not in client.get(reverse("staff:index")).content.decode()
    warning.resolved_at = timezone.now()
    warning.save()
    client.force_login(case.coordinator)
    assert "Early warnings to act on" not in client.get(reverse("staff:index")).content.decode()
