"""A Django email backend that sends through SendGrid's v3 Mail Send API with the official SDK."""

import base64
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import (
    Attachment,
    Content,
    CustomArg,
    Disposition,
    Email,
    FileContent,
    FileName,
    FileType,
    Header,
    Mail,
    To,
)


def _attachment(part) -> Attachment:
    """A Django attachment (a MIME part, or a (filename, content, type) tuple) as SendGrid's;
    a MIME part keeps its content-type parameters (a calendar file's ``method``)."""
    if isinstance(part, MIMEBase):
        content, filename = part.get_payload(decode=True), part.get_filename() or "attachment"
        params = [f"{key}={value}" for key, value in part.get_params()[1:] if key != "charset"]
        mimetype = "; ".join([part.get_content_type(), *params])
    else:
        filename, content, mimetype = part
        content = content.encode() if isinstance(content, str) else content
    return Attachment(
        FileContent(base64.b64encode(content).decode()),
        FileName(filename),
        FileType(mimetype or "application/octet-stream"),
        Disposition("attachment"),
    )


class SendGridEmailBackend(BaseEmailBackend):
    """Chosen with EMAIL_BACKEND=notifications.backends.SendGridEmailBackend.

    Errors are raised (unless fail_silently), so the delivery job can tell a
    transient failure from a permanent one.
    """

    def _client(self) -> SendGridAPIClient:
        client = SendGridAPIClient(api_key=settings.SENDGRID_API_KEY, host=settings.SENDGRID_API_HOST)
        client.client.timeout = settings.SENDGRID_TIMEOUT_SECONDS
        return client

    def _mail(self, message) -> Mail:
        mail = Mail(from_email=Email(message.from_email), subject=message.subject)
        for address in message.to:
            mail.add_to(To(address))
        mail.add_content(Content("text/plain", message.body))
        for body, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                mail.add_content(Content("text/html", body))
        for attachment in message.attachments:
            mail.add_attachment(_attachment(attachment))
        for name, value in message.extra_headers.items():
            mail.add_header(Header(name, value))
            if name == "X-CG-Key":
                # Returned in every webhook event, so events find their message.
                mail.add_custom_arg(CustomArg("cg_key", value))
        return mail

    def send_messages(self, email_messages):
        client, sent = self._client(), 0
        for message in email_messages:
            try:
                client.send(self._mail(message))
                sent += 1
            except Exception:
                if not self.fail_silently:
                    raise
        return sent
