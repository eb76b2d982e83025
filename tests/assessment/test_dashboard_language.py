"""The dashboard, its CSV files and the annual report as a Spanish (or English) reader and the district's clock
expect them: counted phrases in the singular for one, decimal commas in Spanish text, machine-readable numbers in
the CSV's number columns, and the district's local date for a release published late in the evening."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from assessment.models import AnnualProcess, Release
from assessment.services import annual as services
from assessment.services.releases import release_publish
from assessment.services.report_pdf import report_html
from assessment.views.dashboard_cache import local_forget
from tests.assessment.annual_world import AnnualWorld
from tests.assessment.builders_dashboard import complaints

URL = reverse("assessment:dashboard")


@pytest.fixture(autouse=True)
def _empty_cache(db, settings):
    settings.TIME_ZONE = "America/Chicago"
    cache.clear()
    local_forget()


def _publish_with_one_recommendation_and_one_dissent() -> Release:
    w = AnnualWorld()
    assessment = w.open()
    for step, user, score in (("district_score", w.coordinator, 3), ("agency_score", w.agency_head, 2)):
        services.annual_scores_submit(task=w.task(assessment, step), user=user, scores=w.scores(assessment, score))
    services.annual_reconcile(task=w.task(assessment, "reconcile"), user=w.coordinator, agreed=w.scores(assessment))
    services.annual_note_add(assessment=assessment, user=w.advisory, kind="recommendation", body="Publish more.")
    services.annual_sign_off(assessment=assessment, user=w.advisory, agrees=True)
    services.annual_sign_off(assessment=assessment, user=w.advisory_two, agrees=False, reason="Too few hours.")
    services.annual_approve(task=w.task(assessment, "superintendent_approval"), user=w.superintendent, note="")
    services.annual_approve(task=w.task(assessment, "agency_approval"), user=w.agency_head, note="")
    return Release.objects.get(pk=AnnualProcess.objects.get(pk=assessment.pk).release_id)


def test_the_spanish_dashboard_says_one_recommendation_and_one_dissent_in_the_singular(client, db):
    release = _publish_with_one_recommendation_and_one_dissent()
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "12 criterios calificados, calificación acordada de 3,0 sobre 4 en promedio" in page
    assert "1 recomendación; 1 desacuerdo." in page
    assert "1 recomendaciones" not in page and "3.0 sobre" not in page
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "agreed score 3.0 of 4 on average; 1 recommendation; 1 dissent." in english
    url = reverse("assessment:dashboard_csv", args=[release.pk, "published_assessments"])
    spanish_csv = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode("utf-8-sig")
    assert "3,0 sobre 4 en promedio; 1 recomendación; 1 desacuerdo." in spanish_csv  # a text column


@pytest.fixture
def shares(world):
    """15 complaints and concerns about each of the district's two schools: half of them each."""
    complaints(world.a_school, 12, categories=("search",))
    complaints(world.a_school, 3, kind="concern")
    complaints(world.a_other_school, 15, categories=("search",))
    return release_publish(district=world.a, school_year=2026, assessment={}, by=None)


def test_the_spanish_chart_summary_writes_decimals_with_a_comma(client, shares):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "el más alto es A High (50,0\u00a0%)" in page and "50.0" not in page
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "highest A High (50.0%)" in english


def test_the_spanish_annual_report_writes_decimals_with_a_comma(shares):
    html = report_html(release=shares, language="es")
    assert "(50,0\u00a0%)" in html and "50.0" not in html


@pytest.fixture
def median_two_and_a_half(world):
    """20 complaints filed on a Monday, half closed two school days later and half three: a median of 2.5."""
    complaints(world.a_school, 10, categories=("search",), closed=datetime.date(2026, 9, 16))
    complaints(world.a_other_school, 10, categories=("search",), closed=datetime.date(2026, 9, 17))
    return release_publish(district=world.a, school_year=2026, assessment={}, by=None)


def test_the_spanish_csv_keeps_machine_readable_dot_decimals_in_its_number_columns(client, median_two_and_a_half):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<td>2,5</td>" in page  # the page is for people
    url = reverse("assessment:dashboard_csv", args=[median_two_and_a_half.pk, "complaint_timeliness"])
    text = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode("utf-8-sig")
    assert '"Distrito","Mediana de días lectivos hasta el cierre","2.5"' in text
    assert "2,5" not in text


@pytest.fixture
def half_on_time(world):
    """20 complaints, 10 about each school: A High's closed two school days after filing, the other's in late January
    (past the 45 school days allowed), so half of them (50.0 %) were closed on time and each school has half of them."""
    complaints(world.a_school, 10, categories=("search",), closed=datetime.date(2026, 9, 16))
    complaints(world.a_other_school, 10, categories=("search",), closed=datetime.date(2027, 1, 29))
    return release_publish(district=world.a, school_year=2026, assessment={}, by=None)


def test_the_dashboard_s_tables_write_a_percentage_as_its_chart_summaries_do_in_spanish_and_english(
    client, half_on_time
):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "el más alto es A High (50,0\u00a0%)" in page  # a chart summary
    assert "<td>50,0\u00a0%</td>" in page  # the share closed on time, in the table
    assert "50,0%" not in page and "<td>50,0</td>" not in page
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "highest A High (50.0%)" in english and "<td>50.0%</td>" in english
    url = reverse("assessment:dashboard_csv", args=[half_on_time.pk, "complaint_timeliness"])
    text = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode("utf-8-sig")
    assert '"Distrito","Cerradas a tiempo (%)","50.0"' in text  # open data keeps the bare number


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
