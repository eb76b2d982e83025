"""How many answered: responses by school and respondent group, and for
invitations the response rate, both through ``core.suppression``, and
protected together: a finished invitation is a response, so the rates table
never shows as "finished" a number the respondents table hides, and never
counts on one it shows to protect another."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.suppression import Earlier, Line, Shown, percent, protect_after
from surveys.models import Invitation, InvitationStatus, RespondentGroup, Response, Survey
from surveys.services.results_tables import N, table_build

ALL = "*"


@dataclass(frozen=True)
class CountTable:
    """Rows of schools (and the district), a column per respondent group and
    one for everyone."""

    columns: list[str]
    rows: list[tuple[str, list[Shown]]]
    # What it shows and hides, keyed as the rates table's "finished" cells (response_rates protects against it).
    as_finished: Earlier


@dataclass(frozen=True)
class RateRow:
    school: str
    group: str
    invited: Shown
    not_used: Shown
    started: Shown
    finished: Shown
    rate: Shown


INVITED = "invited"
STATES = (InvitationStatus.ISSUED, InvitationStatus.STARTED, InvitationStatus.FINISHED)


def _school_order(ids) -> list:
    return sorted(set(ids), key=lambda s: (s is None, s or 0))


def _rate_cells(status: dict, schools: list, groups: list, threshold: int, beside: Earlier) -> tuple[dict, set]:
    """The rates table's counts by (school or ``ALL``, group, column) and the
    keys to hide. An invitation is in exactly one state, so every row is a
    line (invited = not used + started + finished), and so is every column
    (the schools add up to the district). What the respondents table
    ``beside`` it hides stays hidden, and what it shows is known."""
    counts = {}
    for s in schools:
        for g in groups:
            by_state = status.get((s, g), {})
            for state in STATES:
                counts[(s, g, state)] = by_state.get(state, 0)
            counts[(s, g, INVITED)] = sum(counts[(s, g, state)] for state in STATES)
    columns = (INVITED, *STATES)
    for g in groups:
        for column in columns:
            counts[(ALL, g, column)] = sum(counts[(s, g, column)] for s in schools)
    lines = [Line((s, g, INVITED), tuple((s, g, state) for state in STATES)) for s in [*schools, ALL] for g in groups]
    lines += [Line((ALL, g, column), tuple((s, g, column) for s in schools)) for g in groups for column in columns]
    return counts, protect_after(counts, lines, threshold=threshold, earlier=beside)


def _school_label(school_names: dict, school_id) -> str:
    if school_id == ALL:
        return str(_("Whole district"))
    return school_names.get(school_id) or str(_("No school given"))


def respondent_table(
    *,
    survey: Survey,
    threshold: int,
    school_names: dict,
    visible_school_ids: set[int] | None,
    earlier: Mapping[str, Earlier] | None,
) -> CountTable:
    """Responses by school and respondent group (one GROUP BY), suppressed.

    Protected by the same steps as a question's number of answers
    (``table_build``), so a question everyone answered hides exactly the same
    school and group counts in its respondent-group breakdown as this table:
    the two cannot be played against each other. ``earlier``: what a
    publication of the questions' school-vs-district numbers showed and hid, by
    question code; a school count any of them hid stays hidden, and one a
    question everyone answered showed is known (``_answers_earlier``)."""
    finest = {
        (row["school_id"], row["respondent_group"], N): row["n"]
        for row in Response.objects.filter(survey=survey)
        .values("school_id", "respondent_group")
        .annotate(n=Count("id"))
        .order_by()
    }
    options = {"kind": "number", "choice_ids": [], "finest": finest, "threshold": threshold}
    options |= {"favourable_ids": set(), "valued_ids": set()}
    base = table_build(by_subgroup=False, earlier=_answers_earlier(finest, earlier), **options)
    table = table_build(by_subgroup=True, base=base, **options)
    schools = _school_order([*school_names, *(s for s, _g, _n in finest)])
    groups = list(dict.fromkeys([*survey.groups, *sorted(g for _s, g, _n in finest)]))
    counts = {(s, g): table.counts.get((s, g, N), 0) for s in [*schools, ALL] for g in [*groups, ALL]}
    hidden = {(s, g) for (s, g, col) in table.hidden if col == N}
    labels = dict(RespondentGroup.choices)
    columns = [str(labels.get(g, _("Not answered"))) for g in groups] + [str(_("Everyone"))]
    shown_schools = [s for s in schools if visible_school_ids is None or s in visible_school_ids]
    if visible_school_ids is None:
        shown_schools.append(ALL)
    rows = [
        (_school_label(school_names, s), [Shown.of(counts.get((s, g), 0), (s, g) in hidden) for g in [*groups, ALL]])
        for s in shown_schools
    ]
    finished = {(s, g): (s, g, InvitationStatus.FINISHED) for s in [*schools, ALL] for g in groups}
    as_finished = Earlier(
        shown={key: counts[cell] for cell, key in finished.items() if cell not in hidden},
        hidden=frozenset(key for cell, key in finished.items() if cell in hidden),
    )
    return CountTable(columns=columns, rows=rows, as_finished=as_finished)


def _answers_earlier(finest: dict, earlier: Mapping[str, Earlier] | None) -> Earlier | None:
    """The questions' published numbers of answers as one ``Earlier`` over the responses by school: hidden where
    any question's was hidden, shown where a question (one everyone answered) showed the same number."""
    if not earlier:
        return None
    responses = defaultdict(int)
    for (s, _g, _n), n in finest.items():
        responses[(s, ALL, N)] += n
        responses[(ALL, ALL, N)] += n
    hidden = frozenset(key for found in earlier.values() for key in found.hidden if key[2] == N)
    shown = {
        key: responses[key]
        for found in earlier.values()
        for key, value in found.shown.items()
        if key[2] == N and responses.get(key) == value
    }
    return Earlier(shown=shown, hidden=hidden)


