"""Background jobs of the complaints app (run by `manage.py db_worker`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from complaints.models import Complaint
from core.crypto import decrypt


@task()
def complaint_receipt_send(complaint_id: int, encrypted_pin: str) -> None:
    """Emails the receipt with the tracking code and PIN. The PIN waits in the
    job encrypted; this is the only mail that ever carries it."""
    complaint = Complaint.objects.select_related("school").get(pk=complaint_id)
    if not complaint.contact_email:
        return
    context = {
        "complaint": complaint,
        "pin": decrypt(encrypted_pin),
        "track_url": settings.SITE_URL + reverse("complaints:track"),
    }
    with translation.override(complaint.preferred_language):
        subject = render_to_string("complaints/emails/receipt_subject.txt", context).strip()
        body = render_to_string("complaints/emails/receipt.txt", context)
    send_mail(subject, body, None, [complaint.contact_email])
