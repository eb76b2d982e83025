"""The SRO's quick log on a phone: defaults, errors next to the field, both languages, audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from activity.models import EnforcementEvent, EventType, OutreachActivity
from core.models import AuditEvent, AuditKind
from tests.activity.builders import offence
from tests.html_inputs import browser_value

pytestmark = pytest.mark.django_db
EVENT_URL = reverse("staff:activity:event_log")
OUTREACH_URL = reverse("staff:activity:outreach_log")


def test_the_event_form_starts_on_today_at_the_officers_rostered_school(client, world, sro):
    client.force_login(sro)
    form = client.get(EVENT_URL).context["form"]
    assert form["date"].value() == timezone.localdate()
    assert list(form.fields["school"].queryset) == [world.a_school]
    assert form["school"].value() is None or form.fields["school"].empty_label is None


def test_an_sro_logs_a_citation_with_demographics_and_no_name(client, world, sro):
    client.force_login(sro)
    data = {
        "date": "2026-10-05",
        "school": world.a_school.pk,
        "type": EventType.CITATION,
        "offence": offence(world.a, "disturbance").pk,
        "student_age": "14",
        "student_grade": "9",
        "student_race": "black",
        "student_disability": "iep",
    }
    response = client.post(EVENT_URL, data)
    assert response.status_code == 302
    event = EnforcementEvent.objects.get()
    assert (event.officer, event.agency, event.student_age, event.student_disability) == (
        world.a_roster.officer,
        world.a_agency,
        14,
        "iep",
    )
    assert event.student_gender == ""  # unknown stays unknown
    assert AuditEvent.objects.filter(kind=AuditKind.ACTIVITY_EVENT_LOGGED, object_id=str(event.pk)).exists()


def test_a_citation_without_an_offence_is_refused_next_to_the_offence_field(client, world, sro):
    client.force_login(sro)
    response = client.post(EVENT_URL, {"date": "2026-10-05", "school": world.a_school.pk, "type": EventType.CITATION})
    assert response.status_code == 200
    assert response.context["form"].errors["offence"] == ["This type of event needs an offence."]
    assert 'id="id_offence_error"' in response.content.decode()
    assert not EnforcementEvent.objects.exists()


def test_the_form_speaks_spanish_to_a_spanish_reader(client, world, sro):
    client.force_login(sro)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        EVENT_URL,
        {"date": tomorrow, "school": world.a_school.pk, "type": EventType.SEARCH},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    page = response.content.decode()
    assert "Registrar un hecho" in page
    assert response.context["form"].errors["date"] == ["La fecha no puede ser futura."]


def test_custody_answers_on_a_search_are_refused(client, world, sro):
    client.force_login(sro)
    data = {"date": "2026-10-05", "school": world.a_school.pk, "type": EventType.SEARCH, "warrant": "on"}
    response = client.post(EVENT_URL, data)
    assert response.context["form"].errors["warrant"] == ["Only for an arrest or custody."]


def test_a_school_the_officer_is_not_rostered_at_is_refused(client, world, sro):
    client.force_login(sro)
    response = client.post(EVENT_URL, {"date": "2026-10-05", "school": world.b_school.pk, "type": EventType.SEARCH})
    assert "school" in response.context["form"].errors


def test_an_sro_logs_an_outreach_activity_with_unknown_reach(client, world, sro):
    client.force_login(sro)
    response = client.post(
        OUTREACH_URL, {"date": "2026-10-05", "school": world.a_school.pk, "kind": "visibility", "minutes": "30"}
    )
    assert response.status_code == 302
    activity = OutreachActivity.objects.get()
    assert (activity.minutes, activity.people_reached) == (30, None)


def test_zero_people_reached_is_kept_as_zero(client, world, sro):
    client.force_login(sro)
    data = {"date": "2026-10-05", "school": world.a_school.pk, "kind": "presentation", "minutes": "45"}
    client.post(OUTREACH_URL, {**data, "people_reached": "0"})
    assert OutreachActivity.objects.get().people_reached == 0


def test_a_police_reviewer_cannot_log(client, world):
    from accounts.models import Role
    from tests.factories import member

    client.force_login(member(Role.POLICE_REVIEWER, agency=world.a_agency))
    assert client.get(EVENT_URL).status_code == 404


def test_every_label_and_choice_of_the_event_form_is_in_spanish(client, world, sro):
    from django.utils import translation

    from activity.forms import EventForm

    def texts():
        form = EventForm(officer=world.a_roster.officer)
        found = {str(field.label) for field in form.fields.values()}
        for field in form.fields.values():
            found |= {str(label) for _value, label in getattr(field, "choices", []) if not str(label).isdigit()}
        return found - {"IEP (IDEA)", "No", world.a_school.name}  # the same in Spanish

    with translation.override("en"):
        english = texts()
    with translation.override("es"):
        spanish = texts()
    assert english & spanish == set()


def test_a_record_dated_in_a_locked_month_is_refused_next_to_the_date(client, world, sro):
    from activity.services.locks import month_lock

    month_lock(school=world.a_school, month=dt.date(2026, 10, 20))
    client.force_login(sro)
    data = {"date": "2026-10-05", "school": world.a_school.pk, "type": EventType.SEARCH}
    response = client.post(EVENT_URL, data)
    assert response.status_code == 200
    assert "reviewed and locked" in response.context["form"].errors["date"][0]
    assert not EnforcementEvent.objects.exists()
    response = client.post(EVENT_URL, {**data, "date": "2026-11-02"})
    assert response.status_code == 302


def test_an_sro_records_when_the_principal_was_told_and_an_arrest_told_in_time_is_not_flagged(client, world, sro):
    from activity.models import NoticeDeadline
    from activity.services.flags import event_flags

    NoticeDeadline.objects.create(district=world.a, principal_within=dt.timedelta(hours=24))
    client.force_login(sro)
    data = {
        "date": "2026-10-05",
        "school": world.a_school.pk,
        "type": EventType.ARREST,
        "offence": offence(world.a, "disturbance").pk,
        "warrant": "on",
        "principal_consulted": "on",
        "guardian_notified": "on",
        "principal_notified_at": "2026-10-05T15:30",
    }
    assert client.post(EVENT_URL, {**data, "principal_notified_at": "2026-10-04T09:00"}).context["form"].errors[
        "principal_notified_at"
    ] == ["This is before the day of the event."]
    assert client.post(EVENT_URL, data).status_code == 302
    event = EnforcementEvent.objects.get()
    assert timezone.localtime(event.principal_notified_at).strftime("%Y-%m-%d %H:%M") == "2026-10-05 15:30"
    assert "principal_told_late" not in {check.code for check in event_flags(event)}
    page = client.get(reverse("staff:activity:event", args=[event.pk])).content.decode()
    assert "Principal told at" in page


@pytest.mark.parametrize("url", [EVENT_URL, OUTREACH_URL])
def test_a_spanish_sro_sees_todays_date_already_filled_in(client, world, sro, url):
    client.force_login(sro)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert browser_value(page, "date") == timezone.localdate().isoformat()
