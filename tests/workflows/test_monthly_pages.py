"""The monthly review's staff pages: each person sees their part, errors stay next to their field, the flags
table filters and exports, a coordinator sets the notification deadlines."""

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse

from activity.models import EnforcementEvent, EventType, NoticeDeadline
from core.models import AuditEvent, AuditKind
from tests.workflows.monthly_world import MonthlyWorld
from workflows.monthly import services
from workflows.monthly.selectors import open_tasks
from workflows.monthly.tasks import monthly_reviews_open_task

pytestmark = pytest.mark.django_db
# Measured with 10 flagged events; none of them grows with the number of events, flags or reviews.
REVIEW_PAGE_QUERIES, LIST_QUERIES, FLAGS_QUERIES = 14, 8, 9


@pytest.fixture
def monthly(db):
    return MonthlyWorld()


def _review_url(review):
    return reverse("staff:monthly:review", args=[review.pk])


def _task_url(review):
    return reverse("staff:monthly:task", args=[review.pk, open_tasks(review).get().pk])


def _to_school_review(world):
    review = world.open_october()
    for user in (world.sro, world.sro2):
        services.monthly_certify(task=open_tasks(review).get(), user=user)
    return review


def test_an_sro_sees_only_their_own_records_of_the_month(client, monthly):
    mine = monthly.call()
    theirs = monthly.call(officer=monthly.officer2, day=9)
    review = monthly.open_october()
    client.force_login(monthly.sro)
    events = client.get(_review_url(review)).context["events"]
    assert [e.pk for e in events] == [mine.pk]
    client.force_login(monthly.principal)
    assert {e.pk for e in client.get(_review_url(review)).context["events"]} == {mine.pk, theirs.pk}


def test_the_administrator_of_another_school_gets_404(client, monthly):
    review = monthly.open_october()
    client.force_login(monthly.other_principal)
    assert client.get(_review_url(review)).status_code == 404


def test_an_sro_certifies_from_the_review_page(client, monthly):
    review = monthly.open_october()
    client.force_login(monthly.sro)
    assert client.post(_task_url(review), {}).context["tasks"][0]["form"].errors["confirm"]
    response = client.post(_task_url(review), {"confirm": "on"})
    assert response.status_code == 302
    assert review.certifications.get().officer == monthly.officer
    assert AuditEvent.objects.filter(kind=AuditKind.MONTHLY_CERTIFIED).exists()


def test_a_flag_without_a_resolution_is_refused_next_to_its_field_in_both_languages(client, monthly):
    citation = monthly.flagged_citation()
    review = _to_school_review(monthly)
    client.force_login(monthly.principal)
    field = f"resolution_{citation.pk}_public_order_without_threat"
    response = client.post(_task_url(review), {"decision": "forward", "comments": "Fine"})
    assert response.status_code == 200
    form = response.context["tasks"][0]["form"]
    assert form.errors[field] == ["Write how this flag was resolved."]
    assert form["comments"].value() == "Fine"  # what was typed is kept
    assert f'id="id_{field}_error"' in response.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.post(_task_url(review), {"decision": "forward"})
    assert response.context["tasks"][0]["form"].errors[field] == ["Escriba cómo se resolvió esta alerta."]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(_task_url(review), {"decision": "forward", field: "Citation withdrawn."})
    assert response.status_code == 302
    assert open_tasks(review).get().flow_task.name == "accept"


def test_sending_back_needs_a_reason(client, monthly):
    review = _to_school_review(monthly)
    client.force_login(monthly.principal)
    response = client.post(_task_url(review), {"decision": "send_back", "reason": " "})
    assert response.context["tasks"][0]["form"].errors["reason"] == ["Say what the SRO should correct."]
    assert client.post(_task_url(review), {"decision": "send_back", "reason": "Wrong date"}).status_code == 302
    assert open_tasks(review).get().flow_task.name == "certify"


def test_once_accepted_the_month_refuses_the_sros_form(client, monthly):
    review = _to_school_review(monthly)
    services.monthly_school_review(task=open_tasks(review).get(), user=monthly.principal, comments="", resolutions={})
    client.force_login(monthly.coordinator)
    assert client.post(_task_url(review), {"decision": "forward"}).status_code == 302
    client.force_login(monthly.sro)
    data = {"date": "2026-10-20", "school": monthly.school.pk, "type": EventType.SEARCH}
    response = client.post(reverse("staff:activity:event_log"), data)
    assert "reviewed and locked" in response.context["form"].errors["date"][0]
    assert not EnforcementEvent.objects.filter(date=dt.date(2026, 10, 20)).exists()


