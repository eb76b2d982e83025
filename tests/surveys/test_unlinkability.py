"""An anonymous response cannot be linked to the invitation (or person) it
came from: not by a column, not by its id or order, not by a log line, an
audit row, the session, or (on PostgreSQL) the transaction that wrote it."""

import logging
import uuid

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from core.models import AuditEvent
from surveys.models import Answer, Attribution, Invitation, InvitationStatus, Response, ResponseDraft
from surveys.take_session import COOKIE, SALT
from tests.surveys.builders import questions_by_code
from tests.surveys.taking import answer, invitation, resume_code

PAGE = reverse("surveys:take_page")
# Words in a column name that would say who, from where, with what, or when.
LINKING_WORDS = ("invit", "user", "ip", "address", "agent", "token", "code", "session", "created", "updated", "time")
ALLOWED_TARGETS = {
    "surveys.Survey",
    "surveys.Question",
    "surveys.QuestionChoice",
    "surveys.Response",
    "accounts.School",
}
TIME_FIELDS = (models.DateField, models.DateTimeField, models.TimeField, models.DurationField)


def _take_with_invitation(client, survey, school, email):
    """Answers every page through an invitation link; returns what could link."""
    q = questions_by_code(survey)
    inv, code = invitation(survey, school, email=email)
    client.post(reverse("surveys:take_code_link", args=[code]))
    resume = resume_code(client.get(PAGE))
    draft_id = str(ResponseDraft.objects.get(invitation=inv).pk)
    answer(client, **{f"q{q['SRO-SAFE-1'].pk}": "agree"})
    answer(client, **{f"q{q['SRO-COMMENT-1'].pk}": "Fine"})
    answer(client, "finish", **{f"q{q['DEM-GRADE'].pk}": "9"})
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.FINISHED
    return {"code": code, "resume": resume.replace("-", ""), "draft": draft_id, "invitation": inv}


def _columns(model):
    return [f for f in model._meta.get_fields() if f.concrete]


@pytest.mark.parametrize("model", [Response, Answer], ids=["Response", "Answer"])
def test_no_column_of_a_response_or_answer_refers_to_an_invitation_person_address_agent_or_time(model):
    for field in _columns(model):
        assert not isinstance(field, TIME_FIELDS), f"{model.__name__}.{field.name} records a time"
        assert not isinstance(field, models.GenericIPAddressField), f"{model.__name__}.{field.name} is an address"
        assert not any(word in field.name for word in LINKING_WORDS), f"{model.__name__}.{field.name} may link"
        if field.is_relation:
            target = field.related_model._meta.label
            assert target in ALLOWED_TARGETS, f"{model.__name__}.{field.name} points at {target}"


def test_only_the_confidential_attribution_and_reviews_refer_to_responses_and_answers():
    """A new table pointing at a response (with a time or an invitation) must be looked at here first."""
    pointing = {
        (m._meta.label, f.name)
        for m in apps.get_models()
        for f in m._meta.get_fields()
        if f.concrete and f.is_relation and f.related_model in (Response, Answer)
    }
    assert pointing == {
        ("surveys.Answer", "response"),
        ("surveys.Attribution", "response"),
        ("surveys.CommentReview", "answer"),
        # The coordinator's written response to a partner-feedback concern: like a review, it holds the
        # coordinator's name and the time of the response, nothing of the respondent or their invitation.
        ("feedback.ConcernReply", "answer"),
    }


def test_ids_are_random_and_the_default_order_is_not_the_order_of_submission(climate, world):
    submitted = []
    for i in range(12):
        _take_with_invitation(Client(), climate, world.a_school, f"p{i}@example.org")
        submitted.append(Response.objects.exclude(pk__in=submitted).get().pk)
    assert all(isinstance(pk, uuid.UUID) and pk.version == 4 for pk in submitted)
    assert list(Response.objects.values_list("pk", flat=True)) != submitted
    assert list(Response.objects.values_list("pk", flat=True)) == sorted(submitted)
    answer_ids = list(Answer.objects.values_list("pk", flat=True))
    assert all(pk.version == 4 for pk in answer_ids)


