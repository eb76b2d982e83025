"""manage.py resend_mail --failed [--unknown] --since 2026-11-20 [--district ID] [--dry-run]

Sends again, with a fresh retry window, the mail that failed for good (and/or was never confirmed)
since a date, for instance after a long SendGrid outage. Each resend is in the audit log.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from notifications.models import OutboundStatus
from notifications.services import emails_resend, resend_candidates


def _since(value: str) -> datetime.datetime:
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--since {value!r} is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM)")
        moment = datetime.datetime.combine(day, datetime.time())
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = "Send again the mail that failed (--failed) or was never confirmed (--unknown) since a date."

    def add_arguments(self, parser):
        parser.add_argument("--failed", action="store_true", help="mail that failed for good")
        parser.add_argument("--unknown", action="store_true", help="mail SendGrid never confirmed")
        parser.add_argument("--since", required=True, help="queued on or after this date (YYYY-MM-DD[THH:MM])")
        parser.add_argument("--district", type=int, help="only this district's mail (its id)")
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, failed, unknown, since, district, dry_run, **options):
        statuses = tuple(
            s for s, wanted in ((OutboundStatus.FAILED, failed), (OutboundStatus.UNKNOWN, unknown)) if wanted
        )
        if not statuses:
            raise CommandError("Say which mail to send again: --failed, --unknown or both.")
        rows = resend_candidates(statuses=statuses, since=_since(since), district_id=district)
        if dry_run:
            self.stdout.write(f"{rows.count()} mail would be sent again.")
            return
        count = emails_resend(outbounds=rows, note="resend_mail command")
        self.stdout.write(self.style.SUCCESS(f"{count} mail queued to be sent again."))
