"""A Django email backend that sends through SendGrid's v3 Mail Send API with the official SDK."""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Content, CustomArg, Email, Header, Mail, To


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
