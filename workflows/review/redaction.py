"""The redacted export of a complaint for a public records request.

Names, contact details, student identifiers and names written in the free text are replaced by role labels
("[Student 1]", "[Officer]"). The coordinator sees every proposed redaction on screen, adds terms the search missed,
and only then downloads the export (audited). The export holds what a records request may disclose: the facts,
the concerns with their final findings, the outcome letter and the public messages; never internal notes,
review findings, files or who wrote what.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from complaints.models import Audience, Complaint, FilerRole, OutcomeLetter
from core.audit import AuditKind, audit_record
from core.pdf import pdf_render, static_css
from workflows.review.casefile import STYLESHEET

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone numbers are written with separators (555-201-3344, (555) 201 3344, +1 555.201.3344); a bare run of
# digits is a student or record number below.
PHONE = re.compile(r"(?<![\w-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{2,4}[ .-]\d{3,4}(?![\w-])")
# Student numbers, IEP/ID numbers: five or more digits, or letters and digits mixed (S1234567).
STUDENT_ID = re.compile(r"(?<!\w)(?:[A-Za-z]{1,3}-?\d{4,}|\d{5,})(?!\w)")
_CAP = r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü'’-]+"
NAME = re.compile(rf"(?<!\w){_CAP}(?:[ \t]+{_CAP}){{1,3}}(?!\w)")
# Words that start sentences or name places, not people (English and Spanish).
NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "our",
        "his",
        "her",
        "their",
        "this",
        "that",
        "then",
        "when",
        "after",
        "before",
        "yesterday",
        "today",
        "tomorrow",
        "on",
        "at",
        "in",
        "officer",
        "sergeant",
        "deputy",
        "mr",
        "mrs",
        "ms",
        "dr",
        "miss",
        "school",
        "high",
        "middle",
        "elementary",
        "police",
        "department",
        "district",
        "el",
        "la",
        "los",
        "las",
        "mi",
        "mis",
        "su",
        "sus",
        "un",
        "una",
        "ayer",
        "hoy",
        "cuando",
        "luego",
        "después",
        "antes",
        "oficial",
        "agente",
        "señor",
        "señora",
        "escuela",
        "secundaria",
        "preparatoria",
        "policía",
    ]
)
# Days and months start capitalised words that are no names ("Monday", "April 3"), but some are given names too
# (April, June, Julio, Abril): as a part of a known person's name they are still proposed.
CALENDAR_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
)
_NOT_IN_RUNS = NOT_NAMES | CALENDAR_WORDS  # what a run of capitalised words found in free text leaves out


@dataclass(frozen=True)
class Redaction:
    """One term to hide, the label shown instead, and why it was proposed."""

    term: str
    label: str
    why: str


def redactions_propose(*, complaint: Complaint, extra: list[tuple[str, str]] = ()) -> list[Redaction]:
    """Every redaction proposed for ``complaint``: known names and contact details, witnesses, the officer,
    e-mail addresses, phone numbers and student numbers found in the text, names found in the free text, then the
    coordinator's own ``extra`` terms ((term, label) pairs). Longest terms first, each term once."""
    plan: dict[str, Redaction] = {}

    def add(term: str, label: str, why: str) -> None:
        term = term.strip(" \t\r\n,;.")
        if len(term) >= 2 and term.lower() not in plan:
            plan[term.lower()] = Redaction(term, label, why)

    for term, label in extra:
        add(term, label or _("Redacted"), _("Added by the coordinator"))
    _known_people(complaint, add)
    texts = _source_texts(complaint)
    for pattern, label, why in (
        (EMAIL, _("Email"), _("E-mail address")),
        (PHONE, _("Phone"), _("Phone number")),
        (STUDENT_ID, _("Student ID"), _("Student or record number")),
    ):
        for text in texts:
            for found in pattern.findall(text):
                add(found, label, why)
    people = 0
    for text in texts:
        for found in NAME.findall(text):
            name = _strip_non_names(found, complaint)
            if name and name.lower() not in plan:
                people += 1
                add(name, _("Person %(n)s") % {"n": people}, _("Name found in the text"))
    return sorted(plan.values(), key=lambda r: -len(r.term))