def response_rates(
    *,
    survey: Survey,
    threshold: int,
    school_names: dict,
    visible_school_ids: set[int] | None,
    beside: Earlier,
) -> list[RateRow]:
    """Invitations issued, not used, started and finished by school and group
    (one GROUP BY), suppressed like any table of counts: a small count is
    hidden, and with it enough others along its row and its column that it
    cannot be worked back out (invited minus the other two states, or the
    district minus the other schools); the rate is hidden with either of its
    two counts. ``beside``: the respondents table shown with it
    (``CountTable.as_finished``), protected together."""
    status = defaultdict(lambda: defaultdict(int))
    rows = Invitation.objects.filter(survey=survey).values("school_id", "group", "status")
    for row in rows.annotate(n=Count("id")).order_by():
        status[(row["school_id"], row["group"])][row["status"]] += row["n"]
    if not status:
        return []
    schools = _school_order(s for s, _g in status)
    groups = sorted({g for _s, g in status})
    counts, hidden = _rate_cells(status, schools, groups, threshold, beside)
    labels = dict(RespondentGroup.choices)
    keys = [(s, g) for s in schools for g in groups if (s, g) in status]
    if visible_school_ids is None:
        keys += [(ALL, g) for g in groups]
    else:
        keys = [(s, g) for s, g in keys if s in visible_school_ids]

    def cell(s, g, column) -> Shown:
        return Shown.of(counts[(s, g, column)], (s, g, column) in hidden)

    result = []
    for s, g in keys:
        invited, finished = cell(s, g, INVITED), cell(s, g, InvitationStatus.FINISHED)
        rate = percent(counts[(s, g, InvitationStatus.FINISHED)], counts[(s, g, INVITED)])
        result.append(
            RateRow(
                school=_school_label(school_names, s),
                group=str(labels.get(g, g)),
                invited=invited,
                not_used=cell(s, g, InvitationStatus.ISSUED),
                started=cell(s, g, InvitationStatus.STARTED),
                finished=finished,
                rate=Shown.of(rate, invited.suppressed or finished.suppressed),
            )
        )
    return result
