"""The evidence pack as the assessment page shows it: one titled section each, made of small
tables (caption, column headings, rows), with every code turned into its label in the reader's
language."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from activity.models import EnrolmentDimension, EventType, OutreachKind
from assessment.models import EvidenceSection, GoalStatus
from complaints.models import AllegationCategory, FindingValue
from core.i18n import current_language


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _bi(row: dict, name: str) -> str:
    return row.get(f"{name}_{current_language()}") or row.get(f"{name}_en", "")


def _counts(caption: str, labels, counts: dict) -> Table:
    return Table(caption, [_("Kind"), _("Count")], [[str(label), counts.get(key, 0)] for key, label in labels])


def _none(value) -> str:
    return "—" if value is None else value


def _goals(evidence) -> Section:
    status = dict(GoalStatus.choices)
    rows = [[_bi(g, "title"), _bi(g, "measure"), _bi(g, "result"), str(status.get(g["status"], ""))] for g in evidence]
    table = Table(_("Goals and objectives"), [_("Goal"), _("Measure"), _("Result"), _("Status")], rows)
    return Section(EvidenceSection.GOALS, str(EvidenceSection.GOALS.label), [table])


def _contacts(evidence) -> Section:
    outreach = evidence.get("outreach_by_kind", {})
    kinds = Table(_("Outreach activities"), [_("Kind"), _("Activities"), _("People reached"), _("Minutes")])
    kinds.rows = [
        [str(label), *(outreach.get(key, {}).get(n, 0) for n in ("activities", "people_reached", "minutes"))]
        for key, label in OutreachKind.choices
    ]
    schools = Table(
        _("Enforcement events by school"),
        [_("School"), _("Count")],
        list(map(list, evidence.get("events_by_school", {}).items())),
    )
    return Section(
        EvidenceSection.CONTACTS,
        str(EvidenceSection.CONTACTS.label),
        [
            _counts(_("Enforcement events by type"), EventType.choices, evidence.get("events_by_type", {})),
            schools,
            kinds,
        ],
        [
            _("%(n)s enforcement events, %(m)s outreach activities.")
            % {"n": evidence.get("events_total", 0), "m": evidence.get("outreach_total", 0)}
        ],
    )


def _rates(rates: dict) -> list[Table]:
    headers = [_("Subgroup"), _("Events"), _("Students enrolled"), _("Rate per 1,000 students"), _("Risk ratio")]
    labels = dict(EnrolmentDimension.choices)
    return [
        Table(
            _("Rates and risk ratios by %(dimension)s") % {"dimension": labels.get(dimension, dimension)},
            headers,
            [
                [_bi(r, "label"), r["events"], *(_none(r[k]) for k in ("enrolled", "rate_per_1000", "risk_ratio"))]
                for r in rows
            ],
        )
        for dimension, rows in rates.items()
    ]


def _surveys(caption: str, surveys: list[dict]) -> list[Table]:
    tables = []
    for survey in surveys:
        rows = [[q["text"], _none(q["favourable"])] for q in survey["questions"]]
        title = _bi(survey, "title")
        label = _("%(caption)s: %(title)s (%(n)s respondents)") % {
            "caption": caption,
            "title": title,
            "n": survey["respondents"],
        }
        tables.append(Table(label, [_("Question"), _("Percent favourable")], rows))
    return tables


def _feedback(evidence) -> Section:
    complaints = evidence.get("complaints", {})
    summary = Table(
        _("Complaints filed in the year"),
        [_("Measure"), _("Value")],
        [
            [_("Received"), complaints.get("received", 0)],
            [_("Resolved (outcome letter sent)"), complaints.get("resolved", 0)],
            [_("Median school days to the outcome letter"), _none(complaints.get("median_school_days_to_resolution"))],
            [_("Share resolved with every step on time"), _none(complaints.get("share_on_time"))],
            [_("Appeals"), complaints.get("appeals", 0)],
            [_("Appeals decided"), complaints.get("appeals_decided", 0)],
        ],
    )
    dialogue = evidence.get("dialogue", {})
    themes = Table(
        _("Dialogue session themes"),
        [_("Theme"), _("Items heard")],
        [[_bi(t, "name"), t["items"]] for t in dialogue.get("themes", [])],
    )
    tables = [
        summary,
        _counts(_("Concerns raised"), AllegationCategory.choices, complaints.get("by_allegation", {})),
        _counts(_("Final findings"), FindingValue.choices, complaints.get("by_outcome", {})),
        *_surveys(_("Survey"), evidence.get("surveys", [])),
        themes,
    ]
    notes = [_("%(n)s dialogue sessions held.") % {"n": dialogue.get("sessions", 0)}]
    return Section(EvidenceSection.FEEDBACK, str(EvidenceSection.FEEDBACK.label), tables, notes)


def _work_plans(evidence) -> Section:
    tables = [
        Table(
            _("%(school)s: %(done)s of %(n)s tasks done")
            % {"school": plan["school"], "done": plan["done"], "n": len(plan["tasks"])},
            [_("Task"), _("Done"), _("Note")],
            [[t["text"], _("Yes") if t["done"] else _("No"), t["note"]] for t in plan["tasks"]],
        )
        for plan in evidence
    ]
    return Section(EvidenceSection.WORK_PLANS, str(EvidenceSection.WORK_PLANS.label), tables)


def _training(evidence) -> Section:
    section = Section(EvidenceSection.TRAINING, str(EvidenceSection.TRAINING.label))
    if not evidence.get("available"):
        section.notes.append(_("Training records were not available when the evidence was compiled."))
        return section
    headers = [_("Officer"), _("Agency"), _("Hours done"), _("Hours required"), _("Topics missing"), _("Compliant")]
    table = Table(_("Each SRO's training this school year"), headers)
    for row in evidence.get("compliance", []):
        missing = ", ".join(_bi(t, "name") for t in row["topics"] if not t["met"])
        compliant = _("Yes") if row["compliant"] else _("No")
        table.rows.append(
            [row["officer"], row["agency"], row["hours_done"], row["hours_required"], missing or "—", compliant]
        )
    section.tables.append(table)
    return section


def _partners(evidence) -> Section:
    tables, notes = [], []
    for partner_round in evidence:
        notes.append(
            _("%(round)s: %(n)s concerns answered in writing.")
            % {"round": partner_round["label"], "n": partner_round.get("concerns_answered", 0)}
        )
        for side, caption in (("sro", _("SROs")), ("school", _("School administrators"))):
            if partner_round.get(side):
                tables += _surveys(f"{partner_round['label']}, {caption}", [partner_round[side]])
    return Section(EvidenceSection.PARTNERS, str(EvidenceSection.PARTNERS.label), tables, notes)


def evidence_sections(evidence: dict) -> list[Section]:
    """The pack's sections in the rubric's order; an empty pack gives none."""
    if not evidence:
        return []
    return [
        _goals(evidence.get("goals", [])),
        _contacts(evidence.get("contacts", {})),
        _feedback(evidence.get("feedback", {})),
        _work_plans(evidence.get("work_plans", [])),
        _training(evidence.get("training", {})),
        _partners(evidence.get("partners", [])),
    ]
