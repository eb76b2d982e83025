"""The public dashboard: anonymous readers in English and Spanish, filters, open data, methodology, corrections."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from assessment.services.releases import release_publish
from assessment.views.dashboard_cache import local_forget
from tests.assessment.builders_dashboard import complaints
from tests.factories import member

URL = reverse("assessment:dashboard")


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()
    local_forget()


@pytest.fixture
def published(world):
    complaints(world.a_school, 12, categories=("search",))
    complaints(world.a_school, 3, kind="concern")
    complaints(world.a_other_school, 15, categories=("search",))
    coordinator = member("coordinator", district=world.a)
    return release_publish(
        district=world.a,
        school_year=2026,
        assessment={"summary": "We met.", "summary_es": "Cumplimos."},
        by=coordinator,
    )


def test_anyone_reads_the_published_figures_without_signing_in(client, published):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Complaints received" in page
    assert "<td>30</td>" in page  # the district's complaints
    assert "suppressed" in page  # A High's 3 concerns
    assert '<meta name="description"' in page
    assert "noindex" not in page and "noindex" not in response.get("X-Robots-Tag", "")
    assert "<svg" in page
    assert "We met." in page and "Cumplimos." not in page


def test_the_dashboard_reads_in_spanish(client, published):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Quejas recibidas" in page
    assert "suprimido" in page
    assert 'lang="es"' in page
    assert "Cumplimos." in page and "We met." not in page  # the published assessment's headline


def test_choosing_a_school_shows_its_own_figures(client, published, world):
    page = client.get(URL, {"school": world.a_other_school.pk}).content.decode()
    assert "A Middle, school year 2026–27" in page
    assert "<td>15</td>" in page


def test_a_choice_that_does_not_exist_is_explained_next_to_the_field(client, published):
    response = client.get(URL, {"school_year": "1999", "school": "nope"})
    assert response.status_code == 200
    assert response.content.decode().count('class="errorlist"') == 2
    assert "Select a valid choice" in response.content.decode()


def test_before_anything_is_published_the_page_says_so(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Nothing has been published yet" in response.content.decode()


def test_a_new_version_replaces_the_cached_page(client, published, world, django_capture_on_commit_callbacks):
    assert "<td>30</td>" in client.get(URL).content.decode()
    complaints(world.a_other_school, 10)
    with django_capture_on_commit_callbacks(execute=True):
        release_publish(district=world.a, school_year=2026, assessment={}, by=None)
    page = client.get(URL).content.decode()
    assert "<td>40</td>" in page
    assert "What changed in this version" in page


def test_a_cached_page_costs_a_few_queries(client, published, django_assert_max_num_queries):
    client.get(URL)
    with django_assert_max_num_queries(1):  # the publication generation; the rest is in this process's memory
        assert client.get(URL).status_code == 200


def test_every_table_downloads_as_open_data(client, published, world):
    url = reverse("assessment:dashboard_csv", args=[published.pk, "complaints_received"])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert '"School","Row","Received"' in text
    assert '"District","All received","30"' in text
    assert '"A High","A general concern or suggestion about the program","suppressed"' in text
    assert client.get(reverse("assessment:dashboard_csv", args=[published.pk, "nothing"])).status_code == 404


def test_the_methodology_page_describes_every_table(client, published):
    page = client.get(reverse("assessment:dashboard_methodology")).content.decode()
    for table in published.snapshot["tables"]:
        assert escape(table["title"]["en"]) in page
    assert "fewer than 10 people" in page
    assert "The middle value of the school days" in page


def test_a_correction_lists_what_changed(client, published, world):
    complaints(world.a_other_school, 10)
    newer = release_publish(district=world.a, school_year=2026, assessment={}, by=None)
    page = client.get(reverse("assessment:dashboard_changes", args=[newer.pk])).content.decode()
    assert "Figures that differ between version 1 and version 2" in page
    assert "<td>30</td><td>40</td>" in page
    first = client.get(reverse("assessment:dashboard_changes", args=[published.pk])).content.decode()
    assert "nothing to compare" in first
