"""Files staff add to a case (body-camera request letters, school records), each for one audience.

They are checked and cleaned exactly like the public's uploads (``attachments.attachments_prepare`` in the form,
``attachments.attachment_store`` here) and are served only through the permission-checked case view
(``workflows.review.selectors.attachments_for``): the school review never opens a police-only file, the police
review never a school-only one, and the complainant never any of them.
"""

from collections.abc import Collection

from django.core.exceptions import PermissionDenied
from django.db import transaction

from complaints.models import Attachment, Audience, Complaint
from complaints.services.attachments import PreparedFile, attachment_store, files_removed_on_rollback
from core.audit import AuditKind, audit_record

STAFF_AUDIENCES = frozenset({Audience.CASE, Audience.SCHOOL, Audience.POLICE})


@files_removed_on_rollback
@transaction.atomic
def staff_attachments_add(
    *,
    complaint: Complaint,
    user,
    prepared: list[PreparedFile],
    audience: str,
    readable: Collection[str],
    request=None,
) -> list[Attachment]:
    """Stores ``prepared`` files (from ``attachments_prepare``) on ``complaint`` for ``audience`` and returns them.

    ``readable`` is the audiences ``user`` reads on this case (``CaseAccess.audiences()``): nobody adds a file for
    an audience they do not belong to, and no staff file is ever public. Raises PermissionDenied otherwise, and
    AttachmentLimitReached / AttachmentStorageFailed as ``attachment_store`` does (no file is left behind)."""
    if audience not in STAFF_AUDIENCES or audience not in readable:
        raise PermissionDenied
    stored = []
    for file in prepared:
        attachment = attachment_store(complaint=complaint, prepared=file, from_complainant=False)
        attachment.audience, attachment.uploaded_by = audience, user
        attachment.save(update_fields=["audience", "uploaded_by"])
        audit_record(
            actor=user,
            kind=AuditKind.STAFF_FILE_ADDED,
            obj=complaint,
            request=request,
            changes={"file": [None, attachment.original_name], "audience": [None, audience]},
        )
        stored.append(attachment)
    return stored
