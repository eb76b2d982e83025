"""The agency's columns and codes, in our terms: which of their columns holds each of our fields, and what their
codes mean. The first import of an agency proposes a mapping from the file's headers."""

import re

import tablib
from django.db import transaction
from django.utils import translation
from django.utils.text import capfirst

from activity.models import EnforcementEvent, ImportMapping, OutreachActivity, RecordKind
from core.audit import AuditKind, audit_record, changes_between

_COMMON = ("external_id", "date", "school", "officer")
FIELDS: dict[str, tuple[str, ...]] = {
    RecordKind.EVENTS: (
        *_COMMON,
        "type",
        "offence",
        "referred_for_charging",
        "school_officials_involved",
        "real_threat",
        "school_discipline",
        "warrant",
        "principal_consulted",
        "guardian_notified",
        "student_age",
        "student_grade",
        "student_gender",
        "student_race",
        "student_disability",
        "student_english_learner",
    ),
    RecordKind.OUTREACH: (*_COMMON, "kind", "people_reached", "minutes"),
}
REQUIRED: dict[str, frozenset[str]] = {
    RecordKind.EVENTS: frozenset({*_COMMON, "type"}),
    RecordKind.OUTREACH: frozenset({*_COMMON, "kind", "minutes"}),
}
MODELS = {RecordKind.EVENTS: EnforcementEvent, RecordKind.OUTREACH: OutreachActivity}
# Other names agencies' systems give our fields (compared without case, spaces or punctuation).
_SYNONYMS = {
    "external_id": (
        *("id", "record", "incident", "case", "report"),
        *(f"{word}{suffix}" for word in ("record", "incident", "case", "report") for suffix in ("number", "no", "id")),
    ),
    "school": ("campus", "schoolname", "site", "escuela"),
    "officer": ("badge", "badgenumber", "sro", "officername"),
    "type": ("eventtype", "actiontype", "action"),
    "kind": ("activity", "activitytype", "outreachtype"),
    "real_threat": ("threat", "immediatethreat", "realandimmediatethreat"),
    "school_discipline": ("discipline",),
    "student_age": ("age",),
    "student_grade": ("grade",),
    "student_gender": ("gender", "sex"),
    "student_race": ("race", "ethnicity", "raceethnicity"),
    "student_disability": ("disability", "iep", "iep504"),
    "student_english_learner": ("englishlearner", "ell", "el", "lep"),
    "people_reached": ("attendance", "attendees", "students", "reached"),
    "minutes": ("duration", "durationminutes"),
    "offence": ("offense", "charge", "offensecode", "offencecode"),
}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def field_label(kind: str, name: str) -> str:
    """Our field's name for people (translated)."""
    return capfirst(str(MODELS[kind]._meta.get_field(name).verbose_name))


def codes_of(kind: str, name: str) -> set[str] | None:
    """Our codes for a field with fixed choices (None for other fields: their values are checked row by row)."""
    choices = MODELS[kind]._meta.get_field(name).choices
    return {str(code) for code, _label in choices if code} if choices else None


def _names_for(kind: str, name: str) -> set[str]:
    names = {_norm(name), _norm(name.removeprefix("student_")), *_SYNONYMS.get(name, ())}
    for language in ("en", "es"):
        with translation.override(language):
            names.add(_norm(field_label(kind, name)))
    return names


def mapping_propose(*, kind: str, headers: list[str]) -> dict[str, str]:
    """``{our field: their header}`` for every field one of ``headers`` names (by our name, label or a synonym)."""
    by_norm = {_norm(header): header for header in headers if header}
    proposal = {}
    for name in FIELDS[kind]:
        found = next((by_norm[n] for n in _names_for(kind, name) if n in by_norm), None)
        if found and found not in proposal.values():
            proposal[name] = found
    return proposal


def mapping_for(*, agency, kind: str, headers: list[str]) -> tuple[dict[str, str], dict, bool]:
    """The agency's saved columns (those present in ``headers``) and codes, else a proposal; and whether saved."""
    saved = ImportMapping.objects.filter(agency=agency, kind=kind).first()
    if saved is None:
        return mapping_propose(kind=kind, headers=headers), {}, False
    columns = {ours: theirs for ours, theirs in saved.columns.items() if theirs in headers}
    return columns, saved.value_maps, True


@transaction.atomic
def mapping_save(*, agency, kind: str, columns: dict[str, str], value_maps: dict, by, request=None) -> ImportMapping:
    """Saves the agency's mapping for ``kind``; audited with what changed."""
    mapping, _ = ImportMapping.objects.get_or_create(agency=agency, kind=kind)
    before = {"columns": mapping.columns, "value_maps": mapping.value_maps}
    mapping.columns, mapping.value_maps = columns, value_maps
    mapping.save()
    after = {"columns": columns, "value_maps": value_maps}
    audit_record(
        actor=by,
        kind=AuditKind.ACTIVITY_IMPORT_MAPPING_CHANGED,
        obj=mapping,
        changes=changes_between(before, after),
        request=request,
    )
    return mapping


def dataset_translate(*, data: tablib.Dataset, kind: str, columns: dict[str, str], value_maps: dict):
    """``data`` under our field names, each of their codes replaced by ours (``value_maps``);
    empty cells are ``""``. Returns the new dataset and ``{our field: their header}`` for error messages."""
    names = [name for name in FIELDS[kind] if columns.get(name) in data.headers]
    index = {name: data.headers.index(columns[name]) for name in names}
    out = tablib.Dataset(headers=names)
    for row in data:
        out.append([_translated(row[index[name]], value_maps.get(name) or {}) for name in names])
    return out, {name: columns[name] for name in names}


def _translated(value, codes: dict):
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.strip()
        return codes.get(value, codes.get(value.lower(), value)) if codes else value
    return value
