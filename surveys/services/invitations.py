"""Invitations by email: reading the coordinator's CSV, creating one invitation
and one bilingual mail per address, and the reminders to those who have not
finished.

Only a keyed hash of each access code identifies an invitation
(``surveys.codes.code_hash``). So that a reminder can repeat the code, an
emailed invitation also keeps it encrypted (``core.crypto``) in
``Invitation.code_encrypted`` until it is finished or the survey closes; the
reminder task blanks it then. The code is in no other column and never in the
audit log."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import AuditKind, audit_record
from core.crypto import decrypt, encrypt
from core.i18n import LANGUAGES
from notifications.services import email_enqueue
from surveys.codes import code_display, code_generate, code_hash
from surveys.models import AnonymityMode, Invitation, InvitationKind, InvitationStatus, OptOut, RespondentGroup, Survey
from surveys.services.reach import taking_path

CSV_COLUMNS = ("email", "school", "group", "language")
# Each mail is one email_enqueue (8 queries): 1,000 rows took 5.4 s on PostgreSQL on the 2-core dev machine,
# so a file stays well inside a web request's 30 s.
CSV_MAX_ROWS = 2000
CSV_MAX_BYTES = 2 * 1024 * 1024
# A reminder goes this many days after the invitation (the second after twice as many).
REMINDER_AFTER_DAYS = 7
MAX_REMINDERS = 2
UNFINISHED = (InvitationStatus.ISSUED, InvitationStatus.STARTED)


@dataclass(frozen=True)
class InviteeRow:
    email: str
    school_id: int
    group: str
    language: str


@dataclass
class InvitationUpload:
    """What an uploaded file holds: rows to invite, or the errors found (then nothing is created)."""

    rows: list[InviteeRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    duplicates: int = 0


@dataclass
class InvitationSummary:
    created: int = 0
    already_invited: int = 0
    duplicates: int = 0
    opted_out: int = 0


def _row_problems(record: dict, schools: dict, groups: set[str]) -> list[str]:
    problems = []
    try:
        validate_email(record["email"])
    except ValidationError:
        problems.append(_("“%(value)s” is not an email address.") % {"value": record["email"]})
    if record["school"] not in schools:
        problems.append(_("no school of this survey has the short name “%(value)s”.") % {"value": record["school"]})
    if record["group"] not in groups:
        problems.append(_("“%(value)s” is not a respondent group of this survey.") % {"value": record["group"]})
    if record["language"] not in LANGUAGES:
        problems.append(_("the language must be en or es, not “%(value)s”.") % {"value": record["language"]})
    return problems


def _delimiter(text: str) -> str:
    """Spreadsheets set to Spanish or most European languages save CSV with semicolons."""
    header = text.split("\n", 1)[0]
    for candidate in (",", ";", "\t"):
        if candidate in header:
            return candidate
    return ","


def _records(raw: bytes, errors: list[str]) -> list[dict]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        errors.append(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again."))
        return []
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in CSV_COLUMNS[:3] if name not in header]
    if missing:
        errors.append(_("The first line must name the columns: email, school, group, language."))
        return []
    reader.fieldnames = header
    records = []
    for record in reader:
        records.append({name: (record.get(name) or "").strip() for name in CSV_COLUMNS})
        if len(records) > CSV_MAX_ROWS:
            errors.append(_("The file has more than %(max)d rows; split it.") % {"max": CSV_MAX_ROWS})
            return []
    if not records:
        errors.append(_("The file has no rows below its first line."))
    return records


def invitation_csv_read(*, survey: Survey, raw: bytes) -> InvitationUpload:
    """The rows of an uploaded CSV (email, school short name, group, language),
    checked against ``survey``; every bad row is listed by its line number.
    Addresses repeated in the file are counted once."""
    upload = InvitationUpload()
    if len(raw) > CSV_MAX_BYTES:
        upload.errors.append(_("The file is larger than 2 MB; split it."))
        return upload
    schools = {school.slug: school.pk for school in survey.schools.all()}
    groups = set(survey.groups) & set(RespondentGroup.values)
    seen: set[str] = set()
    for line, record in enumerate(_records(raw, upload.errors), start=2):
        record["email"] = record["email"].lower()
        record["group"] = record["group"].lower()
        record["language"] = (record["language"] or "en").lower()
        problems = _row_problems(record, schools, groups)
        if problems:
            upload.errors.append(_("Line %(line)d: %(problems)s") % {"line": line, "problems": " ".join(problems)})
        elif record["email"] in seen:
            upload.duplicates += 1
        else:
            seen.add(record["email"])
            upload.rows.append(
                InviteeRow(record["email"], schools[record["school"]], record["group"], record["language"])
            )
    return upload


def _opted_out_emails(survey: Survey) -> set[str]:
    opt_outs = OptOut.objects.filter(Q(survey__isnull=True) | Q(survey=survey), district_id=survey.district_id)
    return {email.lower() for email in opt_outs.exclude(student_email="").values_list("student_email", flat=True)}


def _closing_dates(survey: Survey) -> dict[str, str]:
    """The closing date as each language writes it (the mail holds both languages)."""
    dates = {}
    for language in LANGUAGES:
        with translation.override(language):
            dates[f"closes_on_{language}"] = date_format(survey.closes_on, "DATE_FORMAT") if survey.closes_on else ""
    return dates


def mail_context(invitation: Invitation, code: str, *, reminder: int = 0) -> dict:
    """The context of ``survey_invitation`` / ``survey_reminder`` (the code
    and its link are stored encrypted: ``notifications.catalogue.SECRET_KEYS``)."""
    survey = invitation.survey
    return {
        "survey_title_en": survey.title_en,
        "survey_title_es": survey.title_es or survey.title_en,
        "school_name": invitation.school.name if invitation.school else "",
        "access_code": code_display(code),
        "access_path": taking_path(code=code),
        **_closing_dates(survey),
        "minutes": survey.estimated_minutes,
        "anonymous": survey.anonymity == AnonymityMode.ANONYMOUS,
        "reminder": reminder,
    }


def invitation_mail_enqueue(invitation: Invitation, code: str, *, district, user=None) -> None:
    """Queues the bilingual invitation mail of ``invitation`` (its ``code`` is
    stored encrypted until sent); the same invitation is mailed once."""
    email_enqueue(
        template="survey_invitation",
        to=invitation.email,
        language=invitation.language,
        context=mail_context(invitation, code),
        key=f"survey-invitation-{invitation.pk}",
        district=district,
        user=user,
    )


def _email_invitation(survey: Survey, row: InviteeRow) -> tuple[Invitation, str]:
    code = code_generate()
    invitation = Invitation(
        survey=survey,
        school_id=row.school_id,
        group=row.group,
        kind=InvitationKind.EMAIL,
        email=row.email,
        language=row.language,
        code_hash=code_hash(code, purpose="invitation"),
        code_encrypted=encrypt(code),
    )
    return invitation, code


def _new_invitations(survey: Survey, rows: list[InviteeRow], summary: InvitationSummary) -> list[tuple]:
    """(unsaved invitation, its code) for each row still to invite; counts the others in ``summary``."""
    invited = set(survey.invitations.exclude(email="").values_list("email", flat=True))
    opted_out = _opted_out_emails(survey)
    new = []
    for row in rows:
        if row.email in invited:
            summary.already_invited += 1
        elif row.group == RespondentGroup.STUDENT and row.email in opted_out:
            summary.opted_out += 1
        else:
            invited.add(row.email)
            new.append(_email_invitation(survey, row))
    return new


@transaction.atomic
def invitations_create(*, survey: Survey, rows: list[InviteeRow], actor, request=None) -> InvitationSummary:
    """Creates one invitation per new address and queues its bilingual mail in
    the same transaction (rolled back: no invitation, no mail). Addresses
    already invited to ``survey`` and students whose parent opted them out are
    skipped and counted."""
    summary = InvitationSummary()
    # One upload at a time per survey, so two at once cannot both invite an address.
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    created = _new_invitations(survey, rows, summary)
    Invitation.objects.bulk_create([invitation for invitation, _code in created])
    schools = {school.pk: school for school in survey.schools.all()}
    for invitation, code in created:
        invitation.survey, invitation.school = survey, schools[invitation.school_id]
        invitation_mail_enqueue(invitation, code, district=survey.district)
    summary.created = len(created)
    counts = {"invited": summary.created, "already_invited": summary.already_invited, "opted_out": summary.opted_out}
    audit_record(actor=actor, kind=AuditKind.SURVEY_INVITED, obj=survey, changes=counts, request=request)
    return summary


def _open_survey_q(today: datetime.date) -> Q:
    return (
        Q(survey__published_at__isnull=False)
        & (Q(survey__opens_on__isnull=True) | Q(survey__opens_on__lte=today))
        & (Q(survey__closes_on__isnull=True) | Q(survey__closes_on__gte=today))
    )


@transaction.atomic
def _remind(pk: int, number: int) -> bool:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("survey", "school")
        .filter(pk=pk, reminders_sent=number - 1, status__in=UNFINISHED)
        .first()
    )
    code = decrypt(invitation.code_encrypted) if invitation and invitation.code_encrypted else None
    if not code:
        return False
    email_enqueue(
        template="survey_reminder",
        to=invitation.email,
        language=invitation.language,
        context=mail_context(invitation, code, reminder=number),
        key=f"survey-reminder-{invitation.pk}-{number}",
        district=invitation.survey.district,
    )
    invitation.reminders_sent = number
    invitation.save(update_fields=["reminders_sent"])
    return True


def _opted_out_q() -> Q:
    """A student invitation whose address a parent opted out after it was sent: no reminder."""
    opted_out = OptOut.objects.filter(
        Q(survey__isnull=True) | Q(survey=OuterRef("survey")),
        district_id=OuterRef("survey__district_id"),
        student_email=OuterRef("email"),
    )
    return Q(group=RespondentGroup.STUDENT) & Exists(opted_out)


def invitation_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Queues the due reminders (the first ``REMINDER_AFTER_DAYS`` days after
    the invitation, the second after twice as many; never more than
    ``MAX_REMINDERS``) for emailed invitations not finished, on open surveys.
    Students opted out since their invitation get none. Each reminder goes
    once: its mail key holds its number and the invitation counts what was
    sent. Returns how many were queued."""
    now = now or timezone.now()
    open_now = _open_survey_q(timezone.localdate(now))
    sent = 0
    for number in range(1, MAX_REMINDERS + 1):
        due = Invitation.objects.filter(
            open_now,
            kind=InvitationKind.EMAIL,
            status__in=UNFINISHED,
            reminders_sent=number - 1,
            created_at__lte=now - datetime.timedelta(days=REMINDER_AFTER_DAYS * number),
        ).exclude(Q(code_encrypted="") | _opted_out_q())
        for pk in due.values_list("pk", flat=True).iterator():
            sent += _remind(pk, number)
    return sent


def invitation_codes_forget(*, today: datetime.date | None = None) -> int:
    """Blanks the kept codes that no reminder will need any more (finished
    invitations, closed surveys). Returns how many."""
    today = today or timezone.localdate()
    done = Q(status=InvitationStatus.FINISHED) | Q(survey__closes_on__lt=today)
    ids = Invitation.objects.filter(done).exclude(code_encrypted="").values("pk")
    return Invitation.objects.filter(pk__in=ids).update(code_encrypted="")
