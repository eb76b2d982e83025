"""Sign-ins, sign-outs, failed sign-ins, authenticator changes and every change
made in Django's admin are in the audit log, as typed events."""

import pytest
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from accounts.models import Officer, Role, School
from core.models import AuditAction, AuditEvent, AuditKind
from tests.factories import TEST_PASSWORD, OfficerFactory, UserFactory, member

pytestmark = pytest.mark.django_db

BROWSER = {"REMOTE_ADDR": "198.51.100.7", "HTTP_USER_AGENT": "Firefox"}


def _sign_in(client, email, password=TEST_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_signing_in_and_out_are_recorded_with_the_address_for_the_staff_members_district(world):
    principal = member(Role.SCHOOL_ADMIN, school=world.a_school, mfa=False)
    client = Client(**BROWSER)
    _sign_in(client, principal.email)
    client.post(reverse("account_logout"))

    signed_in = AuditEvent.objects.get(kind=AuditKind.SIGNED_IN)
    assert (signed_in.actor, signed_in.action, signed_in.district_id) == (principal, AuditAction.SIGNED_IN, world.a.pk)
    assert (signed_in.ip_address, signed_in.user_agent) == ("198.51.100.7", "Firefox")
    signed_out = AuditEvent.objects.get(kind=AuditKind.SIGNED_OUT)
    assert (signed_out.actor, signed_out.district_id) == (principal, world.a.pk)


def test_staff_with_roles_in_two_districts_show_in_both_districts_logs(world):
    person = member(Role.COORDINATOR, district=world.a, mfa=False)
    member(Role.FACILITATOR, district=world.b, mfa=False).memberships.update(user=person)
    _sign_in(Client(**BROWSER), person.email)
    events = AuditEvent.objects.filter(kind=AuditKind.SIGNED_IN)
    assert sorted(events.values_list("district_id", flat=True)) == sorted([world.a.pk, world.b.pk])


def test_a_familys_sign_in_is_kept_for_the_operators_not_shown_to_district_staff(world):
    guardian = member(Role.GUARDIAN, district=world.a, mfa=False)
    member(Role.COORDINATOR, district=world.b, mfa=False).memberships.update(user=guardian)
    _sign_in(Client(**BROWSER), guardian.email)
    events = AuditEvent.objects.filter(kind=AuditKind.SIGNED_IN)
    # Only the district where they are staff sees it; the district where they are a parent does not.
    assert list(events.values_list("actor", "district_id")) == [(guardian.pk, world.b.pk)]
    only_family = member(Role.STUDENT, district=world.a, mfa=False)
    _sign_in(Client(**BROWSER), only_family.email)
    assert AuditEvent.objects.get(kind=AuditKind.SIGNED_IN, actor=only_family).district_id is None


def test_a_wrong_password_is_recorded_with_the_address_tried_but_never_the_password(world):
    coordinator = member(Role.COORDINATOR, district=world.a)
    _sign_in(Client(**BROWSER), coordinator.email, password="Tr0ub4dor&3-guess")

    event = AuditEvent.objects.get(kind=AuditKind.SIGN_IN_FAILED)
    assert event.actor is None and event.action == AuditAction.FAILED
    assert event.note == coordinator.email
    assert event.object_id == str(coordinator.pk) and event.district_id == world.a.pk
    assert event.ip_address == "198.51.100.7"
    stored = str([(e.note, e.changes, e.object_repr, e.user_agent) for e in AuditEvent.objects.all()])
    assert "Tr0ub4dor" not in stored


def test_a_sign_in_attempt_for_an_unknown_address_is_recorded_for_the_operators():
    _sign_in(Client(**BROWSER), "nobody-here@example.org", password="whatever-guess-1")
    event = AuditEvent.objects.get(kind=AuditKind.SIGN_IN_FAILED)
    assert (event.note, event.district_id, event.object_id) == ("nobody-here@example.org", None, "")


def test_a_wrong_authenticator_code_at_sign_in_is_recorded(world):
    coordinator = member(Role.COORDINATOR, district=world.a, mfa=True)
    client = Client(**BROWSER)
    response = _sign_in(client, coordinator.email)
    assert response.url == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    event = AuditEvent.objects.get(kind=AuditKind.MFA_FAILED)
    assert (event.object_id, event.district_id) == (str(coordinator.pk), world.a.pk)
    assert not AuditEvent.objects.filter(kind=AuditKind.SIGNED_IN).exists()


def test_adding_and_removing_an_authenticator_and_new_recovery_codes_are_recorded(
    world, django_capture_on_commit_callbacks
):
    coordinator = member(Role.COORDINATOR, district=world.a, mfa=False)
    client = Client(**BROWSER)
    _sign_in(client, coordinator.email)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    # allauth announces these changes once its transaction has committed.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": _totp_code(secret)})
        client.post(reverse("mfa_generate_recovery_codes"))
        client.post(reverse("mfa_deactivate_totp"))

    kinds = list(AuditEvent.objects.filter(actor=coordinator).order_by("id").values_list("kind", "note"))
    assert (AuditKind.MFA_ADDED, "totp") in kinds
    assert (AuditKind.RECOVERY_CODES_REGENERATED, "recovery_codes") in kinds
    assert (AuditKind.MFA_REMOVED, "totp") in kinds


@pytest.fixture
def operator(db):
    return UserFactory(is_staff=True, is_superuser=True, mfa=True, email="operator@example.org")


def test_a_change_made_in_the_admin_is_recorded_for_the_records_district(client, world, operator):
    client.force_login(operator)
    url = reverse("admin:accounts_school_change", args=[world.a_school.pk])
    data = {"district": world.a.pk, "name": "A High School", "slug": world.a_school.slug, "level": "high"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    event = AuditEvent.objects.get(kind=AuditKind.ADMIN_CHANGE)
    assert (event.actor, event.action, event.district_id) == (operator, AuditAction.CHANGED, world.a.pk)
    assert event.content_type.model_class() is School and event.object_id == str(world.a_school.pk)
    assert event.object_repr == "A High School" and "Name" in event.note


def test_adding_and_deleting_one_record_in_the_admin_are_recorded(client, world, operator):
    client.force_login(operator)
    client.post(
        reverse("admin:accounts_officer_add"),
        {"agency": world.a_agency.pk, "full_name": "Pat Doe", "badge_number": "7"},
    )
    officer = Officer.objects.get(full_name="Pat Doe")
    client.post(reverse("admin:accounts_officer_delete", args=[officer.pk]), {"post": "yes"})

    events = AuditEvent.objects.filter(kind=AuditKind.ADMIN_CHANGE).order_by("id")
    assert [(e.action, e.object_id, e.district_id) for e in events] == [
        (AuditAction.CREATED, str(officer.pk), world.a.pk),
        (AuditAction.DELETED, str(officer.pk), world.a.pk),
    ]


def test_deleting_several_records_at_once_in_the_admin_records_each_one(client, world, operator):
    officers = [OfficerFactory(agency=world.a_agency), OfficerFactory(agency=world.b_agency)]
    client.force_login(operator)
    changelist = reverse("admin:accounts_officer_changelist")
    selected = [str(o.pk) for o in officers]
    confirm = client.post(changelist, {"action": "delete_selected", "_selected_action": selected})
    assert confirm.status_code == 200 and not AuditEvent.objects.filter(kind=AuditKind.ADMIN_CHANGE).exists()
    client.post(changelist, {"action": "delete_selected", "_selected_action": selected, "post": "yes"})

    assert not Officer.objects.filter(pk__in=selected).exists()
    events = AuditEvent.objects.filter(kind=AuditKind.ADMIN_CHANGE, action=AuditAction.DELETED)
    assert sorted((e.object_id, e.district_id) for e in events) == sorted(
        [(str(officers[0].pk), world.a.pk), (str(officers[1].pk), world.b.pk)]
    )


def test_operators_find_failed_sign_ins_for_unknown_addresses_in_the_admin(client, operator):
    _sign_in(Client(**BROWSER), "nobody-here@example.org", password="whatever-guess-1")
    client.force_login(operator)
    response = client.get(reverse("admin:core_auditevent_changelist"), {"kind": AuditKind.SIGN_IN_FAILED})
    content = response.content.decode()
    assert response.status_code == 200
    assert "nobody-here@example.org" in content and "198.51.100.7" in content


def _admin_form_data(response) -> dict:
    """What the admin change page would post back unchanged: its form and inline forms' current values."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None:
                continue
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            elif hasattr(field, "fields") and hasattr(field.widget, "widgets"):  # split date and time
                for n, part in enumerate(field.widget.decompress(value)):
                    data[f"{key}_{n}"] = part if part is not None else ""
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            else:
                data[key] = str(value)
    return data


def test_a_role_given_in_the_admin_shows_in_that_districts_log(client, world, operator):
    person = member(Role.GUARDIAN, district=world.b, mfa=False)
    client.force_login(operator)
    url = reverse("admin:accounts_user_change", args=[person.pk])
    data = _admin_form_data(client.get(url))
    data.update(
        {
            "memberships-TOTAL_FORMS": str(int(data["memberships-TOTAL_FORMS"]) + 1),
            "memberships-1-role": Role.COORDINATOR,
            "memberships-1-district": str(world.a.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response

    events = AuditEvent.objects.filter(kind=AuditKind.ADMIN_CHANGE, object_id=str(person.pk))
    assert sorted(events.values_list("district_id", flat=True)) == sorted([world.a.pk, world.b.pk])
    assert all("membership" in event.note.lower() for event in events)
