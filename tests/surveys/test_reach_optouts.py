"""Parents' opt-outs (PPRA): the public form and the staff list."""

import pytest
from django.urls import reverse

from accounts.models import Role
from core.models import AuditEvent, AuditKind
from surveys.models import OptOut
from tests.factories import member
from tests.surveys.builders import build_survey

pytestmark = pytest.mark.django_db


def _url(district):
    return reverse("surveys:reach_opt_out", kwargs={"district_slug": district.slug})


def _form(world, **changes):
    data = {
        "school": world.a_school.pk,
        "survey": "",
        "student_name": "Ana Ruiz",
        "student_email": "Ana.Ruiz@students.example.org",
        "classroom": "Room 12",
        "guardian_name": "Rosa Ruiz",
        "guardian_contact": "rosa@example.org",
        "website": "",
    }
    return data | changes


def test_a_parent_opts_their_child_out_without_an_account_and_sees_a_confirmation(client, world, climate):
    assert _url(world.a) == f"/surveys/opt-out/{world.a.slug}/"
    page = client.get(_url(world.a)).content.decode()
    assert "Protection of Pupil Rights Amendment" in page and "Este formulario también está en español" in page
    assert world.a_school.name in page and world.b_school.name not in page
    response = client.post(_url(world.a), _form(world, survey=climate.pk), follow=True)
    assert "Opt-out received" in response.content.decode()
    opt_out = OptOut.objects.get()
    assert (opt_out.district, opt_out.school, opt_out.survey, opt_out.student_email) == (
        world.a,
        world.a_school,
        climate,
        "ana.ruiz@students.example.org",
    )
    event = AuditEvent.objects.get(kind=AuditKind.SURVEY_OPT_OUT_RECEIVED)
    assert event.district_id == world.a.pk and "Ana" not in event.object_repr + event.note


def test_the_form_in_spanish_keeps_what_was_typed_and_shows_errors_next_to_fields(client, world):
    client.cookies["django_language"] = "es"
    response = client.post(
        _url(world.a), _form(world, school=world.b_school.pk, guardian_name="", student_email="nope")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="errorlist"') == 3
    assert "Ana Ruiz" in page
    assert "Este campo es obligatorio." in page
    assert 'role="alert"' in page and "Corrija los puntos marcados abajo." in page  # announced, at the top
    assert not OptOut.objects.exists()


@pytest.mark.parametrize("contact", ["zzz", "rosa@", "12 34"])
def test_a_parents_contact_that_is_no_email_address_nor_phone_number_is_refused_next_to_it(client, world, contact):
    client.cookies["django_language"] = "es"
    page = client.post(_url(world.a), _form(world, guardian_contact=contact)).content.decode()
    assert "Escriba un correo electrónico o un número de teléfono" in page
    assert f'value="{contact}"' in page
    assert not OptOut.objects.exists()


@pytest.mark.parametrize("contact", ["rosa@example.org", "(555) 010-1234", "+1 555 010 1234"])
def test_a_parents_email_address_or_phone_number_is_accepted(client, world, contact):
    assert client.post(_url(world.a), _form(world, guardian_contact=contact)).status_code == 302
    assert OptOut.objects.get().guardian_contact == contact


def test_a_bot_filling_the_hidden_field_is_thanked_and_nothing_is_stored(client, world):
    response = client.post(_url(world.a), _form(world, website="http://spam.example"))
    assert response.status_code == 302
    assert not OptOut.objects.exists()


def test_too_many_forms_from_one_connection_are_refused_for_an_hour(client, world, settings):
    from surveys.views import reach_optouts

    limit = reach_optouts.OPT_OUTS_PER_HOUR
    for n in range(limit):
        client.post(_url(world.a), _form(world, student_name=f"Child {n}"))
    response = client.post(_url(world.a), _form(world, student_name="One more"))
    assert response.status_code == 429
    assert "Too many forms were sent from this connection" in response.content.decode()
    assert OptOut.objects.count() == limit


def test_an_unknown_district_has_no_form(client):
    assert client.get("/surveys/opt-out/no-such-district/").status_code == 404


def test_the_coordinator_lists_opt_outs_by_school_and_the_viewing_is_audited(
    client, world, climate, django_assert_max_num_queries
):
    other_survey = build_survey(world.a, [world.a_school])
    for n, (school, survey) in enumerate(
        [(world.a_school, None), (world.a_other_school, climate), (world.a_school, other_survey)]
    ):
        OptOut.objects.create(
            district=world.a,
            school=school,
            survey=survey,
            student_name=f"Student {n}",
            guardian_name="P",
            guardian_contact="p@example.org",
        )
    coordinator = member(Role.COORDINATOR, district=world.a)
    client.force_login(coordinator)
    url = reverse("staff:surveys:reach_opt_outs", kwargs={"pk": climate.pk})
    page = client.get(url).content.decode()
    assert "Student 0" in page and "Student 1" in page and "Student 2" not in page
    filtered = client.get(url, {"school": world.a_other_school.pk}).content.decode()
    assert "Student 1" in filtered and "Student 0" not in filtered
    events = AuditEvent.objects.filter(kind=AuditKind.SURVEY_OPT_OUTS_VIEWED, actor=coordinator)
    assert events.count() == 2 and events.filter(note=world.a_other_school.name).exists()
    for n in range(3, 30):
        OptOut.objects.create(
            district=world.a, school=world.a_school, student_name=f"S{n}", guardian_name="P", guardian_contact="p"
        )
    with django_assert_max_num_queries(14):
        client.get(url)


def test_the_form_offers_only_this_years_student_surveys_of_the_district(client, world, climate):
    import datetime

    build_survey(world.a, [world.a_school], title_en="Staff only", groups=["staff"])
    build_survey(
        world.a,
        [world.a_school],
        title_en="Last year",
        opens_on=datetime.date(2025, 1, 5),
        closes_on=datetime.date(2025, 2, 5),
    )
    build_survey(world.a, [world.a_school], title_en="Not published", published=False)
    build_survey(world.b, [world.b_school], title_en="Other district")
    page = client.get(_url(world.a)).content.decode()
    assert f'<option value="{climate.pk}">Climate survey</option>' in page
    for title in ("Staff only", "Last year", "Not published", "Other district"):
        assert title not in page
