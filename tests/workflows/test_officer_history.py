"""Officer history: complaints naming an officer in the last 12 and 36 months by concern and finding, use of
force and bias first; read by the district's coordinators and the officer's agency head, never by the officer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEvent, AuditKind
from tests.factories import AgencyFactory, AllegationFactory, ComplaintFactory, OfficerFactory, member
from workflows.review.officers import months_before, officer_history

pytestmark = pytest.mark.django_db


def _complaint(officer, school, days_ago, categories=("search",), finding=""):
    complaint = ComplaintFactory(
        school=school, officer=officer, occurred_on=timezone.localdate() - datetime.timedelta(days=days_ago)
    )
    for category in categories:
        AllegationFactory(complaint=complaint, category=category, final_finding=finding)
    return complaint


@pytest.fixture
def history(case):
    _complaint(case.officer, case.school, 30, ("force", "conduct"), "sustained")
    _complaint(case.officer, case.school, 200, ("bias",), "not_sustained")
    _complaint(case.officer, case.school, 500, ("search",), "sustained")
    _complaint(case.officer, case.school, 1200, ("force",), "sustained")  # older than 36 months
    return case


def _page(client, user, officer):
    client.force_login(user)
    return client.get(reverse("staff:officers:officer", args=[officer.pk]))


def test_the_history_counts_complaints_and_findings_in_12_and_36_months(history):
    twelve, thirty_six = officer_history(officer=history.officer)
    # The case's own complaint (last month, not decided yet) counts too.
    assert (twelve.months, twelve.complaints, twelve.sustained) == (12, 3, 2)
    assert (thirty_six.months, thirty_six.complaints, thirty_six.sustained) == (36, 4, 3)
    # Use of force and bias come first, highlighted.
    assert [row.category for row in twelve.rows[:2]] == ["force", "bias"]
    assert twelve.rows[0].highlighted and not twelve.rows[-1].highlighted


def test_the_coordinator_and_the_agency_head_read_it_and_each_view_is_audited(client, history):
    head = member(Role.AGENCY_HEAD, agency=history.agency)
    for user in (history.coordinator, head):
        response = _page(client, user, history.officer)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Use of force (highlighted)" in page and "Last 36 months" in page
    assert AuditEvent.objects.filter(kind=AuditKind.OFFICER_HISTORY_VIEWED).count() == 2


def test_the_officer_never_reads_their_own_history(client, history):
    head_and_officer = member(Role.AGENCY_HEAD, agency=history.agency)
    history.officer.user = head_and_officer
    history.officer.save()
    assert _page(client, head_and_officer, history.officer).status_code == 404
    client.force_login(head_and_officer)
    listing = client.get(reverse("staff:officers:index")).content.decode()
    assert history.officer.full_name not in listing


def test_another_agency_s_head_and_reviewers_never_read_it(client, history):
    other_head = member(Role.AGENCY_HEAD, agency=AgencyFactory(district=history.school.district))
    assert _page(client, other_head, history.officer).status_code == 404
    # Reviewers and principals have no officer history area at all: it does not exist for them.
    assert _page(client, history.reviewer, history.officer).status_code == 404
    assert _page(client, history.principal, history.officer).status_code == 404


def test_the_officer_list_filters_by_name_and_paginates(client, case):
    for n in range(30):
        OfficerFactory(agency=case.agency, full_name=f"Officer {n:02d} Smith")
    client.force_login(case.coordinator)
    first = client.get(reverse("staff:officers:index")).content.decode()
    assert "Page 1 of 2" in first
    found = client.get(reverse("staff:officers:index"), {"name": "07"}).content.decode()
    assert "Officer 07 Smith" in found and "Officer 08 Smith" not in found


def test_the_officer_list_costs_the_same_queries_at_any_size(client, case, django_assert_max_num_queries):
    client.force_login(case.coordinator)
    client.get(reverse("staff:officers:index"))
    for n in range(40):
        OfficerFactory(agency=case.agency)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("staff:officers:index")).status_code == 200


def test_months_are_counted_back_to_the_same_day_or_the_month_s_last():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 11, 27), 12) == datetime.date(2025, 11, 27)
    assert months_before(datetime.date(2026, 1, 15), 36) == datetime.date(2023, 1, 15)


def test_the_agency_head_filters_by_their_own_agency_only(client, case):
    head = member(Role.AGENCY_HEAD, agency=case.agency)
    other = AgencyFactory(district=case.school.district, name="Other County Sheriff")
    OfficerFactory(agency=other, full_name="Not Theirs")
    client.force_login(head)
    page = client.get(reverse("staff:officers:index")).content.decode()
    assert case.agency.name in page and "Other County Sheriff" not in page and "Not Theirs" not in page
    refused = client.get(reverse("staff:officers:index"), {"agency": other.pk}).content.decode()
    assert "errorlist" in refused and "Not Theirs" not in refused
