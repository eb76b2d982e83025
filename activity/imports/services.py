"""Checking (dry run) and importing an uploaded file of SRO records: audited, each record tied to its file."""

import hashlib
import logging

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.imports.files import dataset_read
from activity.imports.mapping import REQUIRED, dataset_translate, field_label, mapping_for
from activity.imports.resources import RESOURCES
from activity.models import BatchStatus, ImportBatch
from core.audit import AuditKind, audit_record

logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    """The file has rows with errors and the person did not choose to import the valid rows only."""


@transaction.atomic
def batch_upload(*, agency, kind: str, name: str, content: bytes, by, request=None) -> ImportBatch:
    """Reads the file (``ValidationError`` when it is no table we read), keeps it and checks it (dry run)."""
    data = dataset_read(name=name, content=content)
    batch = ImportBatch.objects.create(
        agency=agency,
        kind=kind,
        file_name=name[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        headers=list(data.headers),
        rows=len(data),
        uploaded_by=by,
    )
    return batch_check(batch=batch, by=by, request=request, data=data)


@transaction.atomic
def batch_check(*, batch: ImportBatch, by, request=None, data=None) -> ImportBatch:
    """Runs the import without saving anything and keeps what it found on ``batch`` (audited)."""
    result, errors = _run(batch, dry_run=True, data=data)
    _keep(batch, result, errors)
    batch.save()
    audit_record(actor=by, kind=AuditKind.ACTIVITY_IMPORT_CHECKED, obj=batch, note=_counts_note(batch), request=request)
    return batch


@transaction.atomic
def batch_import(*, batch: ImportBatch, by, valid_rows_only: bool, request=None) -> ImportBatch:
    """Saves the file's valid records; refuses (``ImportRefused``, nothing saved) when a row has an error and
    ``valid_rows_only`` is false, or when the file was imported already."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == BatchStatus.IMPORTED:
        raise ImportRefused(_("This file was imported already."))
    result, errors = _run(batch, dry_run=False, by=by)
    if errors and not (valid_rows_only and _only_row_errors(result, errors)):
        transaction.set_rollback(True)
        raise ImportRefused(_("Some rows have errors: correct the file, or choose to import the valid rows only."))
    _keep(batch, result, errors)
    batch.status, batch.imported_at, batch.valid_rows_only = BatchStatus.IMPORTED, timezone.now(), bool(errors)
    batch.content = b""
    batch.save()
    audit_record(actor=by, kind=AuditKind.ACTIVITY_IMPORTED, obj=batch, note=_counts_note(batch), request=request)
    return batch


def _run(batch: ImportBatch, *, dry_run: bool, data=None, by=None):
    """The import_export ``Result`` (None when the mapping lacks a required column) and the errors to show."""
    data = data if data is not None else dataset_read(name=batch.file_name, content=bytes(batch.content))
    columns, value_maps, _saved = mapping_for(agency=batch.agency, kind=batch.kind, headers=list(data.headers))
    missing = sorted(REQUIRED[batch.kind] - set(columns))
    if missing:
        names = ", ".join(field_label(batch.kind, name) for name in missing)
        message = _("No column is chosen for: %(names)s.") % {"names": names}
        return None, [{"row": None, "column": "", "messages": [message]}]
    ours, headers = dataset_translate(data=data, kind=batch.kind, columns=columns, value_maps=value_maps)
    resource = RESOURCES[batch.kind](agency=batch.agency, batch=None if dry_run else batch, by=by)
    result = resource.import_data(ours, dry_run=dry_run, raise_errors=False, use_transactions=True)
    return result, _errors(result, headers)


def _errors(result, headers: dict[str, str]) -> list[dict]:
    """Every row's errors, in file order: the file's row number (its first row names the columns), their column."""
    found = []
    for invalid in result.invalid_rows:
        for name, messages in invalid.error_dict.items():
            column = "" if name == NON_FIELD_ERRORS else headers.get(name, name)
            found.append({"row": invalid.number + 1, "column": column, "messages": [str(m) for m in messages]})
    for row in result.error_rows:
        for error in row.errors:
            logger.warning("Import row %s failed: %s", row.number, error.error)
        found.append({"row": row.number + 1, "column": "", "messages": [_("This row could not be read.")]})
    if result.base_errors:
        for error in result.base_errors:
            logger.warning("Import failed: %s", error.error)
        found.append({"row": None, "column": "", "messages": [_("The file could not be imported.")]})
    return sorted(found, key=lambda e: (e["row"] is not None, e["row"] or 0))


def _only_row_errors(result, errors: list[dict]) -> bool:
    return result is not None and not result.has_errors() and all(e["row"] is not None for e in errors)


def _keep(batch: ImportBatch, result, errors: list[dict]) -> None:
    totals = result.totals if result is not None else {}
    batch.new, batch.updated = totals.get("new", 0), totals.get("update", 0)
    batch.unchanged, batch.invalid = totals.get("skip", 0), totals.get("invalid", 0) + totals.get("error", 0)
    batch.errors = errors


def _counts_note(batch: ImportBatch) -> str:
    return (
        f"{batch.file_name} sha256={batch.sha256[:12]} rows={batch.rows} new={batch.new} "
        f"changed={batch.updated} unchanged={batch.unchanged} errors={batch.invalid}"
    )
