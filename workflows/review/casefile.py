"""The printable case file: one complaint as a PDF, holding only what its reader's part in the review may see.

Everything the file shows is chosen by the same selectors as the case page (``CaseAccess``), so the PDF can never
hold more than the screen does. It is drawn in the reader's language, watermarked on every page with who printed it
and when, and every print is in the audit log.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from complaints.models import Complaint, OutcomeLetter
from core.audit import AuditKind, audit_record
from core.pdf import pdf_render, static_css
from workflows.review import selectors

STYLESHEET = "css/casefile.css"


def casefile_letter(complaint: Complaint, access: selectors.CaseAccess) -> OutcomeLetter | None:
    """The outcome letter the reader may read: the coordinator also a draft, everyone else once it is published."""
    letter = OutcomeLetter.objects.filter(complaint=complaint).first()
    if letter is None or (not access.coordinates and letter.published_at is None):
        return None
    return letter


def casefile_context(*, complaint: Complaint, user, printed_at=None) -> dict:
    """What the case file shows ``user``: facts, concerns and the findings they may read, the letter, the appeals,
    the timeline of their audiences and the files they may open, with who prints it and when (the watermark)."""
    access = selectors.CaseAccess(user, complaint)
    appeals = selectors.appeals_for(complaint, access)
    return {
        "complaint": complaint,
        "access": access,
        "allegations": complaint.allegations.prefetch_related("findings").order_by("pk"),
        "finding_reviews": selectors.findings_visible(complaint, access),
        "letter": casefile_letter(complaint, access),
        "appeals": appeals,
        "timeline": selectors.case_timeline(complaint, access, appeals),
        "attachments": selectors.attachments_for(complaint, access).select_related("uploaded_by"),
        "printed_by": user,
        "printed_at": printed_at or timezone.now(),
        "language": get_language() or "en",
    }


def casefile_html(*, complaint: Complaint, user, printed_at=None) -> str:
    """The case file as one HTML document (what the PDF is drawn from)."""
    context = casefile_context(complaint=complaint, user=user, printed_at=printed_at)
    return render_to_string("workflows/casefile/casefile.html", context)


@transaction.atomic
def casefile_print(*, complaint: Complaint, user, request=None) -> bytes:
    """The case file of ``complaint`` as ``user`` may read it, as a tagged PDF; the print is audited.
    Raises ``core.pdf.PdfUnavailable`` when this machine cannot draw PDFs (nothing is audited then)."""
    pdf = pdf_render(html=casefile_html(complaint=complaint, user=user), stylesheets=(static_css(STYLESHEET),))
    audit_record(actor=user, kind=AuditKind.CASEFILE_PRINTED, obj=complaint, request=request, note=get_language())
    return pdf