def test_the_flags_table_lists_each_flag_with_its_resolution_and_filters_the_unresolved(
    client, monthly, django_assert_max_num_queries
):
    resolved = monthly.flagged_citation()
    open_one = monthly.flagged_citation(officer=monthly.officer2, date=dt.date(2026, 10, 12))
    monthly.call()  # nothing to flag: not listed
    review = _to_school_review(monthly)
    services.monthly_school_review(
        task=open_tasks(review).get(),
        user=monthly.principal,
        comments="",
        resolutions={
            (resolved.pk, "public_order_without_threat"): "Withdrawn.",
            (open_one.pk, "public_order_without_threat"): "Discussed.",
        },
    )
    open_one.flag_resolutions.all().delete()
    client.force_login(monthly.coordinator)
    url = reverse("staff:monthly:flags")
    rows = client.get(url).context["rows"]
    assert [(e.pk, c.code, r.text if r else None) for e, c, r in rows] == [
        (open_one.pk, "public_order_without_threat", None),
        (resolved.pk, "public_order_without_threat", "Withdrawn."),
    ]
    assert [e.pk for e, _c, _r in client.get(url, {"unresolved": "on"}).context["rows"]] == [open_one.pk]
    with django_assert_max_num_queries(20):
        client.get(url)
    export = client.get(reverse("staff:monthly:flags_export"))
    body = b"".join(export.streaming_content) if export.streaming else export.content
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert lines[0][:2] == ["Date", "School"] and len(lines) == 3
    assert lines[2][7] == "Withdrawn."
    assert AuditEvent.objects.filter(kind=AuditKind.FLAGS_EXPORTED).exists()


def test_police_reviewers_read_their_agencys_flags_without_any_student_data(client, monthly):
    monthly.flagged_citation()
    client.force_login(monthly.reviewer)
    response = client.get(reverse("staff:monthly:flags"))
    assert len(response.context["rows"]) == 1
    assert "15" not in response.content.decode().split("<table")[1].split("</table>")[0]


def test_a_coordinator_sets_the_districts_notification_deadlines_in_hours(client, monthly):
    url = reverse("staff:monthly:deadlines", args=[monthly.district.pk])
    client.force_login(monthly.coordinator)
    response = client.post(url, {"principal_hours": "0"})
    assert response.context["form"].errors["principal_hours"]
    assert client.post(url, {"principal_hours": "24", "guardian_hours": ""}).status_code == 302
    saved = NoticeDeadline.objects.get(district=monthly.district)
    assert saved.principal_within == dt.timedelta(hours=24) and saved.guardian_within is None
    assert AuditEvent.objects.filter(kind=AuditKind.NOTICE_DEADLINES_CHANGED).exists()
    client.force_login(monthly.principal)
    assert client.get(url).status_code == 404


def test_the_worker_job_opens_last_months_reviews_once(monthly):
    assert monthly_reviews_open_task.call() == 1  # the world's SROs are rostered from 2020 on, with no end
    assert monthly_reviews_open_task.call() == 0


def test_the_review_page_and_list_read_in_a_fixed_number_of_queries(client, monthly, django_assert_num_queries):
    for day in range(5, 15):
        monthly.flagged_citation(date=dt.date(2026, 10, day))
    review = _to_school_review(monthly)
    client.force_login(monthly.principal)
    client.get(_review_url(review))  # warms the session and content-type caches
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        assert client.get(_review_url(review)).status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(reverse("staff:monthly:index")).status_code == 200
    with django_assert_num_queries(FLAGS_QUERIES):
        assert client.get(reverse("staff:monthly:flags")).status_code == 200


def test_the_flags_table_shows_only_the_flag_chosen(client, monthly):
    monthly.flagged_citation(school_discipline=True)
    client.force_login(monthly.coordinator)
    url = reverse("staff:monthly:flags")
    assert len(client.get(url).context["rows"]) == 2
    rows = client.get(url, {"flag": "school_discipline"}).context["rows"]
    assert [check.code for _e, check, _r in rows] == ["school_discipline"]
    export = client.get(reverse("staff:monthly:flags_export"), {"flag": "school_discipline"})
    body = (b"".join(export.streaming_content) if export.streaming else export.content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(body)))) == 2


def test_the_flags_export_dates_a_resolution_in_the_districts_time_zone_as_the_page_does(client, monthly):
    event = monthly.flagged_citation()
    review = _to_school_review(monthly)
    services.monthly_school_review(
        task=open_tasks(review).get(),
        user=monthly.principal,
        comments="",
        resolutions={(event.pk, "public_order_without_threat"): "Withdrawn."},
    )
    # 10 p.m. on November 2 in the district is already November 3 in UTC.
    evening = dt.datetime(2026, 11, 2, 22, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    event.flag_resolutions.update(resolved_at=evening)
    client.force_login(monthly.coordinator)
    assert "Nov. 2, 2026" in client.get(reverse("staff:monthly:flags")).content.decode()
    export = client.get(reverse("staff:monthly:flags_export"))
    body = b"".join(export.streaming_content) if export.streaming else export.content
    (row,) = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]
    assert row[9].startswith("2026-11-02T22:00:00")
