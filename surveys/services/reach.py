"""Reaching people: open links and their QR codes, printed one-time codes,
class codes, paper responses entered by staff, and response rates.

Invitations by email are in ``surveys.services.invitations``; parents'
opt-outs in ``surveys.services.reach_optouts``."""

from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from core.audit import AuditKind, audit_record
from surveys.codes import code_generate, code_hash
from surveys.models import (
    ClassCode,
    Invitation,
    InvitationKind,
    InvitationStatus,
    OptOut,
    RespondentGroup,
    Response,
    Source,
    Survey,
    SurveyStatus,
)
from surveys.services.responses import response_store

CLASS_CODE_LENGTH = 6
PRINT_MAX = 200
# Invitations, codes and class codes are made for surveys that are published and not closed.
REACHABLE = (SurveyStatus.SCHEDULED, SurveyStatus.OPEN)


def taking_path(*, code: str | None = None, survey: Survey | None = None, school=None) -> str:
    """The one place links into the taking pages are built: with ``code``,
    the link that opens a survey by its access or class code; otherwise the
    open link of ``survey`` at ``school``."""
    if code is not None:
        return reverse("surveys:take_code_link", kwargs={"code": code})
    return reverse("surveys:take_start", kwargs={"public_id": survey.public_id, "school_slug": school.slug})


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def qr_svg(url: str) -> SafeString:
    """``url`` as a QR code, an SVG element made on the server (``qrcode``)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # Sized by the page's CSS; the text beside it says the same to screen readers.
    svg = svg.replace("<svg ", '<svg class="qr" aria-hidden="true" focusable="false" ', 1)
    return mark_safe(svg)  # noqa: S308 - made by qrcode from our own URL, no user text


@dataclass(frozen=True)
class OpenLink:
    school: object
    url: str


def open_links(survey: Survey) -> list[OpenLink]:
    """The open link of ``survey`` at each of its schools, as absolute URLs."""
    return [
        OpenLink(school, absolute(taking_path(survey=survey, school=school)))
        for school in survey.schools.order_by("name")
    ]


def opt_outs_for(*, survey: Survey, school, classroom: str = "") -> QuerySet[OptOut]:
    """Opt-outs that apply to ``survey`` at ``school`` (every student survey,
    or this one), of ``classroom`` when given."""
    opt_outs = OptOut.objects.filter(Q(survey__isnull=True) | Q(survey=survey), school=school)
    if classroom.strip():
        opt_outs = opt_outs.filter(classroom__iexact=classroom.strip())
    return opt_outs.order_by("student_name", "pk")


def opt_outs_for_survey(survey: Survey) -> QuerySet[OptOut]:
    """Every opt-out that applies to ``survey``, at any of its schools."""
    return OptOut.objects.filter(
        Q(survey__isnull=True) | Q(survey=survey), district_id=survey.district_id, school__in=survey.schools.all()
    ).order_by("school__name", "classroom", "student_name", "pk")


@transaction.atomic
def codes_print(*, survey: Survey, school, classroom: str, how_many: int, actor, request=None) -> list[str]:
    """Creates one-time codes for ``how_many`` students of ``classroom`` less
    those opted out there, and returns them for printing.
    Only their hashes are stored: the codes exist on this one sheet."""
    opted_out = opt_outs_for(survey=survey, school=school, classroom=classroom).count()
    count = max(min(how_many, PRINT_MAX) - opted_out, 0)
    codes = [code_generate() for _ in range(count)]
    Invitation.objects.bulk_create(
        Invitation(
            survey=survey,
            school=school,
            group=RespondentGroup.STUDENT,
            kind=InvitationKind.CODE,
            batch=classroom.strip(),
            code_hash=code_hash(code, purpose="invitation"),
        )
        for code in codes
    )
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_CODES_PRINTED,
        obj=survey,
        changes={"school": school.name, "classroom": classroom, "codes": count, "opted_out": opted_out},
        request=request,
    )
    return codes


def _new_class_code() -> str:
    while True:
        code = code_generate(CLASS_CODE_LENGTH)
        if not ClassCode.objects.filter(code=code).exists():
            return code


@transaction.atomic
def class_code_create(*, survey: Survey, school, label: str, actor, request=None) -> ClassCode:
    """A new class code for ``label`` at ``school``, accepting responses."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                class_code = ClassCode.objects.create(
                    survey=survey, school=school, label=label.strip(), code=_new_class_code(), created_by=actor
                )
            break
        except IntegrityError:  # the same code made at the same moment elsewhere
            continue
    else:
        raise IntegrityError("no free class code")
    audit_record(actor=actor, kind=AuditKind.SURVEY_CLASS_CODE_CREATED, obj=class_code, district_id=survey.district_id)
    return class_code


@transaction.atomic
def class_code_deactivate(*, class_code: ClassCode, actor, request=None) -> None:
    """The class code stops accepting responses (drafts already started with it may finish)."""
    if not class_code.is_active:
        return
    class_code.is_active = False
    class_code.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_CLASS_CODE_DEACTIVATED,
        obj=class_code,
        changes={"is_active": [True, False]},
        request=request,
        district_id=class_code.survey.district_id,
    )


@transaction.atomic
def paper_response_enter(
    *, survey: Survey, school, group: str, language: str, answers: dict, actor, request=None
) -> Response:
    """Stores a paper form typed in by staff, marked as paper and as anonymous
    as any other response: the audit event names the survey, never the
    response."""
    response = response_store(
        survey=survey,
        answers=answers,
        source=Source.PAPER,
        language=language,
        school=school,
        respondent_group=group,
    )
    audit_record(actor=actor, kind=AuditKind.SURVEY_PAPER_ENTERED, obj=survey, request=request)
    return response


@dataclass
class RateRow:
    school: str
    group: str
    issued: int
    unused: int
    started: int
    finished: int

    @property
    def rate(self) -> int | None:
        """Finished as a whole percentage of issued."""
        return round(100 * self.finished / self.issued) if self.issued else None


def _count(status: str) -> Count:
    return Count("pk", filter=Q(status=status))


def response_rates(survey: Survey) -> tuple[list[RateRow], RateRow]:
    """Invitations issued, unused, started and finished by school and group,
    and their total; counted from the invitations alone (nothing links a
    response to its invitation)."""
    groups = dict(RespondentGroup.choices)
    counted = (
        Invitation.objects.filter(survey=survey)
        .values("school_id", "school__name", "group")
        .annotate(
            issued=Count("pk"),
            unused=_count(InvitationStatus.ISSUED),
            started=_count(InvitationStatus.STARTED),
            finished=_count(InvitationStatus.FINISHED),
        )
        .order_by("school__name", "group")
    )
    rows = [
        RateRow(
            row["school__name"] or "—",
            str(groups.get(row["group"], row["group"])),
            row["issued"],
            row["unused"],
            row["started"],
            row["finished"],
        )
        for row in counted
    ]
    total = RateRow(
        "", "", *(sum(getattr(r, name) for r in rows) for name in ("issued", "unused", "started", "finished"))
    )
    return rows, total


def responses_by_source(survey: Survey) -> list[tuple[str, int]]:
    """How many responses came in by each way (open link, invitation, class code, paper)."""
    counts = dict(Response.objects.filter(survey=survey).order_by().values_list("source").annotate(n=Count("pk")))
    return [(str(label), counts.get(value, 0)) for value, label in Source.choices]
