"""The list of all complaints a person may see, with its search."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from complaints.models import Complaint, Recusal
from core.models import AuditEvent
from tests.factories import AllegationFactory, ComplaintFactory, OfficerFactory, SchoolFactory, member
from workflows.models import Route

pytestmark = pytest.mark.django_db

URL = reverse("staff:reviews:cases")


def _codes(client, person, **query) -> set[str]:
    client.force_login(person)
    response = client.get(URL, query)
    assert response.status_code == 200
    codes = {c.tracking_code for c in response.context["page"].object_list}
    return codes


def _complaint(case, **kwargs):
    category = kwargs.pop("category", "conduct")
    complaint = ComplaintFactory(school=kwargs.pop("school", case.school), **kwargs)
    AllegationFactory(complaint=complaint, category=category)
    return complaint


def test_the_coordinator_sees_every_complaint_of_the_district_not_only_open_tasks(client, case):
    closed = _complaint(case, public_status="closed")
    elsewhere = ComplaintFactory()  # another district
    codes = _codes(client, case.coordinator)
    assert {case.complaint.tracking_code, closed.tracking_code} <= codes
    assert elsewhere.tracking_code not in codes
    assert AuditEvent.objects.filter(kind="cases_searched", actor=case.coordinator).exists()


def test_conflicted_people_never_find_the_complaint(client, case):
    recused = member(Role.COORDINATOR, district=case.school.district)
    Recusal.objects.create(complaint=case.complaint, user=recused, reason="Family")
    assert case.complaint.tracking_code not in _codes(client, recused)
    named = member(Role.POLICE_REVIEWER, agency=case.agency)
    case.officer.user = named
    case.officer.save()
    case.take_to("triaged", route=Route.POLICE)
    assert case.complaint.tracking_code in _codes(client, case.reviewer)
    assert case.complaint.tracking_code not in _codes(client, named)


def test_the_police_find_only_complaints_routed_to_them(client, case):
    case.take_to("triaged", route=Route.SCHOOL)
    assert case.complaint.tracking_code not in _codes(client, case.reviewer)
    assert case.complaint.tracking_code in _codes(client, case.principal)


def test_each_search_field_narrows_the_list(client, case):
    other_school = SchoolFactory(district=case.school.district, name="Roosevelt Middle")
    other_officer = OfficerFactory(agency=case.agency, full_name="Officer Other")
    a = _complaint(case, officer=case.officer, category="force", description="He pushed my daughter by the lockers.")
    b = _complaint(
        case, school=other_school, officer=other_officer, category="bias", description="Insultos en la cafetería."
    )
    c = _complaint(case, received_via="phone", public_status="closed", description="Nothing about lockers")
    Complaint.objects.filter(pk=c.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    coordinator = case.coordinator
    assert _codes(client, coordinator, tracking_code=a.tracking_code.lower()) == {a.tracking_code}
    assert _codes(client, coordinator, school=other_school.pk) == {b.tracking_code}
    assert _codes(client, coordinator, officer=other_officer.pk) == {b.tracking_code}
    assert _codes(client, coordinator, concern="force") == {a.tracking_code}
    assert _codes(client, coordinator, status="closed") == {c.tracking_code}
    assert _codes(client, coordinator, received_via="phone") == {c.tracking_code}
    assert _codes(client, coordinator, words="pushed lockers") == {a.tracking_code}
    assert _codes(client, coordinator, words="cafetería") == {b.tracking_code}
    old = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert c.tracking_code not in _codes(client, coordinator, filed_from=old)
    assert _codes(client, coordinator, filed_to=old) == {c.tracking_code}


def test_a_bad_date_is_explained_next_to_the_field_and_lists_nothing(client, case):
    client.force_login(case.coordinator)
    response = client.get(URL, {"filed_from": "31/31/2026"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert "Correct the search above to see complaints." in response.content.decode()


def test_the_list_pages_and_every_page_link_keeps_the_search(client, case):
    for _ in range(27):
        _complaint(case, description="lockers")
    client.force_login(case.coordinator)
    page = client.get(URL, {"words": "lockers"}).content.decode()
    assert "27 complaints" in page and "Page 1 of 2" in page
    assert "?words=lockers&amp;page=2" in page
    second = client.get(URL, {"words": "lockers", "page": 2})
    assert len(second.context["page"].object_list) == 2


def test_past_the_count_cap_the_list_says_more_than_and_pages_the_newest(client, case, monkeypatch):
    monkeypatch.setattr("workflows.review.cases.COUNT_CAP", 30)
    for _ in range(40):
        _complaint(case)
    client.force_login(case.coordinator)
    response = client.get(URL)
    page = response.content.decode()
    assert "More than 30 complaints" in page and "Page 1 of 2" in page
    last = client.get(URL, {"page": 2}).context["page"]
    assert len(last.object_list) == 5 and not last.has_next()


def test_a_page_costs_the_same_queries_at_3_and_at_30_complaints(client, case, django_assert_num_queries):
    client.force_login(case.coordinator)
    client.get(URL)  # warm the session
    for _ in range(2):
        _complaint(case, officer=case.officer)
    with django_assert_num_queries(10):
        client.get(URL)
    for _ in range(27):
        _complaint(case, officer=OfficerFactory(agency=case.agency))
    with django_assert_num_queries(10):
        client.get(URL)


def test_the_list_is_in_spanish(client, case):
    client.force_login(case.coordinator)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Todas las quejas" in page


def test_people_who_do_not_review_complaints_never_see_the_list(client, case):
    client.force_login(member(Role.ADVISORY, district=case.school.district))
    assert client.get(URL).status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-text index exists on PostgreSQL only")
def test_words_are_searched_through_the_full_text_index_on_postgresql(case):
    from workflows.review.cases import words_q_filter

    with connection.cursor() as cursor:
        # A tiny test table would otherwise be scanned whole, in full or through another index (the planner once
        # walked the newest-first index and filtered): with both off, only an index on the words can serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = words_q_filter(Complaint.objects.order_by(), "lockers pushed").explain()
    assert "complaint_description_fts" in plan
