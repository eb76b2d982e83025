"""How an audit event's recorded changes read in the log, in the reader's language: the one rule for every row.

An event's ``changes`` hold, per key, either a ``[before, after]`` pair (a change) or a single value (what the
event was about: a filter used, a count). A key is named by the name registered for it for the event's kind with
``audit_change_names``, else by the record's field of that name (its verbose_name, its choices naming the codes),
else by the name registered for the key under any kind, else by the key itself made readable. Nothing here is
stored: the log keeps codes, and each reader sees them in their language.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import AuditEvent

__all__ = ["audit_change_names", "changes_shown", "changes_shown_many", "changes_text"]

NOTHING = "—"
_NAMES: dict[tuple[str, str], tuple[object, dict]] = {}


def audit_change_names(key: str, label, choices: Iterable[tuple[object, object]] = (), *, kind: str = "") -> None:
    """Names a key that callers record as context rather than as a field of the record: ``label`` (a lazy
    translation) and, for a key holding codes, ``choices`` as (code, lazy label) pairs. ``kind``: only in events
    of that AuditKind (where the record has a field of the same name that means something else)."""
    _NAMES[(kind, key)] = (label, {_code(code): name for code, name in choices})


def _code(value):
    return value if value is None else str(value)


# Context keys recorded by several apps that are not fields of the record the event is about.
for _key, _label in {
    "school": _("School"),
    "classroom": _("Class"),
    "codes": _("Codes"),
    "cards": _("Cards"),
    "invited": _("Invited"),
    "already_invited": _("Already invited"),
    "opted_out": _("Opted out"),
    "sro_invited": _("SROs invited"),
    "school_invited": _("School administrators invited"),
    "concern": _("Concern"),
    "first_response": _("First response"),
    "purged": _("Removed"),
    "scope": _("Scope"),
    "safety_concern": _("Safety concern"),
    "topics": _("Topics"),
    "officers": _("Officers"),
    "people": _("People"),
}.items():
    audit_change_names(_key, _label)


def _field(model, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if getattr(field, "concrete", False) else None


def _naming(kind: str, key: str, model) -> tuple[str, dict, type[models.Model] | None]:
    """The key's name, the names of the codes it holds, and the model its ids point to (a foreign key)."""
    field = None if (kind, key) in _NAMES else _field(model, key)
    if field is not None:
        choices = {_code(code): name for code, name in field.flatchoices}
        return capfirst(str(field.verbose_name)), choices, field.related_model if field.many_to_one else None
    base, _sep, detail = key.partition(":")
    if detail and base in (k for _kind, k in _NAMES):
        # A key naming one of several ("finding:school:12"): the base's name, the detail after it.
        label, choices, _related = _naming(kind, base, None)
        return f"{label} ({detail.replace(':', ', ')})", choices, None
    label, choices = _NAMES.get((kind, key)) or _NAMES.get(("", key)) or (key.replace("_", " "), {})
    return capfirst(str(label)), choices, None


def _value(value, choices: Mapping) -> str:
    if not isinstance(value, list | dict) and _code(value) in choices:
        return str(choices[_code(value)])
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, Mapping):
        return "; ".join(f"{_naming('', str(key), None)[0]}: {_value(item, {})}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(_value(item, choices) for item in value) or NOTHING
    return str(value)


def _ids(value) -> list:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, int | str) and not isinstance(item, bool)]


def _records(wanted: dict[type[models.Model], set]) -> dict[type[models.Model], dict]:
    """For each model, its records' names by id: one query per model."""
    names = {}
    for model, ids in wanted.items():
        valid = set()
        for pk in ids:
            try:
                valid.add(model._meta.pk.to_python(pk))
            except ValidationError:
                continue
        found = model._base_manager.in_bulk(sorted(valid, key=str)) if valid else {}
        names[model] = {_code(pk): str(record) for pk, record in found.items()}
    return names


def changes_shown_many(events: Iterable[AuditEvent]) -> dict[int, list[tuple[str, str]]]:
    """(name, text) for each recorded key of each event, by event id: "before → after" for a change, the value for
    context. An id kept for a foreign key reads as the record's name (one query per model for all the events)."""
    planned, wanted = [], defaultdict(set)
    for event in events:
        model = event.content_type.model_class() if event.content_type_id else None
        keys = []
        for key, value in (event.changes or {}).items():
            label, choices, related = _naming(event.kind, key, model)
            if related is not None:
                for pair_side in value if isinstance(value, list) and len(value) == 2 else [value]:
                    wanted[related].update(_ids(pair_side))
            keys.append((label, value, choices, related))
        planned.append((event.pk, keys))
    records = _records(wanted)
    shown = {}
    for pk, keys in planned:
        rows = []
        for label, value, choices, related in keys:
            names = records.get(related, {}) if related is not None else choices
            if isinstance(value, list) and len(value) == 2:
                rows.append((label, f"{_value(value[0], names)} → {_value(value[1], names)}"))
            else:
                rows.append((label, _value(value, names)))
        shown[pk] = rows
    return shown


def changes_shown(event: AuditEvent) -> list[tuple[str, str]]:
    """``changes_shown_many`` for one event."""
    return changes_shown_many([event])[event.pk]


def changes_text(shown: list[tuple[str, str]]) -> str:
    """Shown changes as one line ("name: text; …"), for the CSV export."""
    return "; ".join(f"{name}: {text}" for name, text in shown)
