"""The append-only audit log (core.audit, core.models.AuditEvent)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import RequestFactory

from accounts.models import District, Role
from core.audit import AuditAction, audit_record, changes_between, instance_values, mask_secrets
from core.models import AppendOnlyError, AuditEvent, AuditKind
from tests.factories import DistrictFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def _raw_refused(sql: str, params=()) -> None:
    # Both backends raise a DatabaseError subclass from the trigger; run it in
    # a savepoint so the test transaction stays usable.
    with pytest.raises((DatabaseError, IntegrityError)) as caught, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    assert "append-only" in str(caught.value)


def test_event_records_actor_object_changes_and_request():
    user = UserFactory(email="coord@example.org")
    district = DistrictFactory(name="Lakeside")
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox")
    request.user = user

    event = audit_record(
        actor=user,
        action=AuditAction.CHANGED,
        obj=district,
        changes={"name": ["Old", "Lakeside"]},
        note="renamed",
        request=request,
    )

    event.refresh_from_db()
    assert event.actor == user
    assert "coord@example.org" in event.actor_repr
    assert event.content_type == ContentType.objects.get_for_model(District)
    assert event.object_id == str(district.pk)
    assert event.object_repr == "Lakeside"
    assert event.changes == {"name": ["Old", "Lakeside"]}
    assert event.note == "renamed"
    assert event.ip_address == "203.0.113.7"
    assert event.user_agent == "Firefox"


def test_anonymous_or_system_actor_is_stored_as_none():
    from django.contrib.auth.models import AnonymousUser

    event = audit_record(actor=AnonymousUser(), action=AuditAction.CREATED, obj=DistrictFactory())
    assert event.actor is None and event.actor_repr == ""
    assert audit_record(actor=None, action=AuditAction.VIEWED, obj=None).content_type is None


def test_unknown_action_is_rejected():
    with pytest.raises(ValueError):
        audit_record(actor=None, action="teleported", obj=None)


def test_secrets_are_masked_whatever_the_case_of_the_key():
    event = audit_record(
        actor=None,
        action=AuditAction.CHANGED,
        obj=None,
        changes={
            "PIN": ["1234", "9876"],
            "api_token": "abc",
            "user_password": ["a", "b"],
            "status": ["new", "open"],
            "nested": {"client_secret": "s"},
        },
    )
    event.refresh_from_db()
    assert event.changes == {
        "PIN": ["***", "***"],
        "api_token": "***",
        "user_password": ["***", "***"],
        "status": ["new", "open"],
        "nested": {"client_secret": "***"},
    }
    assert "1234" not in str(mask_secrets({"pin_hash": "1234"}))


def test_changes_between_lists_only_differing_fields_of_instances():
    district = DistrictFactory(name="Before")
    before = instance_values(district)
    district.name = "After"
    assert changes_between(before, district) == {"name": ["Before", "After"]}
    assert changes_between({"a": 1, "b": 2}, {"a": 1, "c": 3}) == {"b": [2, None], "c": [None, 3]}


def test_event_is_rolled_back_with_the_change_it_describes():
    with pytest.raises(RuntimeError), transaction.atomic():
        district = DistrictFactory()
        audit_record(actor=None, action=AuditAction.CREATED, obj=district)
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.exists()


def test_app_refuses_to_change_or_delete_an_event():
    event = audit_record(actor=None, action=AuditAction.CREATED, obj=DistrictFactory())
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(note="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    event.refresh_from_db()
    assert event.note == ""


def test_database_trigger_refuses_raw_update_and_delete():
    event = audit_record(actor=None, action=AuditAction.CREATED, obj=DistrictFactory())
    _raw_refused("UPDATE core_auditevent SET note = 'forged' WHERE id = %s", [event.pk])
    _raw_refused("UPDATE core_auditevent SET actor_id = NULL, note = 'forged' WHERE id = %s", [event.pk])
    _raw_refused("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.note == ""


def test_deleting_the_actor_keeps_the_event_and_who_it_was():
    user = member(Role.COORDINATOR, email="gone@example.org")
    event = audit_record(actor=user, action=AuditAction.EXPORTED, obj=None)

    user.delete()

    event.refresh_from_db()
    assert event.actor is None
    assert "gone@example.org" in event.actor_repr


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_database_between_tests():
    audit_record(actor=None, action=AuditAction.CREATED, obj=DistrictFactory())
    call_command("flush", verbosity=0, interactive=False)
    assert not AuditEvent.objects.exists()
    event = audit_record(actor=None, action=AuditAction.CREATED, obj=DistrictFactory())
    _raw_refused("DELETE FROM core_auditevent WHERE id = %s", [event.pk])


def test_event_belongs_to_the_district_of_its_record(world):
    assert audit_record(actor=None, action=AuditAction.VIEWED, obj=world.a_school).district_id == world.a.pk
    assert audit_record(actor=None, action=AuditAction.VIEWED, obj=world.b).district_id == world.b.pk
    assert audit_record(actor=None, action=AuditAction.VIEWED, obj=world.a_roster).district_id == world.a.pk
    explicit = audit_record(actor=None, action=AuditAction.EXPORTED, obj=None, district_id=world.b.pk)
    assert explicit.district_id == world.b.pk


def test_triggers_survive_the_migrations_on_this_database():
    with connection.cursor() as cursor:
        names = {t.lower() for t in _trigger_names(cursor)}
    assert {"core_auditevent_no_update", "core_auditevent_no_delete"} <= names


def _trigger_names(cursor):
    if connection.vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditevent'")
    else:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'core_auditevent'::regclass")
    return [row[0] for row in cursor.fetchall()]


def test_behind_a_proxy_the_event_records_the_visitors_address_not_the_proxys(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
    event = audit_record(actor=None, action=AuditAction.VIEWED, obj=None, request=request)
    event.refresh_from_db()
    assert event.ip_address == "198.51.100.4"


def test_an_event_names_its_kind_and_files_under_the_matching_action():
    event = audit_record(actor=None, kind=AuditKind.TASK_CLAIMED, obj=DistrictFactory())
    event.refresh_from_db()
    assert (event.kind, event.action) == ("task_claimed", AuditAction.ASSIGNED)


def test_an_unknown_kind_or_an_event_with_neither_kind_nor_action_is_rejected():
    with pytest.raises(ValueError):
        audit_record(actor=None, kind="teleported", obj=None)
    with pytest.raises(ValueError):
        audit_record(actor=None, obj=None)
    assert not AuditEvent.objects.exists()


def test_every_kind_has_a_spanish_label_and_an_action():
    from django.utils import translation

    from core.models import KIND_ACTIONS

    with translation.override("en"):
        english = {kind: str(kind.label) for kind in AuditKind}
    with translation.override("es"):
        untranslated = [kind for kind in AuditKind if str(kind.label) == english[kind]]
    assert untranslated == []
    assert set(AuditKind) - set(KIND_ACTIONS) == {AuditKind.ADMIN_CHANGE}


def _coordinator_client(client, world):
    coordinator = member(Role.COORDINATOR, district=world.a)
    client.force_login(coordinator)
    client.cookies["django_language"] = "es"
    return coordinator


def test_the_audit_log_shows_each_event_in_the_readers_language_and_filters_by_it(client, world):
    from django.urls import reverse

    claimed = audit_record(actor=None, kind=AuditKind.TASK_CLAIMED, obj=world.a_school)
    audit_record(actor=None, kind=AuditKind.CASE_VIEWED, obj=world.a_school)
    _coordinator_client(client, world)

    response = client.get(reverse("staff:audit:index"), {"kind": "task_claimed"})
    assert [e.pk for e in response.context["page"].object_list] == [claimed.pk]
    content = response.content.decode()
    assert "<td>Tarea asumida</td>" in content and "<td>Caso consultado</td>" not in content
    assert '<option value="task_claimed" selected>Tarea asumida</option>' in content


def test_the_audit_export_has_the_event_column_and_is_itself_an_audit_exported_event(client, world):
    import csv
    import io

    from django.urls import reverse

    audit_record(actor=None, kind=AuditKind.FILE_DOWNLOADED, obj=world.a_school)
    coordinator = _coordinator_client(client, world)
    response = client.get(reverse("staff:audit:export"), {"kind": "file_downloaded"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][-1] == "Evento" and rows[1][-1] == "Archivo descargado"
    exported = AuditEvent.objects.get(kind=AuditKind.AUDIT_EXPORTED)
    assert (exported.actor, exported.note) == (coordinator, "kind=file_downloaded")


def test_canned_responses_added_changed_and_removed_are_typed_events(client, world):
    from django.urls import reverse

    from workflows.models import CannedResponse

    _coordinator_client(client, world)
    district = world.a.pk
    client.post(reverse("staff:reviews:canned"), {"district": district, "title": "Received", "body": "We received it."})
    canned = CannedResponse.objects.get()
    edit = reverse("staff:reviews:canned_edit", args=[canned.pk])
    client.post(edit, {"district": district, "title": "Received", "body": "We received your complaint."})
    client.post(edit, {"delete": "1"})
    events = AuditEvent.objects.filter(object_id=str(canned.pk), kind__startswith="canned_").order_by("id")
    kinds = list(events.values_list("kind", flat=True))
    assert kinds == [AuditKind.CANNED_CREATED, AuditKind.CANNED_CHANGED, AuditKind.CANNED_DELETED]


def test_recording_an_event_inside_a_change_costs_one_statement(world):
    from django.test.utils import CaptureQueriesContext

    ContentType.objects.get_for_model(world.a_school)  # cached once per process
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        audit_record(actor=None, kind=AuditKind.CASE_VIEWED, obj=world.a_school)
    assert [q["sql"].split()[0].upper() for q in queries.captured_queries] == ["INSERT"]
