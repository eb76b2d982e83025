"""The staff review queue: filters that stay on every link, overdue includes
escalated, bad filter input answered next to the field, a fixed query count."""

import datetime
import html
import re
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import AllegationFactory, ComplaintFactory, SchoolFactory
from workflows.models import Route, TaskDue
from workflows.review import services
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db

QUEUE = "/staff/reviews/"


def _link(page: str, text: str) -> str | None:
    """The href of the link reading ``text`` (as a person clicks it)."""
    match = re.search(rf'<a [^>]*href="([^"]*)"[^>]*>\s*{re.escape(text)}\s*</a>', page)
    return html.unescape(match.group(1)) if match else None


def _codes(page: str) -> list[str]:
    return re.findall(r">(CG-[A-Z0-9-]+)</a>", page)


def _started(school, count: int, prefix: str) -> list:
    complaints = [ComplaintFactory(school=school, tracking_code=f"CG-{prefix}{n:03d}") for n in range(count)]
    for complaint in complaints:
        review_start(complaint)
    return complaints


def _to_police(case, complaint):
    case.take_to("triaged", since="started", complaint=complaint, route=Route.POLICE)


def test_page_two_of_a_filtered_queue_is_still_filtered(client, case):
    other_school = SchoolFactory(district=case.school.district, name="Other High")
    _started(case.school, 27, "LIN")
    _started(other_school, 5, "OTH")
    client.force_login(case.coordinator)
    first = client.get(f"{QUEUE}?school={case.school.pk}").content.decode()
    assert len(_codes(first)) == 25 and all(code.startswith("CG-LIN") for code in _codes(first))
    second = client.get(QUEUE + _link(first, "Next")).content.decode()
    assert sorted(_codes(second)) == ["CG-LIN025", "CG-LIN026"]
    assert f'<option value="{case.school.pk}" selected>' in second
    back = client.get(QUEUE + _link(second, "Previous")).content.decode()
    assert _codes(back) == _codes(first)


