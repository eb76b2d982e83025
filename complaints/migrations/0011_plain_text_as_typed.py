"""What people typed is now stored as typed (and escaped on output). Until now it went through bleach on the way
in, so the stored texts are sanitised HTML: ``a<b`` was stored as ``a&lt;b`` and a typed web address was wrapped in
a link. This turns those texts back into the plain text they were shown as: paragraphs and line breaks become
blank lines and newlines, the tags bleach allowed (the only ones a stored text can hold: every other ``<`` was
escaped) are dropped, and entities are unescaped. Words bleach removed (``<cállate>``) cannot come back."""

import html
import re

from django.db import migrations
from django.db.models import Q

# The allow-list the texts were cleaned with (core.sanitize, removed with this migration).
_ALLOWED = "p|br|strong|em|b|i|ul|ol|li|a|blockquote"
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BETWEEN_BLOCKS = re.compile(r"</(?:p|ul|ol|blockquote)>\s*(?=<(?:p|ul|ol|blockquote)\b)", re.IGNORECASE)
_BETWEEN_ITEMS = re.compile(r"</li>\s*(?=<li\b)", re.IGNORECASE)
_TAG = re.compile(rf"</?(?:{_ALLOWED})\b[^>]*>", re.IGNORECASE)

# (model, fields) holding what a person typed.
TEXTS = [
    ("Complaint", ["description"]),
    ("Message", ["body"]),
    ("OutcomeLetter", ["body"]),
    ("Appeal", ["reason", "decision"]),
]


def as_typed(stored: str) -> str:
    """The plain text that ``stored`` (bleach's output) showed."""
    if "<" not in stored and "&" not in stored:
        return stored
    text = _BREAK.sub("\n", stored)
    text = _BETWEEN_BLOCKS.sub("\n\n", text)
    text = _BETWEEN_ITEMS.sub("\n", text)
    return html.unescape(_TAG.sub("", text)).strip()


def texts_as_typed(apps, schema_editor):
    for model_name, fields in TEXTS:
        model = apps.get_model("complaints", model_name)
        marked = Q()
        for field in fields:
            marked |= Q(**{f"{field}__contains": "<"}) | Q(**{f"{field}__contains": "&"})
        rows = list(model.objects.filter(marked).only("pk", *fields))
        for row in rows:
            for field in fields:
                setattr(row, field, as_typed(getattr(row, field)))
        model.objects.bulk_update(rows, fields, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0010_appeals_after_reopening")]

    operations = [migrations.RunPython(texts_as_typed, migrations.RunPython.noop)]
