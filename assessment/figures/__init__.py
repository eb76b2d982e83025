"""The published tables of the dashboard and the annual report, one module per family of tables.

Every function takes a ``base.FigureContext`` and returns its tables (``base.Table``); ``figures_compute`` runs them
all and gives back the snapshot's tables as JSON, in the order the dashboard shows them. Every count goes through
``core.suppression`` (see ``base``). The police enforcement tables are added when the activity reports are merged
(``activity.services.reports.public_enforcement_tables``); until then the family is left out.
"""

from assessment.figures import assessments, complaints, dialogue, outreach
from assessment.figures.base import FigureContext, FigureFunction

FIGURES: list[FigureFunction] = [
    complaints.received,
    complaints.by_allegation,
    complaints.outcomes,
    complaints.timeliness,
    outreach.activities,
    dialogue.sessions,
    assessments.published,
]


def figures_compute(ctx: FigureContext) -> list[dict]:
    """Every published table for ``ctx``, as the snapshot keeps it."""
    return [table.as_json() for figure in FIGURES for table in figure(ctx)]