def _known_people(complaint: Complaint, add) -> None:
    """The names the complaint records in its own fields."""
    if complaint.contact_name:
        label = _("Student 1") if complaint.filer_role == FilerRole.STUDENT else _("Complainant")
        _name_and_parts(add, complaint.contact_name, label, _("Complainant's name"))
    if complaint.contact_email:
        add(complaint.contact_email, _("Email"), _("Complainant's e-mail"))
    if complaint.contact_phone:
        add(complaint.contact_phone, _("Phone"), _("Complainant's phone"))
    if complaint.guardian_contact:
        add(complaint.guardian_contact, _("Parent or guardian"), _("Parent or guardian to include"))
    for n, witness in enumerate(re.split(r"[,;\n]+", complaint.witnesses), start=1):
        _name_and_parts(add, witness, _("Witness %(n)s") % {"n": n}, _("Witness"))
    if complaint.officer_id:
        officer = complaint.officer
        _name_and_parts(add, officer.full_name, _("Officer"), _("Officer's name"))
        if officer.badge_number:
            add(officer.badge_number, _("Badge number"), _("Officer's badge number"))


def _name_and_parts(add, name: str, label: str, why: str) -> None:
    """A person's whole name, then each part of it alone ("Okafor", "Tom"): texts often name people by one part.
    Parts of two letters or fewer, and words that are no names ("The"), are left out."""
    add(name, label, why)
    for part in name.split():
        part = part.strip(" \t\r\n,;.")
        if len(part) > 2 and part.lower() not in NOT_NAMES:
            add(part, label, why)


def _strip_non_names(found: str, complaint: Complaint) -> str:
    """The name in a run of capitalised words, without the words that start sentences or name places."""
    places = {w.lower() for w in f"{complaint.school.name} {complaint.school.district.name}".split()}
    words = [w for w in found.split() if w.lower() not in _NOT_IN_RUNS and w.lower() not in places]
    return " ".join(words) if len(words) >= 2 and " ".join(words) in found else ""


def _public_messages(complaint: Complaint):
    return complaint.messages.filter(audience=Audience.PUBLIC, from_complainant=False).order_by("created_at")


def _letter(complaint: Complaint) -> OutcomeLetter | None:
    return OutcomeLetter.objects.filter(complaint=complaint, published_at__isnull=False).first()


def _source_texts(complaint: Complaint) -> list[str]:
    letter = _letter(complaint)
    texts = [complaint.location, complaint.description, complaint.desired_outcome]
    texts += [m.body for m in _public_messages(complaint) if m.body]
    return texts + ([letter.body] if letter else [])


def redact(text: str, plan: list[Redaction]) -> str:
    """``text`` (plain) with every planned term replaced by its label in brackets, whatever its case."""
    if not text or not plan:
        return text
    labels = {r.term.lower(): r.label for r in plan}
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(r.term)}(?!\w)" for r in plan), re.IGNORECASE)
    return pattern.sub(lambda m: f"[{labels.get(m.group(0).lower(), _('Redacted'))}]", text)


def redacted_document(complaint: Complaint, plan: list[Redaction]) -> dict:
    """The export's parts, redacted: plain texts (shown escaped, never as HTML)."""
    letter = _letter(complaint)
    return {
        "location": redact(complaint.location, plan),
        "description": redact(complaint.description, plan),
        "desired_outcome": redact(complaint.desired_outcome, plan),
        "allegations": list(complaint.allegations.order_by("pk")),
        "letter": redact(letter.body, plan) if letter else "",
        "messages": [(m.created_at, m.event_text or redact(m.body, plan)) for m in _public_messages(complaint)],
    }


@transaction.atomic
def redacted_export(*, complaint: Complaint, user, extra: list[tuple[str, str]], request=None) -> bytes:
    """The redacted export as a PDF, with the coordinator's ``extra`` terms; audited with the number of
    redactions (never the terms themselves)."""
    plan = redactions_propose(complaint=complaint, extra=extra)
    html = render_to_string(
        "workflows/casefile/redacted.html",
        {"complaint": complaint, "doc": redacted_document(complaint, plan), "language": get_language() or "en"},
    )
    pdf = pdf_render(html=html, stylesheets=(static_css(STYLESHEET),))
    audit_record(
        actor=user,
        kind=AuditKind.REDACTED_EXPORTED,
        obj=complaint,
        request=request,
        note=f"{len(plan)} redactions, {len(extra)} added by hand",
    )
    return pdf
