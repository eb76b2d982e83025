"""The dashboard, its CSV files and the annual report as a Spanish (or English) reader and the district's clock
expect them: counted phrases in the singular for one, decimal commas in Spanish text, machine-readable numbers in
the CSV's number columns, and the district's local date for a release published late in the evening."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from assessment.models import Release
from assessment.services.releases import release_publish
from assessment.services.report_pdf import report_html
from assessment.views.dashboard_cache import local_forget

URL = reverse("assessment:dashboard")


@pytest.fixture(autouse=True)
def _empty_cache(db, settings):
    settings.TIME_ZONE = "America/Chicago"
    cache.clear()
    local_forget()
    yield
    translation.deactivate()  # a Spanish request leaves Spanish active in this thread for the next test


def _published_at_2_04_utc(world, monkeypatch) -> Release:
    # 02:04 UTC on 28 November is 20:04 on 27 November in Chicago.
    evening = datetime.datetime(2026, 11, 28, 2, 4, tzinfo=datetime.UTC)
    with monkeypatch.context() as clock:
        clock.setattr(timezone, "now", lambda: evening)
        return release_publish(district=world.a, school_year=2026, assessment={}, by=None)


def test_a_release_published_in_the_evening_shows_the_local_date_in_the_header_and_the_table(
    client, world, monkeypatch
):
    release = _published_at_2_04_utc(world, monkeypatch)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "publicada el 27 de noviembre de 2026" in page
    assert "<td>2026-11-27</td>" in page and "2026-11-28" not in page
    url = reverse("assessment:dashboard_csv", args=[release.pk, "published_assessments"])
    assert '"2026-11-27"' in client.get(url).content.decode("utf-8-sig")
    report = report_html(release=release, language="en")
    assert "published Nov. 27, 2026" in report and "<td>2026-11-27</td>" in report and "2026-11-28" not in report
