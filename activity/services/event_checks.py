"""What an enforcement event must hold, whoever writes it (the officer's form or an import): one rule, one message.

An event of a type that charges someone names its offence; the custody questions (warrant, principal consulted,
guardian told, and when the principal and the guardian were told) belong to an arrest only.
"""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from activity.models import EventType

OFFENCE_NEEDED = frozenset(
    {
        EventType.CITATION,
        EventType.PETITION,
        EventType.ARREST,
        EventType.PROBATION_REFERRAL,
        EventType.JUSTICE_REFERRAL,
    }
)
CUSTODY_CHECKS = ("warrant", "principal_consulted", "guardian_notified")
NOTICE_FIELDS = ("principal_notified_at", "guardian_notified_at")
CUSTODY_FIELDS = (*CUSTODY_CHECKS, *NOTICE_FIELDS)

OFFENCE_MISSING = _("This type of event needs an offence.")
CUSTODY_ONLY = _("Only for an arrest or custody.")


def event_errors(*, kind: str | None, has_offence: bool, values: Mapping[str, object]) -> dict[str, object]:
    """The fields of an event of type ``kind`` that break the rule, each with its message (``values``: the
    custody fields as given)."""
    errors = {}
    if not kind:
        return errors
    if kind in OFFENCE_NEEDED and not has_offence:
        errors["offence"] = OFFENCE_MISSING
    if kind != EventType.ARREST:
        errors.update({name: CUSTODY_ONLY for name in CUSTODY_FIELDS if values.get(name)})
    return errors