def test_paging_through_the_queue_shows_every_task_once_in_the_chosen_order(client, case):
    complaints = _started(case.school, 30, "ORD")
    for n, complaint in enumerate(complaints):
        # Two tasks share each due date: the order must still be total.
        TaskDue.objects.filter(task__process__complaintprocess__complaint=complaint).update(
            due_at=timezone.now() + datetime.timedelta(days=n // 2)
        )
    client.force_login(case.coordinator)
    seen, url = [], f"{QUEUE}?sort=-due"
    while url:
        page = client.get(url).content.decode()
        seen += _codes(page)
        nxt = _link(page, "Next")
        url = QUEUE + nxt if nxt else None
    assert len(seen) == 30 and set(seen) == {c.tracking_code for c in complaints}
    due = {c.tracking_code: n // 2 for n, c in enumerate(complaints)}
    assert [due[code] for code in seen] == sorted((due[code] for code in seen), reverse=True)


def test_only_overdue_includes_an_escalated_task_whose_due_date_has_not_passed(client, case):
    review_start(case.complaint)
    late = ComplaintFactory(school=case.school, tracking_code="CG-LATE-0001")
    review_start(late)
    on_time = ComplaintFactory(school=case.school, tracking_code="CG-ONTM-0001")
    review_start(on_time)
    # Escalated when its deadline passed; the deadline was later moved on (a closure was added).
    TaskDue.objects.filter(task__process__complaintprocess__complaint=case.complaint).update(
        due_at=timezone.now() + datetime.timedelta(days=3), escalated_at=timezone.now()
    )
    TaskDue.objects.filter(task__process__complaintprocess__complaint=late).update(
        due_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(case.coordinator)
    page = client.get(f"{QUEUE}?overdue=on").content.decode()
    assert sorted(_codes(page)) == sorted([case.complaint.tracking_code, "CG-LATE-0001"])
    export = _csv(client.get(reverse("staff:reviews:export") + "?overdue=on"))
    assert case.complaint.tracking_code in export and "CG-LATE-0001" in export and "CG-ONTM-0001" not in export


def test_bad_filter_input_is_answered_next_to_the_field_in_the_persons_language(client, case):
    review_start(case.complaint)
    other_district_school = SchoolFactory(name="Far Away High")
    client.force_login(case.coordinator)
    response = client.get(
        f"{QUEUE}?school={other_district_school.pk}&category=nonsense&after=x", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 200
    page = response.content.decode()
    errors = re.findall(r'<ul class="errorlist" id="id_(\w+)_error"><li>([^<]+)</li>', page)
    assert {field for field, _ in errors} == {"school", "category"}
    assert all(message.startswith("Escoja una opción válida") for _, message in errors)
    assert "Far Away High" not in page
    assert case.complaint.tracking_code not in page
    assert "Corrija los filtros" in page


def test_the_school_filter_offers_only_schools_the_person_may_see_and_refuses_others(client, case):
    sibling = SchoolFactory(district=case.school.district, name="Sibling Middle")
    SchoolFactory(name="Far Away High")
    client.force_login(case.principal)
    page = client.get(QUEUE).content.decode()
    assert "Lincoln High" in page and "Sibling Middle" not in page and "Far Away High" not in page
    refused = client.get(f"{QUEUE}?school={sibling.pk}").content.decode()
    assert '<ul class="errorlist" id="id_school_error"><li>Select a valid choice.' in refused


def test_step_counts_follow_the_filters_and_a_step_link_keeps_them(client, case):
    other_school = SchoolFactory(district=case.school.district, name="Other High")
    lincoln = _started(case.school, 3, "LIN")
    other = _started(other_school, 4, "OTH")
    _to_police(case, lincoln[0])
    _to_police(case, other[0])
    client.force_login(case.coordinator)
    page = client.get(f"{QUEUE}?school={case.school.pk}").content.decode()
    assert "Triage: 2" in page and "2 open tasks match." in page
    triage = client.get(QUEUE + _link(page, "Triage: 2")).content.decode()
    assert sorted(_codes(triage)) == ["CG-LIN001", "CG-LIN002"]
    assert f'<option value="{case.school.pk}" selected>' in triage and '<option value="triage" selected>' in triage
    client.force_login(case.reviewer)
    assert "Police review: 2" in client.get(QUEUE).content.decode()
    police = client.get(f"{QUEUE}?school={case.school.pk}&step=police_review").content.decode()
    assert "Police review: 1" in police and "Triage: 0" in police and _codes(police) == ["CG-LIN000"]


def test_the_csv_export_takes_the_same_filters_as_the_queue(client, case):
    complaints = _started(case.school, 2, "EXP")
    services.task_claim(task=services.open_task(complaints[0], "triage"), user=case.coordinator)
    client.force_login(case.coordinator)
    page = client.get(f"{QUEUE}?mine=on").content.decode()
    assert _codes(page) == ["CG-EXP000"]
    body = _csv(client.get(_link(page, "Download as CSV")))
    assert "CG-EXP000" in body and "CG-EXP001" not in body


@pytest.mark.parametrize(
    "query",
    ["", "?school={school}", "?step=triage&sort=-due", "?overdue=on&category=search&status=received", "?sort=created"],
)
def test_the_queue_page_costs_the_same_queries_whatever_the_page_or_filters(
    client, case, query, django_assert_num_queries
):
    for complaint in _started(case.school, 30, "QRY"):
        AllegationFactory(complaint=complaint, category="search")
    TaskDue.objects.update(due_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(case.coordinator)
    url = QUEUE + query.format(school=case.school.pk)
    client.get(url)  # the session and the language are read once per visit
    # session, user, memberships, MFA, conflicted complaints, school choices, step counts, page ids, rows
    with django_assert_num_queries(9):
        first = client.get(url).content.decode()
    with django_assert_num_queries(9):
        second = client.get(QUEUE + _link(first, "Next")).content.decode()
    with django_assert_num_queries(9):
        client.get(QUEUE + _link(second, "Previous"))


def _csv(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_each_row_opens_its_own_case_and_claims_its_own_task(client, case):
    complaints = _started(case.school, 3, "LNK")
    client.force_login(case.coordinator)
    page = client.get(QUEUE).content.decode()
    for complaint in complaints:
        task = services.open_task(complaint, "triage")
        case_url = reverse("staff:reviews:case", args=[complaint.pk])
        assert f'<a href="{case_url}">{complaint.tracking_code}</a>' in page
        assert f'action="{reverse("staff:reviews:task", args=[complaint.pk, task.pk, "claim"])}"' in page


def _row(page: str, code: str) -> str:
    """The text of the table row of complaint ``code``, tags stripped, spaces collapsed."""
    row = re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(code)}(?:(?!</tr>).)*</tr>", page, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_each_row_shows_who_holds_the_task_its_due_date_and_whether_it_is_late(client, case):
    claimed, late, escalated = _started(case.school, 3, "ROW")
    services.task_claim(task=services.open_task(claimed, "triage"), user=case.coordinator)
    due = timezone.make_aware(datetime.datetime(2026, 3, 9, 12))
    TaskDue.objects.filter(task__process__complaintprocess__complaint=late).update(due_at=due)
    TaskDue.objects.filter(task__process__complaintprocess__complaint=escalated).update(
        due_at=timezone.now() + datetime.timedelta(days=3), escalated_at=timezone.now()
    )
    client.force_login(case.coordinator)
    page = client.get(QUEUE).content.decode()
    assert str(case.coordinator) in _row(page, "CG-ROW000") and "Claim and open" not in _row(page, "CG-ROW000")
    assert "nobody yet" in _row(page, "CG-ROW001") and "March 9, 2026 overdue" in _row(page, "CG-ROW001")
    assert "escalated" in _row(page, "CG-ROW002") and "overdue" not in _row(page, "CG-ROW002")
    assert 'aria-label="Claim and open CG-ROW001"' in page
    spanish = client.get(QUEUE, headers={"accept-language": "es"}).content.decode()
    assert "9 de marzo de 2026 vencida" in _row(spanish, "CG-ROW001") and "escalada" in _row(spanish, "CG-ROW002")
    assert "nadie todavía" in _row(spanish, "CG-ROW001") and 'aria-label="Tomar y abrir CG-ROW001"' in spanish


def test_the_csv_export_shows_the_same_due_date_and_holder_as_the_page(client, case):
    (complaint,) = _started(case.school, 1, "DAY")
    services.task_claim(task=services.open_task(complaint, "triage"), user=case.coordinator)
    # Deadlines end a school day in the district's time zone: already the next day in UTC.
    end_of_day = datetime.datetime(2026, 11, 25, 23, 59, 59, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    TaskDue.objects.filter(task__process__complaintprocess__complaint=complaint).update(due_at=end_of_day)
    client.force_login(case.coordinator)
    assert "Nov. 25, 2026" in _row(client.get(QUEUE).content.decode(), "CG-DAY000")
    (row,) = [line for line in _csv(client.get(reverse("staff:reviews:export"))).splitlines() if "CG-DAY000" in line]
    assert "2026-11-25" in row and "2026-11-26" not in row
    assert str(case.coordinator) in row and case.coordinator.email not in row


def _menu(page: str) -> list[tuple[str, str, bool]]:
    """The staff menu's links: (address, text, marked as the current page)."""
    nav = re.search(r'<nav class="staff-nav".*?</nav>', page, re.S).group(0)
    return [
        (href, text, bool(current))
        for href, current, text in re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
    ]


def test_the_staff_menu_lists_what_the_person_may_open_and_marks_the_queue(client, case):
    client.force_login(case.coordinator)
    menu = _menu(client.get(QUEUE).content.decode())
    assert (QUEUE, "Complaint reviews", True) in menu and ("/staff/audit/", "Audit log", False) in menu
    assert [current for _href, _text, current in menu].count(True) == 1
    client.force_login(case.principal)
    principal = _menu(client.get(QUEUE, headers={"accept-language": "es"}).content.decode())
    assert (QUEUE, "Revisión de quejas", True) in principal
    assert not any(href == "/staff/audit/" for href, _text, _current in principal)
