"""Nothing in the database's own row versions links an invitation to its response once sealed."""

import pytest
from django.db import connection

from surveys.codes import code_generate, code_hash
from surveys.models import Invitation, Source
from surveys.seal import invitations_seal
from surveys.services.responses import response_store
from tests.surveys.builders import build_survey


def _xmin(table: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT xmin::text FROM "{table}" WHERE id = %s', [pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_finished_invitation_is_rewritten_apart_from_its_response(world):
    survey = build_survey(world.a, [world.a_school])
    invitation = Invitation.objects.create(
        survey=survey,
        school=world.a_school,
        group="guardian",
        kind="email",
        email="p@example.org",
        code_hash=code_hash(code_generate(), purpose="invitation"),
    )
    response = response_store(survey=survey, answers={}, source=Source.INVITATION, language="en", invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.sealed is False
    if connection.vendor == "postgresql":
        # Without the seal the database itself links them: the same writing transaction.
        assert _xmin("surveys_invitation", invitation.pk) == _xmin("surveys_response", response.pk)

    assert invitations_seal() == 1

    invitation.refresh_from_db()
    assert invitation.sealed is True
    if connection.vendor == "postgresql":
        assert _xmin("surveys_invitation", invitation.pk) != _xmin("surveys_response", response.pk)
    assert invitations_seal() == 0
