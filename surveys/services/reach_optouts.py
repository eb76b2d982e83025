"""Parents' opt-outs from student surveys (federal PPRA)."""

from django.db import transaction

from core.audit import AuditKind, audit_record
from surveys.models import OptOut

OPT_OUT_FIELDS = ("school", "survey", "student_name", "student_email", "classroom", "guardian_name", "guardian_contact")


@transaction.atomic
def opt_out_record(*, district, data: dict, request=None) -> OptOut:
    """Records a parent's opt-out for their child (``data`` cleaned by the
    public form). From then on the child's email gets no invitation and their
    classroom's printed codes are one fewer. Audited without the child's name."""
    values = {name: data.get(name) for name in OPT_OUT_FIELDS}
    values["student_email"] = (values["student_email"] or "").strip().lower()
    opt_out = OptOut.objects.create(district=district, **values)
    # No object: its text would be the child's name.
    audit_record(
        actor=None,
        kind=AuditKind.SURVEY_OPT_OUT_RECEIVED,
        obj=None,
        note=f"opt-out {opt_out.pk}",
        district_id=district.pk,
        request=request,
    )
    return opt_out


def opt_outs_viewed(*, survey, actor, request=None, school=None) -> None:
    """Records that ``actor`` opened the list of opt-outs (students' names)."""
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_OPT_OUTS_VIEWED,
        obj=survey,
        note=school.name if school else "",
        request=request,
    )
