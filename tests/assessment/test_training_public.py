"""The public training page and the public "you said, we did" page: no sign-in, English and Spanish, no attendee
named, officers' counts only through suppression, drafts never shown."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from assessment.figures.base import ALL, SUPPRESSED, TOTAL
from assessment.models import CommitmentStatus, CommitmentUpdate, SourceKind
from assessment.services.releases import release_publish
from tests.assessment.test_commitments import entry
from tests.assessment.training_builders import attend, event, require
from tests.factories import RosterAssignmentFactory, member

pytestmark = pytest.mark.django_db
TRAINING = reverse("assessment:training")
COMMITMENTS = reverse("assessment:commitments")


@pytest.fixture
def trained(world):
    """District A in 2025–26: 12 SROs rostered, 11 at the summit; one more event scheduled far ahead."""
    officers = [world.a_roster.officer]
    officers += [
        RosterAssignmentFactory(officer__agency=world.a_agency, school=world.a_school).officer for _ in range(11)
    ]
    summit = event(world.a, "2025-08-12", "6", "de-escalation", title="August summit", title_es="Cumbre de agosto")
    for officer in officers[:11]:
        attend(summit, officer=officer)
    small = event(world.a, "2026-01-15", "3", "mou-roles", title="Guidance")
    attend(small, officer=officers[0])
    attend(small, user=member(Role.SCHOOL_ADMIN, school=world.a_school, full_name="Pat Principal"))
    event(world.a, "2026-07-30", "2", "implicit-bias", title="Summer refresher")
    require(world.a, "6")
    return officers


def test_anyone_reads_the_training_held_with_the_officers_count(client, world, trained):
    response = client.get(TRAINING + f"?district={world.a.pk}&school_year=2025")
    assert response.status_code == 200
    held = {public.event.title_en: public.officers for public in response.context["held"]}
    assert held["August summit"].value == 11
    # One officer at the guidance session: fewer than the threshold, not shown.
    assert held["Guidance"].suppressed and held["Guidance"].value is None


def test_no_attendee_is_named(client, world, trained):
    body = client.get(TRAINING + f"?district={world.a.pk}&school_year=2025").content.decode()
    assert "Pat Principal" not in body
    assert trained[0].full_name not in body


def test_met_and_not_met_are_both_hidden_when_one_is_small(client, world, trained):
    summary = client.get(TRAINING + f"?district={world.a.pk}&school_year=2025").context["summary"]
    # 12 SROs: 11 with 6 hours or more, 1 without; 1 is small, and 11 would give it away (12 - 11).
    assert summary.sros.value == 12
    assert summary.sros_compliant.suppressed and summary.sros_not_compliant.suppressed


def test_the_page_reads_in_spanish(client, world, trained):
    response = client.get(TRAINING + f"?district={world.a.pk}&school_year=2025", HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert "Cumbre de agosto" in body
    assert "Capacitación de los agentes de recursos escolares" in body


def test_a_future_event_is_listed_as_scheduled(client, world, trained):
    event(world.a, (timezone.localdate() + datetime.timedelta(days=40)).isoformat(), "2", "de-escalation", title="Soon")
    response = client.get(TRAINING)
    assert [public.event.title_en for public in response.context["scheduled"]] == ["Soon"]


def test_published_commitments_are_listed_by_status_with_their_timeline(client, world):
    done = entry(world.a, published=True, status=CommitmentStatus.DONE, concern_en="Spanish complaint form")
    entry(world.a, published=True, status=CommitmentStatus.IN_PROGRESS, concern_en="Posters")
    entry(world.a, published=False, concern_en="A draft nobody sees")
    CommitmentUpdate.objects.create(commitment=done, date=datetime.date(2026, 10, 1), text_en="Form translated.")
    response = client.get(COMMITMENTS)
    groups = [(status, [c.concern_en for c in items]) for status, _label, items in response.context["groups"]]
    assert groups == [("in_progress", ["Posters"]), ("done", ["Spanish complaint form"])]
    body = response.content.decode()
    assert "Form translated." in body and 'datetime="2026-10-01"' in body
    assert "A draft nobody sees" not in body


def test_commitments_filter_by_school_year(client, world):
    entry(world.a, published=True, school_year=2025, concern_en="Last year")
    entry(world.a, published=True, school_year=2026, concern_en="This year")
    response = client.get(COMMITMENTS + "?school_year=2025")
    assert [c.concern_en for _s, _l, items in response.context["groups"] for c in items] == ["Last year"]


def test_commitments_read_in_spanish(client, world):
    entry(world.a, published=True, concern_en="Posters", concern_es="Carteles", action_es="Carteles en cada escuela.")
    body = client.get(COMMITMENTS, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Carteles en cada escuela." in body
    assert "Lo que dijeron, lo que hicimos" in body


def test_the_spanish_page_names_sources_and_owners_in_spanish(client, world):
    from feedback.models import Theme

    theme = Theme.objects.create(name_en="Complaint process", name_es="Proceso de quejas")
    entry(world.a, published=True, concern_en="Survey", owner_en="Principals", owner_es="Las direcciones escolares")
    entry(world.a, published=True, concern_en="Bias", source_kind=SourceKind.COMPLAINT_CATEGORY, source_ref="bias")
    entry(world.a, published=True, concern_en="Theme", source_kind=SourceKind.SESSION_THEME, source_ref=str(theme.pk))
    entry(
        world.a,
        published=True,
        concern_en="Advice",
        source_kind=SourceKind.ADVISORY,
        source_ref="2026-R3",
        source_label_en="Advisory team, recommendation 3",
        source_label_es="Equipo asesor, recomendación 3",
    )
    spanish = html.unescape(client.get(COMMITMENTS, HTTP_ACCEPT_LANGUAGE="es").content.decode())
    assert "Pregunta de encuesta: Sé cómo presentar una queja sobre el SRO." in spanish
    assert "Motivo de queja: Discriminación o prejuicio" in spanish
    assert "Tema de una sesión de diálogo: Proceso de quejas" in spanish
    assert "Recomendación del equipo asesor: Equipo asesor, recomendación 3" in spanish
    assert "<dd>Las direcciones escolares</dd>" in spanish
    assert "Students who know how to make a complaint" not in spanish and "Advisory team" not in spanish
    english = html.unescape(client.get(COMMITMENTS, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "Survey question: I know how to make a complaint about the SRO." in english
    assert "Complaint concern: Discrimination or bias" in english and "<dd>Principals</dd>" in english


def test_the_public_commitments_page_takes_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    for n in range(3):
        done = entry(world.a, published=True, concern_en=f"C{n}")
        CommitmentUpdate.objects.create(commitment=done, date=datetime.date(2026, 10, 1), text_en="x")
    with django_assert_num_queries(5):
        client.get(COMMITMENTS)
    entry(world.b, published=True)
    with django_assert_num_queries(5):
        client.get(COMMITMENTS)


def test_signed_in_staff_see_the_same_public_page(client, world, trained):
    client.force_login(member(Role.COORDINATOR, district=world.a))
    response = client.get(TRAINING + f"?district={world.a.pk}&school_year=2025")
    assert response.status_code == 200 and response.context["summary"].events_held == 3


def test_the_year_chooser_starts_on_the_year_shown(client, world):
    from core.schoolyear import school_year_label, school_year_of

    body = client.get(TRAINING).content.decode()
    this_year = school_year_of(timezone.localdate())
    assert f'<option value="{this_year}" selected>{school_year_label(this_year)}</option>' in body


def test_the_public_training_page_takes_a_fixed_number_of_queries(client, world, trained, django_assert_num_queries):
    url = TRAINING + f"?district={world.a.pk}&school_year=2025"
    client.get(url)
    # 13: the year's latest release is read once, for what it showed and hid of the SROs' counts.
    with django_assert_num_queries(13):
        client.get(url)
    more = event(world.a, "2025-09-09", "1", "implicit-bias", "mental-health", title="More")
    attend(more, officer=trained[1])
    with django_assert_num_queries(13):
        client.get(url)


def test_the_open_data_csv_has_the_pages_rows_and_no_names(client, world, trained):
    import csv
    import io

    response = client.get(reverse("assessment:training_csv") + f"?district={world.a.pk}&school_year=2025")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "Officers attending"
    by_title = {row[2]: row for row in rows[1:]}
    assert by_title["August summit"][3:] == ["6.00", "de-escalation", "sro", "No", "Yes", "11"]
    assert by_title["Guidance"][-1] == "suppressed"
    assert trained[0].full_name not in response.content.decode("utf-8-sig")


def test_the_training_page_does_not_let_the_sros_short_of_hours_be_derived_from_the_dashboard_release(client, world):
    # 25 SROs in 2025–26 (the world's own and 24 more): 15 with the 6 hours, 10 without.
    officers = [world.a_roster.officer]
    officers += [
        RosterAssignmentFactory(officer__agency=world.a_agency, school=world.a_school).officer for _ in range(24)
    ]
    summit = event(world.a, "2025-08-12", "6", "de-escalation", title="August summit")
    for officer in officers[:15]:
        attend(summit, officer=officer)
    require(world.a, "6")
    coordinator = member(Role.COORDINATOR, district=world.a)
    release_publish(district=world.a, school_year=2025, assessment={}, by=coordinator)
    # A correction: one SRO without the hours was never rostered. 24 SROs, 15 met, 9 did not.
    officers[-1].assignments.all().delete()
    second = release_publish(district=world.a, school_year=2025, assessment={}, by=coordinator)
    table = next(t for t in second.snapshot["tables"] if t["key"] == "training_completed")
    cells = {row["key"]: row["cells"][ALL][0] for row in table["rows"]}
    # The release shows the 15 everyone saw before and hides the new total, so that 9 cannot be worked out.
    assert (cells["met"], cells["not_met"], cells[TOTAL]) == (15, SUPPRESSED, SUPPRESSED)
    summary = client.get(TRAINING + f"?district={world.a.pk}&school_year=2025").context["summary"]
    assert summary.sros_not_compliant.suppressed
    # The page may not show the total beside the release's 15 met: 24 - 15 = 9.
    assert summary.sros.suppressed


def test_a_count_hidden_only_to_protect_another_is_not_called_fewer_than_the_threshold(client, world, trained):
    body = client.get(TRAINING + f"?district={world.a.pk}&school_year=2025").content.decode()
    summary = body[body.index('<dl class="figures">') : body.index("</dl>")]
    # 11 met and 1 did not: both are hidden, but only one of them is fewer than 10, and the page may not say which.
    assert "fewer than 10" not in summary
    assert summary.count("suppressed") == 2
