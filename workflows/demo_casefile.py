"""Demo data for the case file, staff files and early warning (`manage.py seed_demo_casefile`, called by
`seed_demo` after `seed_demo_cases`). Idempotent. Everything goes with the demo district in `purge_demo`: staff
files are attachments of demo complaints, thresholds and warnings belong to the district and its officers."""

import io
from dataclasses import dataclass

import pikepdf
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.demo import DEMO_DISTRICT_SLUG
from accounts.models import District, Membership, Officer, Role
from complaints.models import Attachment, Audience, Complaint
from complaints.services.attachments import attachments_prepare
from complaints.services.staff_attachments import staff_attachments_add
from workflows.models import EarlyWarning, Route
from workflows.review.officers import early_warning_check, early_warning_policy

STAFF_FILE = "body-camera-request-letter.pdf"


@dataclass(frozen=True)
class DemoCasefile:
    staff_files: int
    warnings: int


def _letter_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@transaction.atomic
def demo_casefile_create() -> DemoCasefile:
    """Sets the demo district's early-warning threshold, adds a body-camera request letter (police only) to the
    first demo complaint under police review, and checks every demo officer as the worker would after an outcome.
    Raises District.DoesNotExist when the demo district is missing."""
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    early_warning_policy(district)
    complaint = (
        Complaint.objects.filter(school__district=district, process__route__in=[Route.POLICE, Route.BOTH])
        .exclude(officer=None)
        .order_by("pk")
        .first()
    )
    if complaint and not Attachment.objects.filter(complaint=complaint, original_name=STAFF_FILE).exists():
        reviewer = Membership.objects.filter(role=Role.POLICE_REVIEWER, agency_id=complaint.officer.agency_id).first()
        if reviewer:
            prepared = attachments_prepare(
                [SimpleUploadedFile(STAFF_FILE, _letter_pdf())], complaint=complaint, from_complainant=False
            )
            staff_attachments_add(
                complaint=complaint,
                user=reviewer.user,
                prepared=prepared,
                audience=Audience.POLICE,
                readable=[Audience.POLICE],
            )
    for officer_id in Officer.objects.filter(agency__district=district).values_list("pk", flat=True):
        early_warning_check(officer_id=officer_id)
    return DemoCasefile(
        staff_files=Attachment.objects.filter(complaint__school__district=district, from_complainant=False).count(),
        warnings=EarlyWarning.objects.filter(district=district).count(),
    )
