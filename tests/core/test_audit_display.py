"""How recorded changes read in the audit log (core.audit_display): words in the reader's language, never codes."""

import pytest
from django.utils import translation

from core.audit import audit_record
from core.audit_display import changes_shown, changes_shown_many, changes_text
from core.models import AuditKind
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def _shown(event, language="es") -> list[tuple[str, str]]:
    with translation.override(language):
        return changes_shown(event)


def test_a_change_reads_as_the_fields_name_and_before_then_after_with_codes_named(world):
    renamed = audit_record(
        actor=None, kind=AuditKind.RETENTION_CHANGED, obj=world.a_agency, changes={"name": ["Old", "New"]}
    )
    assert _shown(renamed) == [("Nombre", "Old → New")]
    complaint = ComplaintFactory(school=world.a_school)
    closed = audit_record(
        actor=None, kind=AuditKind.CASE_VIEWED, obj=complaint, changes={"public_status": ["received", "closed"]}
    )
    assert _shown(closed) == [("Estado", "Recibida → Cerrada")]
    assert _shown(closed, "en") == [("Status", "Received → Closed")]


def test_context_recorded_with_an_event_reads_as_its_value_not_split_into_letters(world):
    invited = audit_record(
        actor=None,
        kind=AuditKind.SURVEY_INVITED,
        obj=world.a,
        changes={"invited": 12, "already_invited": 0, "first_response": True, "concern": None},
    )
    assert _shown(invited) == [
        ("Invitados", "12"),
        ("Ya invitados", "0"),
        ("Primera respuesta", "Sí"),
        ("Inquietud", "—"),
    ]


def test_counts_of_a_purge_name_each_record_type(world):
    purged = audit_record(
        actor=None, kind=AuditKind.RETENTION_PURGED, obj=world.a, changes={"purged": {"attachments": 2}}
    )
    assert _shown(purged) == [("Eliminados", "Archivos adjuntos a quejas cerradas: 2")]


def test_a_code_recorded_under_a_name_the_record_also_has_is_named_for_the_events_kind(world):
    reviewed = audit_record(
        actor=None,
        kind=AuditKind.SURVEY_COMMENT_REVIEWED,
        obj=world.a,
        changes={"status": "approved", "safety_concern": False},
    )
    assert _shown(reviewed, "en") == [("Status", "Shown to the advisory team"), ("Safety concern", "No")]


def test_the_export_gives_the_same_words_on_one_line(world):
    event = audit_record(
        actor=None, kind=AuditKind.SURVEY_INVITED, obj=world.a, changes={"invited": 3, "officers": [[1], [1, 2]]}
    )
    with translation.override("es"):
        assert changes_text(changes_shown(event)) == "Invitados: 3; Agentes: 1 → 1, 2"


def test_an_id_kept_for_a_foreign_key_reads_as_the_records_name(world):
    complaint = ComplaintFactory(school=world.a_school)
    moved = audit_record(
        actor=None,
        kind=AuditKind.CASE_VIEWED,
        obj=complaint,
        changes={"school": [world.a_school.pk, world.a_other_school.pk]},
    )
    gone = audit_record(actor=None, kind=AuditKind.CASE_VIEWED, obj=complaint, changes={"school": [None, 987654]})
    assert _shown(moved) == [("Escuela", "A High → A Middle")]
    assert _shown(gone) == [("Escuela", "— → 987654")]


def test_the_names_of_many_events_records_are_read_in_one_query(world, django_assert_num_queries):
    complaint = ComplaintFactory(school=world.a_school)
    events = [
        audit_record(
            actor=None,
            kind=AuditKind.CASE_VIEWED,
            obj=complaint,
            changes={"school": [world.a_school.pk, world.a_other_school.pk if n % 2 else world.b_school.pk]},
        )
        for n in range(10)
    ]
    for event in events:
        event.content_type  # noqa: B018  (the log page reads it with its events)
    with django_assert_num_queries(1), translation.override("en"):
        shown = changes_shown_many(events)
    assert shown[events[0].pk] == [("School", "A High → B High")]


def test_a_finding_recorded_per_concern_reads_as_the_finding_not_its_code(world):
    complaint = ComplaintFactory(school=world.a_school)
    approved = audit_record(
        actor=None, kind=AuditKind.OUTCOME_APPROVED, obj=complaint, changes={"final_finding:12": [None, "sustained"]}
    )
    assert _shown(approved) == [("Conclusión final (12)", "— → Fundada")]


def test_session_feedback_events_name_how_the_invitation_went_and_which_answers_were_read(world):
    from tests.feedback.builders import build_session

    session = build_session(world.a, [world.a_school])
    issued = audit_record(actor=None, kind=AuditKind.SESSION_FEEDBACK_ISSUED, obj=session, changes={"kind": "code"})
    viewed = audit_record(
        actor=None, kind=AuditKind.SESSION_FEEDBACK_VIEWED, obj=session, changes={"scope": "suppressed"}
    )
    assert _shown(issued, "en") == [("Invitation", "Printed one-time code")]
    assert _shown(viewed, "en") == [("Answers read", "none: too few to show")]
    assert _shown(issued)[0][0] == "Invitación" and _shown(viewed)[0][1] != "suppressed"
