import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.rules import coordinated_district_ids, is_coordinator
from notifications.models import RESENDABLE, UNSENT_STATUSES, AddressProblem, OutboundEmail, OutboundStatus


def address_problem(email: str) -> str | None:
    """Why mail to ``email`` is not getting through (bounce, dropped, spamreport), or None."""
    if not email:
        return None
    return AddressProblem.objects.filter(email=email.lower()).values_list("event", flat=True).first()


def address_problem_label(email: str) -> str | None:
    """The same, in the reader's language ("bounced", "reported as spam"), for pages."""
    event = address_problem(email)
    return None if event is None else AddressProblem(event=event).event_label


def _coordinated(user) -> QuerySet[OutboundEmail]:
    """Mail of the districts ``user`` coordinates (none for anyone else)."""
    if not is_coordinator(user):
        return OutboundEmail.objects.none()
    return OutboundEmail.objects.filter(district_id__in=coordinated_district_ids(user))


def _late_since(now: datetime.datetime | None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(minutes=settings.NOTIFY_LATE_MINUTES)


def late_mail(user, *, now: datetime.datetime | None = None) -> QuerySet[OutboundEmail]:
    """Every mail of the coordinator's districts that failed, or was not sent within
    NOTIFY_LATE_MINUTES of being queued (queued, being sent, retrying, not confirmed), newest first."""
    late = Q(status__in=UNSENT_STATUSES, created_at__lt=_late_since(now))
    return _coordinated(user).filter(late | Q(status=OutboundStatus.FAILED)).order_by("-created_at")


def on_the_way_count(user, *, now: datetime.datetime | None = None) -> int:
    """How many of the coordinator's mails were queued recently and are not sent yet."""
    return _coordinated(user).filter(status__in=UNSENT_STATUSES, created_at__gte=_late_since(now)).count()


def resendable_mail(user) -> QuerySet[OutboundEmail]:
    """The coordinator's mail that may be sent again by hand (failed, or unconfirmed and out of tries)."""
    return _coordinated(user).filter(RESENDABLE)


def get_outbound_for_user(user, pk: int) -> OutboundEmail:
    """One mail of a district the user coordinates; 404 for anyone else."""
    return get_object_or_404(_coordinated(user), pk=pk)


def problem_addresses(user) -> QuerySet[AddressProblem]:
    """Bouncing addresses of people the coordinator's districts wrote to."""
    emails = _coordinated(user).values("to_email")
    return AddressProblem.objects.filter(email__in=emails).order_by("-since")
