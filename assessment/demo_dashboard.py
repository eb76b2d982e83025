"""The demo district's published release (``seed_demo``, DEMO_MODE only): the current school year's figures as
they stand, so the public dashboard and the annual report show real-looking numbers and suppressed cells."""

from django.utils import timezone

from accounts.demo import DEMO_DISTRICT_SLUG
from accounts.models import District
from assessment.models import Release
from assessment.services.releases import dashboard_cache_clear, release_publish
from core.schoolyear import school_year_of

SUMMARY_EN = (
    "The district and the police department met most of the goals of the memorandum of understanding this year.\n\n"
    "Complaints were reviewed within the deadlines more often than last year; training hours still fall short for "
    "some officers, and the advisory team asked for more student dialogue sessions at the middle schools."
)
SUMMARY_ES = (
    "El distrito y el departamento de policía cumplieron este año la mayoría de las metas del memorando de "
    "entendimiento.\n\nLas quejas se revisaron dentro de los plazos más a menudo que el año pasado; a algunos "
    "agentes todavía les faltan horas de capacitación, y el equipo asesor pidió más sesiones de diálogo con "
    "estudiantes en las escuelas intermedias."
)


def demo_release_create() -> Release | None:
    """Publishes the demo district's current school year once (None when it already has a release).
    Raises District.DoesNotExist without the demo district."""
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    year = school_year_of(timezone.localdate())
    if Release.objects.filter(district=district, school_year=year).exists():
        return None
    assessment = {"summary_en": SUMMARY_EN, "summary_es": SUMMARY_ES, "summary": SUMMARY_EN, "demo": True}
    return release_publish(district=district, school_year=year, assessment=assessment, by=None)


def demo_releases_purge() -> int:
    """Deletes the demo district's releases (frozen rows: deleted as a queryset, for the demo only)."""
    deleted, _detail = Release.objects.filter(district__slug=DEMO_DISTRICT_SLUG).delete()
    dashboard_cache_clear()
    return deleted
