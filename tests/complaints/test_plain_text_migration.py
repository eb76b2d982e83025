"""complaints 0011: texts stored as sanitised HTML before 0011 are turned back into the plain text they showed."""

import importlib

import pytest
from django.apps import apps

from complaints.models import Appeal, Message, OutcomeLetter
from tests.factories import ComplaintFactory, MessageFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("complaints.migrations.0011_plain_text_as_typed")

# What bleach stored for what was typed (the words it deleted, like "<cállate>", cannot come back).
STORED_AND_SHOWN = [
    ("Nota: a&lt;b &amp; c&gt;d.\nLínea dos", "Nota: a<b & c>d.\nLínea dos"),
    (
        'Vea <a href="https://example.org/v?a=1&amp;b=2" rel="nofollow noopener noreferrer">'
        "https://example.org/v?a=1&amp;b=2</a> ahora",
        "Vea https://example.org/v?a=1&b=2 ahora",
    ),
    ("<p>Primero.</p><p>Segundo <strong>aquí</strong>.</p>", "Primero.\n\nSegundo aquí."),
    ("uno<br>dos", "uno\ndos"),
    ("El agente me dijo  y luego &lt;&gt; a mi hijo.", "El agente me dijo  y luego <> a mi hijo."),
    ("Nothing to change: 5 > 4", "Nothing to change: 5 > 4"),
]


@pytest.mark.parametrize(("stored", "shown"), STORED_AND_SHOWN)
def test_an_earlier_filing_shows_its_text_as_it_showed_before_not_html_entities(stored, shown):
    assert migration.as_typed(stored) == shown


def test_the_migration_turns_every_typed_text_back_into_plain_text():
    stored, shown = STORED_AND_SHOWN[0]
    complaint = ComplaintFactory(description=stored)
    message = MessageFactory(complaint=complaint, body=stored)
    letter = OutcomeLetter.objects.create(complaint=complaint, body=stored)
    appeal = Appeal.objects.create(complaint=complaint, reason=stored, decision=stored)
    untouched = MessageFactory(complaint=complaint, body="Plain & simple")  # "&" alone is not an entity

    migration.texts_as_typed(apps, None)

    complaint.refresh_from_db()
    assert complaint.description == shown
    assert Message.objects.get(pk=message.pk).body == shown
    assert OutcomeLetter.objects.get(pk=letter.pk).body == shown
    assert (Appeal.objects.get(pk=appeal.pk).reason, Appeal.objects.get(pk=appeal.pk).decision) == (shown, shown)
    assert Message.objects.get(pk=untouched.pk).body == "Plain & simple"
