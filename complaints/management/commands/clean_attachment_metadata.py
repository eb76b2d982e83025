from django.core.management.base import BaseCommand

from complaints.models import Attachment
from complaints.services.attachments import attachment_reclean


class Command(BaseCommand):
    help = (
        "Remove location, device and author metadata from attachments stored before every file type was cleaned "
        "on upload (videos, audio, PDFs). Safe to run again. Lists the attachments that could not be cleaned."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Photos too (they were already cleaned on upload).")

    def handle(self, *args, all=False, **options):
        attachments = Attachment.objects.order_by("pk")
        if not all:
            attachments = attachments.exclude(content_type__startswith="image/")
        cleaned, failed = 0, []
        for attachment in attachments.iterator():
            if attachment_reclean(attachment=attachment):
                cleaned += 1
            else:
                failed.append(attachment.pk)
        self.stdout.write(f"{cleaned} attachment(s) cleaned")
        if failed:
            self.stderr.write(
                f"{len(failed)} attachment(s) could not be cleaned and still carry their metadata "
                f"(ids: {', '.join(map(str, failed))}); review and delete them in the admin if needed."
            )
