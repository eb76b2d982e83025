"""Background mail jobs of the review workflow (run by `manage.py db_worker`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def workflow_mail_send(*, to: list[str], template: str, language: str, context: dict) -> None:
    """Renders templates/workflows/review/emails/<template>_subject.txt and .txt in
    ``language`` and sends them. Links in ``context`` ending in ``_path``
    are made absolute."""
    context = {**context, **{k[:-5] + "_url": settings.SITE_URL + v for k, v in context.items() if k.endswith("_path")}}
    with translation.override(language):
        subject = render_to_string(f"workflows/review/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"workflows/review/emails/{template}.txt", context)
    send_mail(subject, body, None, to)
