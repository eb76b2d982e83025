"""What we heard: themes and short quotes, reviewed by the coordinator before the advisory team reads them."""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.audit import AuditKind, audit_record
from feedback.models import HeardItem, HeardStatus, Session, Theme


def themes_for(district) -> QuerySet[Theme]:
    """The seeded themes plus the district's own."""
    return Theme.objects.filter(Q(district__isnull=True) | Q(district=district))


@transaction.atomic
def theme_add(*, district, name_en: str, name_es: str, by, request=None) -> Theme:
    """Adds a theme to ``district``'s list; audited."""
    theme = Theme.objects.create(district=district, name_en=name_en, name_es=name_es)
    audit_record(actor=by, kind=AuditKind.THEME_ADDED, obj=theme, request=request, district_id=district.pk)
    return theme


@transaction.atomic
def heard_item_add(
    *, session: Session, theme: Theme, text: str, is_quote: bool, names_removed: bool, by, request=None
) -> HeardItem:
    """Records one thing heard, waiting for the coordinator's review. The facilitator
    confirms (``names_removed``) that no name or identifying detail is left in it."""
    if not names_removed:
        raise ValueError("The facilitator must confirm that names were removed")
    item = HeardItem.objects.create(
        session=session, theme=theme, text=text.strip(), is_quote=is_quote, names_removed=True, added_by=by
    )
    audit_record(actor=by, kind=AuditKind.HEARD_ADDED, obj=item, request=request, district_id=session.district_id)
    return item


@transaction.atomic
def heard_item_change(*, item: HeardItem, theme: Theme, text: str, by, request=None) -> HeardItem:
    """Changes an item's theme or words; any change goes back to the coordinator's review. A
    quote whose words change is no longer what was said: it becomes a paraphrase (no quote marks)."""
    before = {"theme": item.theme_id, "text": item.text, "is_quote": item.is_quote, "status": item.status}
    text = text.strip()
    if text != item.text:
        item.is_quote = False
    if text != item.text or theme.pk != item.theme_id:
        item.status = HeardStatus.SUBMITTED
    item.theme, item.text = theme, text
    item.save()
    after = {"theme": item.theme_id, "text": item.text, "is_quote": item.is_quote, "status": item.status}
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    audit_record(actor=by, kind=AuditKind.HEARD_CHANGED, obj=item, changes=changes, request=request)
    return item


@transaction.atomic
def heard_item_review(*, item: HeardItem, approve: bool, by, request=None) -> HeardItem:
    """The coordinator approves an item for the advisory team, or returns it to the facilitator."""
    before = item.status
    item.status = HeardStatus.APPROVED if approve else HeardStatus.RETURNED
    item.reviewed_by, item.reviewed_at = by, timezone.now()
    item.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    audit_record(
        actor=by, kind=AuditKind.HEARD_REVIEWED, obj=item, changes={"status": [before, item.status]}, request=request
    )
    return item
