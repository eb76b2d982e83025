"""Related complaints: link two about the same incident, close one as a
duplicate of another, and never reveal a linked complaint out of scope."""

import pytest
from django.urls import reverse

from accounts.models import Role
from complaints.models import ComplaintLink, MessageKind, PublicStatus
from core.models import AuditEvent
from tests.factories import TEST_PIN, AllegationFactory, ComplaintFactory, SchoolFactory, member
from workflows.models import ComplaintProcess, Route
from workflows.review import services

pytestmark = pytest.mark.django_db


def _started(case, complaint, route=Route.BOTH):
    case.take_to("triaged", complaint=complaint, route=route)
    return complaint


def _second(case, **kwargs):
    complaint = ComplaintFactory(school=kwargs.pop("school", case.school), officer=case.officer, **kwargs)
    AllegationFactory(complaint=complaint, category="search")
    return complaint


def _link(client, case, complaint, other, kind="related", note=""):
    data = {"link-tracking_code": other.tracking_code, "link-kind": kind, "link-note": note}
    return client.post(reverse("staff:reviews:link", args=[complaint.pk]), data)


def _case_page(client, person, complaint) -> str:
    client.force_login(person)
    return client.get(reverse("staff:reviews:case", args=[complaint.pk])).content.decode()


def test_the_coordinator_links_two_complaints_and_both_case_pages_list_the_other(client, case):
    _started(case, case.complaint)
    other = _started(case, _second(case))
    client.force_login(case.coordinator)
    assert _link(client, case, case.complaint, other, note="Same hallway search").status_code == 302
    assert other.tracking_code in _case_page(client, case.coordinator, case.complaint)
    page = _case_page(client, case.coordinator, other)
    assert case.complaint.tracking_code in page and "Same hallway search" in page
    assert AuditEvent.objects.filter(kind="complaints_linked", actor=case.coordinator).count() == 1


def test_a_duplicate_closes_with_its_explanation_and_both_keep_their_history(client, case):
    _started(case, case.complaint)
    duplicate = _started(case, _second(case, contact_preference="email", contact_email="b@example.org"))
    client.force_login(case.coordinator)
    response = _link(client, case, duplicate, case.complaint, kind="duplicate", note="Your brother filed this already.")
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.public_status == PublicStatus.CLOSED
    assert services.open_task(duplicate, "police_review") is None
    assert ComplaintProcess.objects.get(complaint=duplicate).status == "DONE"
    message = duplicate.messages.get(kind=MessageKind.DUPLICATE)
    assert message.body == "Your brother filed this already." and message.audience == "public"
    assert services.open_task(case.complaint, "police_review") is not None  # the original goes on
    assert AuditEvent.objects.filter(kind="complaint_marked_duplicate").count() == 1
    client.logout()
    track = client.post(reverse("complaints:track"), {"tracking_code": duplicate.tracking_code, "pin": TEST_PIN})
    page = client.get(track.url).content.decode()
    assert "Your brother filed this already." in page and "Closed as a duplicate" in page


def test_a_duplicate_needs_an_explanation_for_its_complainant(client, case):
    _started(case, case.complaint)
    duplicate = _started(case, _second(case))
    client.force_login(case.coordinator)
    response = _link(client, case, duplicate, case.complaint, kind="duplicate", note="")
    assert response.status_code == 200
    assert "Explain to the complainant why their complaint is closed." in response.content.decode()
    assert not ComplaintLink.objects.exists()


def test_an_unknown_or_out_of_scope_code_gets_the_same_answer(client, case):
    _started(case, case.complaint)
    elsewhere = ComplaintFactory()  # another district
    client.force_login(case.coordinator)
    answers = []
    for code in (elsewhere.tracking_code, "CG-0000-0000"):
        response = client.post(
            reverse("staff:reviews:link", args=[case.complaint.pk]),
            {"link-tracking_code": code, "link-kind": "related"},
        )
        answers.append(response.status_code)
        assert "No complaint you coordinate has this tracking code." in response.content.decode()
    assert answers == [200, 200] and not ComplaintLink.objects.exists()


def test_a_linking_to_itself_or_twice_is_refused(client, case):
    _started(case, case.complaint)
    other = _started(case, _second(case))
    client.force_login(case.coordinator)
    assert "cannot be linked to itself" in _link(client, case, case.complaint, case.complaint).content.decode()
    _link(client, case, case.complaint, other)
    assert "already linked" in _link(client, case, other, case.complaint).content.decode()
    assert ComplaintLink.objects.count() == 1


def test_a_related_complaint_out_of_the_readers_scope_is_never_shown(client, case):
    """The principal of Lincoln reads the case; the linked complaint is at another school."""
    _started(case, case.complaint)
    other_school = SchoolFactory(district=case.school.district)
    member(Role.SCHOOL_ADMIN, school=other_school)
    other = _started(case, _second(case, school=other_school), route=Route.SCHOOL)
    ComplaintLink.objects.create(complaint=case.complaint, other=other, kind="related", note="Same bus stop")
    assert other.tracking_code in _case_page(client, case.coordinator, case.complaint)
    page = _case_page(client, case.principal, case.complaint)
    assert other.tracking_code not in page and "Same bus stop" not in page
    assert "No related complaint that you may see." in page
    page = _case_page(client, case.reviewer, case.complaint)
    assert other.tracking_code not in page  # routed to the school only: not the police's


def test_only_the_coordinator_links_or_unlinks(client, case):
    _started(case, case.complaint)
    other = _started(case, _second(case))
    link = ComplaintLink.objects.create(complaint=case.complaint, other=other, kind="related")
    assert "Link another complaint" not in _case_page(client, case.principal, case.complaint)
    assert _link(client, case, case.complaint, other).status_code == 404
    unlink = reverse("staff:reviews:unlink", args=[case.complaint.pk, link.pk])
    assert client.post(unlink).status_code == 404
    client.force_login(case.coordinator)
    assert client.post(unlink).status_code == 302
    assert not ComplaintLink.objects.exists()
    assert AuditEvent.objects.filter(kind="complaints_unlinked").count() == 1


def test_the_related_list_costs_one_query_however_many_links(client, case, django_assert_num_queries):
    from workflows.review.related import related_for

    _started(case, case.complaint)
    for _ in range(5):
        ComplaintLink.objects.create(complaint=case.complaint, other=_second(case), kind="related")
    with django_assert_num_queries(1):  # the links with both complaints (memberships already read)
        rows = related_for(case.coordinator, case.complaint)
        assert len({row.other.school.name for row in rows}) == 1
