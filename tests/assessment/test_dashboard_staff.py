"""Staff pages of the releases: the district's coordinator lists them and sees what a correction changed."""

import pytest
from django.urls import reverse

from assessment.services.releases import release_publish
from core.models import AuditEvent, AuditKind
from tests.assessment.builders_dashboard import complaints
from tests.factories import member


def test_the_coordinator_sees_the_releases_and_what_the_correction_changed(client, world):
    coordinator = member("coordinator", district=world.a)
    complaints(world.a_school, 12)
    release_publish(district=world.a, school_year=2026, assessment={}, by=coordinator)
    complaints(world.a_school, 11)
    newer = release_publish(district=world.a, school_year=2026, assessment={}, by=coordinator)
    release_publish(district=world.b, school_year=2026, assessment={}, by=None)
    client.force_login(coordinator)
    listing = client.get(reverse("staff:assessment:releases")).content.decode()
    assert listing.count("District A") == 2 and "District B" not in listing
    page = client.get(reverse("staff:assessment:release", args=[newer.pk])).content.decode()
    assert "Figures that differ between version 1 and version 2" in page
    assert "<td>12</td><td>23</td>" in page
    assert AuditEvent.objects.filter(kind=AuditKind.RELEASES_VIEWED, actor=coordinator).count() == 2


def test_another_districts_release_is_not_found(client, world):
    other = release_publish(district=world.b, school_year=2026, assessment={}, by=None)
    client.force_login(member("coordinator", district=world.a))
    assert client.get(reverse("staff:assessment:release", args=[other.pk])).status_code == 404


def test_the_release_list_is_filtered_by_school_year_and_bad_input_is_explained(client, world):
    release_publish(district=world.a, school_year=2025, assessment={}, by=None)
    release_publish(district=world.a, school_year=2026, assessment={}, by=None)
    client.force_login(member("superintendent", district=world.a))
    page = client.get(reverse("staff:assessment:releases"), {"school_year": "2025"}).content.decode()
    assert "2025–2026" in page and "2026–2027" not in page
    bad = client.get(reverse("staff:assessment:releases"), {"school_year": "soon"})
    assert bad.status_code == 200 and 'class="errorlist"' in bad.content.decode()


@pytest.mark.parametrize(
    ("role", "where", "may_read"),
    [
        ("coordinator", "district", True),
        ("superintendent", "district", True),
        ("advisory", "district", False),
        ("school_admin", "school", False),
        ("police_reviewer", "agency", False),
        ("sro", "agency", False),
    ],
)
def test_the_assessment_page_links_the_releases_only_for_those_who_may_open_them(client, world, role, where, may_read):
    org = {
        "district": {"district": world.a},
        "school": {"school": world.a_school},
        "agency": {"agency": world.a_agency},
    }
    client.force_login(member(role, **org[where]))
    releases = reverse("staff:assessment:releases")
    index = client.get(reverse("staff:assessment:index"))
    assert index.status_code == 200
    assert (f'href="{releases}"' in index.content.decode()) is may_read
    assert client.get(releases).status_code == (200 if may_read else 404)
