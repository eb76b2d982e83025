"""Publishing a release: the frozen snapshot every public number of a school year is read from.

``release_publish`` is called by the annual assessment when the superintendent and the agency head have approved it
(and again for each correction: a new version). The snapshot holds every table of ``assessment.figures``, computed
now, suppressed against the district's threshold and against the previous version of the same school year, so a
cell published once never becomes derivable by comparing versions. Publishing empties the dashboard's cache.
"""

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


def latest_release(*, district, school_year: int) -> Release | None:
    return Release.objects.filter(district=district, school_year=school_year).order_by("-version").first()


def snapshot_compute(*, district, school_year: int, previous: Release | None = None, publishing=None) -> dict:
    """The snapshot a release of ``school_year`` would publish now (``previous``: the year's latest release;
    ``publishing``: the version, time and assessment of the release being published, listed with the others)."""
    first, last = school_year_bounds(school_year)
    schools = list(district.schools.order_by("name", "pk"))
    earlier = {table["key"]: table for table in (previous.snapshot.get("tables", []) if previous else [])}
    ctx = FigureContext(
        district=district,
        school_year=school_year,
        threshold=district.suppression_threshold,
        schools=schools,
        first=first,
        last=last,
        previous=earlier,
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
    previous = latest_release(district=district, school_year=school_year)
    publishing = {
        "school_year": school_year,
        "version": (previous.version + 1) if previous else 1,
        "published_at": timezone.now(),
        "assessment": dict(assessment),
    }
    snapshot = snapshot_compute(district=district, school_year=school_year, previous=previous, publishing=publishing)
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
