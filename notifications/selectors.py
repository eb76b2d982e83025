from django.db.models import QuerySet

from accounts.access import scope_for
from accounts.models import Role
from notifications.models import AddressProblem, OutboundEmail, OutboundStatus


def address_problem(email: str) -> str | None:
    """Why mail to ``email`` is not getting through (bounce, dropped, spamreport), or None."""
    if not email:
        return None
    return AddressProblem.objects.filter(email=email.lower()).values_list("event", flat=True).first()


def failed_deliveries(user) -> QuerySet[OutboundEmail]:
    """Mail that could not be delivered, in the coordinator's districts."""
    districts = scope_for(user).district_ids(Role.COORDINATOR)
    return OutboundEmail.objects.filter(status=OutboundStatus.FAILED, district_id__in=districts).order_by("-created_at")


def problem_addresses(user) -> QuerySet[AddressProblem]:
    """Bouncing addresses of people the coordinator's districts wrote to."""
    districts = scope_for(user).district_ids(Role.COORDINATOR)
    emails = OutboundEmail.objects.filter(district_id__in=districts).values("to_email")
    return AddressProblem.objects.filter(email__in=emails).order_by("-since")
