"""Coordinator pages for closures and deadline numbers."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role
from core.models import AuditAction, AuditEvent, AuditKind
from tests.factories import SchoolCalendarClosureFactory, member
from workflows.models import DeadlinePolicy, SchoolCalendarClosure

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


@pytest.fixture
def a_closure(world):
    return SchoolCalendarClosureFactory(district=world.a, name="Thanksgiving", starts_on=dt.date(2025, 11, 27))


@pytest.fixture
def b_closure(world):
    return SchoolCalendarClosureFactory(district=world.b, name="B holiday")


def _form(name="Spring break", starts="2026-03-16", ends="2026-03-20", kind="break"):
    return {"name": name, "kind": kind, "starts_on": starts, "ends_on": ends}


def test_a_single_district_coordinator_goes_straight_to_their_calendar(client, world, coordinator, a_closure):
    client.force_login(coordinator)
    response = client.get(reverse("staff:calendar:index"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("staff:calendar:district", args=[world.a.pk])
    assert b"Thanksgiving" in response.content
    assert b"B holiday" not in response.content


def test_coordinator_adds_a_closure_and_it_is_audited(client, world, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("staff:calendar:closure_add", args=[world.a.pk]), _form())
    assert response.status_code == 302
    closure = SchoolCalendarClosure.objects.get(district=world.a)
    assert (closure.name, closure.starts_on, closure.ends_on) == (
        "Spring break",
        dt.date(2026, 3, 16),
        dt.date(2026, 3, 20),
    )
    event = AuditEvent.objects.get(kind=AuditKind.CLOSURE_CREATED)
    assert (event.action, event.actor, event.district_id) == (AuditAction.CREATED, coordinator, world.a.pk)
    assert event.changes["starts_on"] == [None, "2026-03-16"]


def test_end_before_start_is_shown_next_to_the_field_and_input_is_kept(client, world, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("staff:calendar:closure_add", args=[world.a.pk]), _form(starts="2026-03-20", ends="2026-03-16")
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["ends_on"]
    content = response.content.decode()
    assert 'id="id_ends_on_error"' in content
    assert 'value="Spring break"' in content and 'value="2026-03-20"' in content
    assert not SchoolCalendarClosure.objects.exists()
    assert not AuditEvent.objects.exclude(kind=AuditKind.SIGNED_IN).exists()


def test_a_closure_spanning_decades_is_refused_next_to_the_last_day_naming_the_limit(client, world, coordinator):
    client.force_login(coordinator)
    url = reverse("staff:calendar:closure_add", args=[world.a.pk])
    response = client.post(url, _form(starts="1990-01-01", ends="2099-12-31"), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == [
        "Un cierre puede durar como máximo 100 días; este dura 40177 días. Revise los años."
    ]
    content = response.content.decode()
    assert 'id="id_ends_on_error"' in content
    assert 'value="1990-01-01"' in content and 'value="2099-12-31"' in content
    assert not SchoolCalendarClosure.objects.exists()


def test_a_summer_break_fits_and_editing_a_closure_into_a_years_long_one_is_refused(
    client, world, coordinator, settings
):
    client.force_login(coordinator)
    summer = _form(name="Summer", starts="2026-06-02", ends="2026-08-15")
    assert client.post(reverse("staff:calendar:closure_add", args=[world.a.pk]), summer).status_code == 302
    closure = SchoolCalendarClosure.objects.get()
    settings.CALENDAR_CLOSURE_MAX_DAYS = 60
    url = reverse("staff:calendar:closure_edit", args=[closure.pk])
    response = client.post(url, _form(name="Summer", starts="2026-06-02", ends="2062-08-15"))
    assert response.context["form"].errors["ends_on"] == [
        "A closure can last at most 60 days; this one lasts 13224 days. Check the years."
    ]
    closure.refresh_from_db()
    assert closure.ends_on == dt.date(2026, 8, 15)


def test_coordinator_edits_a_closure_with_before_and_after_in_the_log(client, world, coordinator, a_closure):
    client.force_login(coordinator)
    url = reverse("staff:calendar:closure_edit", args=[a_closure.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(name="Thanksgiving", starts="2025-11-27", ends="2025-11-28", kind="holiday"))
    assert response.status_code == 302
    a_closure.refresh_from_db()
    assert a_closure.ends_on == dt.date(2025, 11, 28)
    event = AuditEvent.objects.get(kind=AuditKind.CLOSURE_CHANGED)
    assert event.action == AuditAction.CHANGED
    assert event.changes == {"ends_on": ["2025-11-27", "2025-11-28"]}


def test_saving_an_unchanged_closure_writes_no_event(client, coordinator, a_closure):
    client.force_login(coordinator)
    client.post(
        reverse("staff:calendar:closure_edit", args=[a_closure.pk]),
        _form(name="Thanksgiving", starts="2025-11-27", ends="2025-11-27", kind="holiday"),
    )
    assert not AuditEvent.objects.exclude(kind=AuditKind.SIGNED_IN).exists()


def test_coordinator_removes_a_closure_after_confirming(client, world, coordinator, a_closure):
    client.force_login(coordinator)
    url = reverse("staff:calendar:closure_delete", args=[a_closure.pk])
    assert client.get(url).status_code == 200
    assert SchoolCalendarClosure.objects.exists()
    assert client.post(url).status_code == 302
    assert not SchoolCalendarClosure.objects.exists()
    event = AuditEvent.objects.get(kind=AuditKind.CLOSURE_DELETED)
    assert event.action == AuditAction.DELETED
    assert event.object_repr.startswith("Thanksgiving") and event.district_id == world.a.pk
    assert event.changes["name"] == ["Thanksgiving", None]


def test_coordinator_changes_the_deadline_numbers(client, world, coordinator):
    client.force_login(coordinator)
    url = reverse("staff:calendar:deadlines", args=[world.a.pk])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()} | {
        name: form.initial[name] for name in form.initial if name in form.fields
    }
    assert "acknowledge_days" not in data and data["school_review_days"] == 30
    response = client.post(url, data | {"triage_days": 7})
    assert response.status_code == 302
    assert DeadlinePolicy.objects.get(district=world.a).triage_days == 7
    event = AuditEvent.objects.get(kind=AuditKind.DEADLINES_CHANGED)
    assert event.action == AuditAction.CREATED and event.changes == {"triage_days": [5, 7]}


@pytest.mark.parametrize("bad", ["0", "-3", "366", "two"])
def test_deadline_numbers_must_be_between_one_and_365(client, world, coordinator, bad):
    client.force_login(coordinator)
    url = reverse("staff:calendar:deadlines", args=[world.a.pk])
    data = {
        f"{step}_days": 5
        for step in (
            "acknowledge",
            "triage",
            "school_review",
            "police_review",
            "outcome",
            "appeal_window",
            "appeal_review",
        )
    }
    response = client.post(url, data | {"triage_days": bad})
    assert response.status_code == 200
    assert 'id="form-errors"' in response.content.decode()  # announced at the top, then next to the field
    assert list(response.context["form"].errors) == ["triage_days"]
    assert not DeadlinePolicy.objects.exists()


def test_another_districts_calendar_and_closures_answer_404(client, world, coordinator, b_closure):
    client.force_login(coordinator)
    urls = [
        reverse("staff:calendar:district", args=[world.b.pk]),
        reverse("staff:calendar:closure_add", args=[world.b.pk]),
        reverse("staff:calendar:deadlines", args=[world.b.pk]),
        reverse("staff:calendar:closure_edit", args=[b_closure.pk]),
        reverse("staff:calendar:closure_delete", args=[b_closure.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, _form()).status_code == 404, url
    assert SchoolCalendarClosure.objects.get() == b_closure
    assert not AuditEvent.objects.exclude(kind=AuditKind.SIGNED_IN).exists()


@pytest.mark.parametrize(
    "role, scope",
    [
        (Role.SCHOOL_ADMIN, {"school": "a_school"}),
        (Role.POLICE_REVIEWER, {"agency": "a_agency"}),
        (Role.ADVISORY, {"district": "a"}),
        (Role.FACILITATOR, {"district": "a"}),
    ],
)
def test_other_staff_roles_get_404(client, world, a_closure, role, scope):
    client.force_login(member(role, **{key: getattr(world, attr) for key, attr in scope.items()}))
    for url in [
        reverse("staff:calendar:index"),
        reverse("staff:calendar:district", args=[world.a.pk]),
        reverse("staff:calendar:closure_edit", args=[a_closure.pk]),
        reverse("staff:calendar:closure_delete", args=[a_closure.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("staff:calendar:closure_delete", args=[a_closure.pk])).status_code == 404
    assert SchoolCalendarClosure.objects.exists()


def test_calendar_page_query_count_does_not_grow_with_closures(
    client, world, coordinator, django_assert_max_num_queries
):
    for week in range(30):
        SchoolCalendarClosureFactory(district=world.a, starts_on=dt.date(2025, 9, 1) + dt.timedelta(weeks=week))
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("staff:calendar:district", args=[world.a.pk])).status_code == 200
