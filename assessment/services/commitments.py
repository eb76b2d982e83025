"""You said, we did: a coordinator records a concern, the action taken and each dated update; the public page lists
the published ones by status."""

from django.db import transaction
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from assessment.models import Commitment, CommitmentStatus, CommitmentUpdate, SourceKind
from complaints.models import AllegationCategory
from core.audit import AuditKind, audit_record, changes_between, instance_values
from core.i18n import pick
from feedback.models import Theme
from surveys.models import Item, Question

COMMITMENT_FIELDS = (
    "school_year",
    "concern_en",
    "concern_es",
    "source_kind",
    "source_ref",
    "source_label_en",
    "source_label_es",
    "action_en",
    "action_es",
    "owner_en",
    "owner_es",
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


# The kinds whose reference names a record with its own English and Spanish name.
NAMED_KINDS = (SourceKind.SESSION_THEME, SourceKind.SURVEY_ITEM, SourceKind.COMPLAINT_CATEGORY)
TEXTS = ("text_en", "text_es")


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


def source_names_attach(commitments) -> None:
    """Names each commitment's source in the reader's language, read at request time from the record its reference
    names (``Commitment.source_name``): a theme's name, a survey question's wording (the district's own bank item,
    else the shared bank's, else the newest question of the district's surveys), a complaint concern's label. One
    query per kind present (two when a survey question is in no bank), however many commitments."""
    named = [c for c in commitments if c.source_ref and c.source_kind in NAMED_KINDS]
    refs = {kind: {c.source_ref for c in named if c.source_kind == kind} for kind in NAMED_KINDS}
    themes, items, asked = {}, {}, {}
    if refs[SourceKind.SESSION_THEME]:
        pks = [int(ref) for ref in refs[SourceKind.SESSION_THEME] if ref.isdigit()]
        themes = {str(theme.pk): pick(theme, "name") for theme in Theme.objects.filter(pk__in=pks)}
    if codes := refs[SourceKind.SURVEY_ITEM]:
        districts = {c.district_id for c in named if c.source_kind == SourceKind.SURVEY_ITEM}
        bank = Item.objects.filter(Q(district__isnull=True) | Q(district__in=districts), code__in=codes)
        items = {(item.district_id, item.code): pick(item, "text") for item in bank.only("district", "code", *TEXTS)}
        if unbanked := codes - {code for _district, code in items}:  # asked in a survey, not in any bank
            questions = Question.objects.filter(survey__district__in=districts, code__in=unbanked).order_by("pk")
            questions = questions.annotate(asked_in=F("survey__district_id")).only("code", *TEXTS)
            asked = {(question.asked_in, question.code): pick(question, "text") for question in questions}
    for commitment in named:
        ref, district_id = commitment.source_ref, commitment.district_id
        if commitment.source_kind == SourceKind.COMPLAINT_CATEGORY:
            name = str(AllegationCategory(ref).label) if ref in AllegationCategory.values else ""
        elif commitment.source_kind == SourceKind.SESSION_THEME:
            name = themes.get(ref, "")
        else:
            name = items.get((district_id, ref)) or items.get((None, ref)) or asked.get((district_id, ref), "")
        commitment.named_source = name


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
