"""You said, we did: a coordinator records a concern, the action taken and each dated update; the public page lists
the published ones by status."""

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from assessment.models import Commitment, CommitmentStatus, CommitmentUpdate, SourceKind
from complaints.models import AllegationCategory
from core.audit import AuditKind, audit_record, changes_between, instance_values
from feedback.models import Theme
from surveys.models import Item, Question

COMMITMENT_FIELDS = (
    "school_year",
    "concern_en",
    "concern_es",
    "source_kind",
    "source_ref",
    "source_label",
    "action_en",
    "action_es",
    "owner",
    "due_on",
    "status",
    "published",
)
# The public page's order: what is under way first, then what is planned, done, not taken forward.
STATUS_ORDER = (
    CommitmentStatus.IN_PROGRESS,
    CommitmentStatus.PLANNED,
    CommitmentStatus.DONE,
    CommitmentStatus.NOT_TAKEN,
)


def source_ref_problem(*, kind: str, ref: str, district) -> str | None:
    """Why ``ref`` names no record of ``kind`` that ``district`` has (None when it does, or when it is empty or of a
    kind whose references are free text: advisory recommendations and partner concerns)."""
    if not ref:
        return None
    if kind == SourceKind.COMPLAINT_CATEGORY and ref not in AllegationCategory.values:
        codes = ", ".join(AllegationCategory.values)
        return _("Use one of the complaint concern codes: %(codes)s.") % {"codes": codes}
    if kind == SourceKind.SESSION_THEME:
        themes = Theme.objects.filter(Q(district__isnull=True) | Q(district=district))
        if not (ref.isdigit() and themes.filter(pk=int(ref)).exists()):
            return _("No session theme of this district has this number.")
    if kind == SourceKind.SURVEY_ITEM:
        items = Item.objects.filter(Q(district__isnull=True) | Q(district=district), code=ref)
        if not (items.exists() or Question.objects.filter(survey__district=district, code=ref).exists()):
            return _("No survey question of this district has this code.")
    return None


@transaction.atomic
def commitment_create(*, district, fields: dict, by, request=None) -> Commitment:
    """A new commitment of ``district`` from ``fields`` (``COMMITMENT_FIELDS``)."""
    commitment = Commitment.objects.create(
        district=district, created_by=by, **{name: fields[name] for name in COMMITMENT_FIELDS if name in fields}
    )
    audit_record(actor=by, kind=AuditKind.COMMITMENT_CREATED, obj=commitment, request=request)
    return commitment


@transaction.atomic
def commitment_change(*, commitment: Commitment, fields: dict, by, request=None) -> Commitment:
    """``commitment`` with new ``fields``; the audit event holds what changed (against the stored row: a bound
    ModelForm has already copied its data onto ``commitment``)."""
    before = instance_values(Commitment.objects.get(pk=commitment.pk), COMMITMENT_FIELDS)
    for name in COMMITMENT_FIELDS:
        if name in fields:
            setattr(commitment, name, fields[name])
    commitment.save()
    changes = changes_between(before, instance_values(commitment, COMMITMENT_FIELDS))
    audit_record(actor=by, kind=AuditKind.COMMITMENT_CHANGED, obj=commitment, changes=changes, request=request)
    return commitment


@transaction.atomic
def commitment_update_add(*, commitment: Commitment, fields: dict, by, request=None) -> CommitmentUpdate:
    """A dated timeline entry; when it names a status, the commitment takes that status."""
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        created_by=by,
        date=fields["date"],
        text_en=fields["text_en"],
        text_es=fields.get("text_es", ""),
        status=fields.get("status", ""),
    )
    changes = {}
    if update.status and update.status != commitment.status:
        changes["status"] = [commitment.status, update.status]
        commitment.status = update.status
        commitment.save(update_fields=["status", "changed_at"])
    audit_record(
        actor=by,
        kind=AuditKind.COMMITMENT_UPDATE_ADDED,
        obj=commitment,
        changes=changes,
        note=update.date.isoformat(),
        request=request,
    )
    return update


def public_commitments() -> QuerySet[Commitment]:
    """Published commitments with their district and timeline (one query each), in no particular order."""
    return (
        Commitment.objects.filter(published=True)
        .select_related("district")
        .prefetch_related(Prefetch("updates", queryset=CommitmentUpdate.objects.order_by("date", "pk")))
    )


def by_status(commitments) -> list[tuple[str, str, list[Commitment]]]:
    """``commitments`` grouped by status in the public order: ``(code, label, items)``, empty groups left out."""
    groups: dict[str, list[Commitment]] = {status: [] for status in STATUS_ORDER}
    for commitment in commitments:
        groups[commitment.status].append(commitment)
    return [(status.value, status.label, groups[status]) for status in STATUS_ORDER if groups[status]]
