"""A release's snapshot as the dashboard, its CSV files and the annual report show it, in the reader's language.

Nothing here counts or suppresses: the snapshot already holds the published cells (``assessment.figures``). A
table is shown for one *scope*: the district (``"all"``) or one school; a table with no figures for the school
(the district-wide ones) is shown for the district with a note saying so.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessment.figures.base import ALL, SUPPRESSED, TOTAL
from core.charts import Chart, chart_bars
from core.i18n import current_language
from core.numbers import percent_text
from core.suppression import Shown


def text(value: dict | str) -> str:
    """A snapshot text (``{"en": ..., "es": ...}``) in the reader's language."""
    if isinstance(value, dict):
        return value.get(current_language()) or value.get("en", "")
    return str(value or "")


def cell_text(value, *, percent: bool = False) -> str:
    """One published cell for a reader; a ``percent`` cell is written as every percentage is (``core.numbers``)."""
    if isinstance(value, dict):  # a text in both languages
        return text(value)
    if value == SUPPRESSED:
        return _("suppressed")
    if value is None:
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if percent:
            return percent_text(value)
        return number_format(value, decimal_pos=1 if isinstance(value, float) and value % 1 else None)
    return str(value)


@dataclass
class ShownRow:
    key: str
    label: str
    cells: list[str]
    raw: list
    total: bool = False


@dataclass
class ShownTable:
    key: str
    title: str
    notes: str
    source: str
    unit: str
    columns: list[str]
    rows: list[ShownRow]
    district_only: bool = False
    chart: Chart | None = None
    dictionary: list[tuple[str, str]] = field(default_factory=list)


def is_percent(table: dict, row: dict | None, column: dict | None) -> bool:
    """Whether a cell is a percentage: marked on its table (``unit``), its row or its column. Releases published
    before rows and columns were marked carry no mark, and show the bare number under the label's "(%)"."""
    return table["unit"] == "percent" or bool((row or {}).get("percent") or (column or {}).get("percent"))


def _rows(table: dict, scope: str) -> list[ShownRow]:
    rows = []
    for row in table["rows"]:
        cells = row["cells"].get(scope)
        if cells is None:
            continue
        shown = [
            cell_text(c, percent=is_percent(table, row, column))
            for c, column in zip(cells, table["columns"], strict=False)
        ]
        rows.append(ShownRow(row["key"], text(row["label"]), shown, cells, row["total"]))
    return rows


def _share_chart(title: str, rows: list[ShownRow]) -> Chart | None:
    """The table's rows as shares of its total (a suppressed count or total: a suppressed share)."""
    total = next((row.raw[0] for row in rows if row.total), None)
    parts = [row for row in rows if not row.total]
    if not parts or not isinstance(total, int) or total == 0:
        return None
    values = [
        Shown.of(None, True) if row.raw[0] == SUPPRESSED else Shown.of(round(100 * row.raw[0] / total, 1), False)
        for row in parts
    ]
    if not any(value.value for value in values):
        return None  # every share suppressed or zero: the table says it better than an empty drawing
    return chart_bars(title=title, categories=[row.label for row in parts], series=[(_("Share of the total"), values)])


def _dictionary(table: dict) -> list[tuple[str, str]]:
    labels = {column["key"]: text(column["label"]) for column in table["columns"]}
    labels.update({row["key"]: text(row["label"]) for row in table["rows"]})
    labels.setdefault(TOTAL, _("Total"))
    return [(labels.get(key, key), text(description)) for key, description in table.get("dictionary", {}).items()]


def shown_table(table: dict, scope: str = ALL, *, charts: bool = True) -> ShownTable:
    """One snapshot table for ``scope`` in the reader's language, with its chart when it has one."""
    rows = _rows(table, scope)
    district_only = not rows and scope != ALL
    if district_only:
        rows = _rows(table, ALL)
    title = text(table["title"])
    return ShownTable(
        key=table["key"],
        title=title,
        notes=text(table["notes"]),
        source=text(table["source"]),
        unit=table["unit"],
        columns=[text(column["label"]) for column in table["columns"]],
        rows=rows,
        district_only=district_only,
        chart=_share_chart(title, rows) if charts and table["chart"] else None,
        dictionary=_dictionary(table),
    )


def shown_tables(snapshot: dict, scope: str = ALL, *, charts: bool = True) -> list[ShownTable]:
    return [shown_table(table, scope, charts=charts) for table in snapshot.get("tables", [])]


def scope_name(snapshot: dict, scope: str) -> str:
    for school in snapshot.get("schools", []):
        if school["scope"] == scope:
            return school["name"]
    return _("District")


def csv_rows(snapshot: dict, table: dict) -> tuple[list[str], list[list]]:
    """One table's header and lines for its open-data file: every scope (district first, then each school)."""
    header = [_("School"), _("Row"), *[text(column["label"]) for column in table["columns"]]]
    lines = []
    scopes = [ALL] + sorted({scope for row in table["rows"] for scope in row["cells"] if scope != ALL}, key=str)
    for scope in scopes:
        for row in table["rows"]:
            cells = row["cells"].get(scope)
            if cells is None:
                continue
            values = [_("suppressed") if c == SUPPRESSED else text(c) if isinstance(c, dict) else c for c in cells]
            lines.append([scope_name(snapshot, scope), text(row["label"]), *values])
    return header, lines
