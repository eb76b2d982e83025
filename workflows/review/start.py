"""Starting a complaint's review: the one function that needs ComplaintFlow
itself (the flow names its step views, whose forms call the services, so the
services never import the flow)."""

from django.db import transaction

from complaints.models import Complaint
from core.audit import AuditKind, audit_record
from workflows.flows import ComplaintFlow
from workflows.models import ComplaintProcess


@transaction.atomic
def review_start(complaint: Complaint) -> ComplaintProcess:
    """Starts ComplaintFlow for a newly filed complaint (called from the intake hand-off)."""
    process = ComplaintFlow.start.run(complaint=complaint)
    audit_record(actor=None, kind=AuditKind.REVIEW_STARTED, obj=complaint)
    return process