def test_an_anonymous_survey_keeps_no_attribution(client, climate, world):
    _take_with_invitation(client, climate, world.a_school, "parent@example.org")
    assert Response.objects.count() == 1
    assert not Attribution.objects.exists()


@pytest.fixture
def every_log_record():
    """Every logger at DEBUG, every record kept (also those of loggers that do not propagate)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    loggers = [logging.getLogger()] + [
        logging.getLogger(name)
        for name, obj in logging.root.manager.loggerDict.items()
        if isinstance(obj, logging.Logger)
    ]
    saved = [(lg, lg.level, lg.disabled) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.disabled = False
        lg.addHandler(handler)
    yield records
    for lg, level, disabled in saved:
        lg.setLevel(level)
        lg.disabled = disabled
        lg.removeHandler(handler)


def test_no_log_line_written_during_a_submission_names_the_response_or_the_invitation(
    client, climate, world, every_log_record
):
    logging.getLogger("surveys.canary").debug("the capture works")
    links = _take_with_invitation(client, climate, world.a_school, "parent@example.org")
    response = Response.objects.get()
    inv = links["invitation"]
    secrets_ = {
        str(response.pk),
        response.pk.hex,
        links["code"],
        links["resume"],
        links["draft"],
        uuid.UUID(links["draft"]).hex,
        inv.code_hash,
        inv.email,
    }
    assert any(r.name == "surveys.canary" for r in every_log_record)
    for record in every_log_record:
        line = f"{record.getMessage()} {record.args!r} {getattr(record, 'request', '')!s}"
        leaked = sorted(s for s in secrets_ if s and s in line)
        assert not leaked, f"{record.name}: {line[:300]}"


def test_no_audit_row_is_written_while_taking_a_survey(client, climate, world):
    before = AuditEvent.objects.count()
    _take_with_invitation(client, climate, world.a_school, "parent@example.org")
    assert AuditEvent.objects.count() == before


def test_after_finishing_no_session_or_cookie_holds_anything_that_links(client, climate, world):
    links = _take_with_invitation(client, climate, world.a_school, "parent@example.org")
    kept = {name: morsel.value for name, morsel in client.cookies.items() if name != "csrftoken" and morsel.value}
    # Only which survey was finished (the same for every respondent), for a refresh of the thank-you page.
    assert set(kept) <= {COOKIE}, kept
    if kept:
        assert signing.loads(kept[COOKIE], salt=SALT) == {"finished": climate.public_id}
    response = Response.objects.get()
    assert not ResponseDraft.objects.exists()
    wanted = {str(response.pk), links["code"], links["resume"], links["draft"], str(links["invitation"].pk)}
    for session in Session.objects.all():
        data = session.get_decoded()
        flat = repr(data)
        assert not any(value in flat for value in wanted - {str(links["invitation"].pk)}), data
        assert not any(key.startswith("surveys.") for key in data), data


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_no_response_shares_its_writing_transaction_with_an_invitation_once_sealed(climate, world):
    """The invitation is marked finished in the transaction that stores the
    response, so both rows carry that transaction's id (xmin) until the
    worker's seal (``surveys.seal``, on main) rewrites the invitations."""
    seal = pytest.importorskip("surveys.seal")
    _take_with_invitation(Client(), climate, world.a_school, "parent@example.org")
    _take_with_invitation(Client(), climate, world.a_school, "other@example.org")

    def shared():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {Response._meta.db_table} r JOIN {Invitation._meta.db_table} i "  # noqa: S608
                "ON r.xmin = i.xmin"
            )
            return cursor.fetchone()[0]

    assert shared() == 2  # the link the seal exists to break
    seal.invitations_seal()
    assert shared() == 0
