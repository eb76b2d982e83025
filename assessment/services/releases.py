"""Publishing a release: the frozen snapshot every public number of a school year is read from.

``release_publish`` is called by the annual assessment when the superintendent and the agency head have approved it
(and again for each correction: a new version). The snapshot holds every table of ``assessment.figures``, computed
now, suppressed against the district's threshold and against the previous version of the same school year, so a
cell published once never becomes derivable by comparing versions. A table that does not depend on the school year
(the standing satisfaction survey: every answer so far) is suppressed against the district's last release of any
year instead, which published the same cells. Publishing empties the dashboard's cache.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from accounts.models import District
from assessment.figures import figures_compute
from assessment.figures.base import FigureContext
from assessment.models import Release
from core.audit import audit_record
from core.models import AuditKind
from core.schoolyear import school_year_bounds, school_year_label

CACHE_GENERATION_KEY = "dashboard:generation"


def dashboard_generation() -> int:
    """A number that changes with every publication; the dashboard's cache keys carry it."""
    generation = cache.get(CACHE_GENERATION_KEY)
    if generation is None:
        generation = int(timezone.now().timestamp() * 1000)
        cache.add(CACHE_GENERATION_KEY, generation, timeout=None)
        generation = cache.get(CACHE_GENERATION_KEY, generation)
    return generation


def dashboard_cache_clear() -> None:
    """Every cached dashboard page and file is stale from now on."""
    cache.set(CACHE_GENERATION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)


def _tables_of(release: Release | None) -> dict[str, dict]:
    return {table["key"]: table for table in (release.snapshot.get("tables", []) if release else [])}


def snapshot_compute(
    *, district, school_year: int, previous: Release | None = None, latest: Release | None = None, publishing=None
) -> dict:
    """The snapshot a release of ``school_year`` would publish now (``previous``: the year's latest release;
    ``latest``: the district's release published last, of any year; ``publishing``: the version, time and
    assessment of the release being published, listed with the others)."""
    first, last = school_year_bounds(school_year)
    schools = list(district.schools.order_by("name", "pk"))
    ctx = FigureContext(
        district=district,
        school_year=school_year,
        threshold=district.suppression_threshold,
        schools=schools,
        first=first,
        last=last,
        previous=_tables_of(previous),
        latest=_tables_of(latest),
        publishing=publishing,
    )
    return {
        "school_year": school_year,
        "school_year_label": school_year_label(school_year),
        "threshold": ctx.threshold,
        "schools": [{"scope": str(school.pk), "name": school.name} for school in schools],
        "computed_at": timezone.now().isoformat(),
        "tables": figures_compute(ctx),
    }


@transaction.atomic
def release_publish(*, district, school_year: int, assessment: dict, by) -> Release:
    """Publishes the next version of ``district``'s ``school_year``: every public table computed from the records
    now, with ``assessment`` (the approved assessment's summary) beside them. The release is never changed after."""
    # One publication at a time per district: the version numbers stay a sequence.
    District.objects.select_for_update().filter(pk=district.pk).first()
    previous = Release.objects.latest_of(district=district, school_year=school_year)
    publishing = {
        "school_year": school_year,
        "version": (previous.version + 1) if previous else 1,
        "published_at": timezone.now(),
        "assessment": dict(assessment),
    }
    latest = Release.objects.last_published(district=district)
    snapshot = snapshot_compute(
        district=district, school_year=school_year, previous=previous, latest=latest, publishing=publishing
    )
    release = Release.objects.create(
        district=district,
        school_year=school_year,
        version=publishing["version"],
        published_at=publishing["published_at"],
        published_by=by,
        snapshot=snapshot,
        assessment=dict(assessment),
    )
    audit_record(
        actor=by,
        kind=AuditKind.RELEASE_PUBLISHED,
        obj=release,
        changes={"school_year": school_year, "version": release.version},
    )
    transaction.on_commit(dashboard_cache_clear)
    return release


@dataclass(frozen=True)
class Change:
    """One published cell that differs between two versions (``None``: the cell is new or gone)."""

    table: str
    row: str
    scope: str
    column: int
    before: object
    after: object


def _cells(release: Release) -> dict[tuple[str, str, str, int], object]:
    cells = {}
    for table in release.snapshot.get("tables", []):
        for row in table["rows"]:
            for scope, values in row["cells"].items():
                for column, value in enumerate(values):
                    cells[(table["key"], row["key"], scope, column)] = value
    return cells


def release_diff(*, older: Release, newer: Release) -> list[Change]:
    """Every published cell whose value (or suppression) differs between two releases of a year, in the order
    of ``newer``'s tables. The list of published assessments is left out: it grows with every version."""
    before, after = _cells(older), _cells(newer)
    keys = [key for key in after if key[0] != "published_assessments"]
    keys += [key for key in before if key not in after and key[0] != "published_assessments"]
    return [Change(*key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]
