"""A coordinator reaches people for a survey, and a parent opts a child out, in a real browser."""

from accounts.models import Role
from surveys.models import ClassCode, Invitation, OptOut, Response
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import member
from tests.surveys.builders import build_survey


def test_a_coordinator_uses_every_reach_page_by_keyboard_friendly_forms_and_axe_finds_nothing(
    page, sign_in_staff, world, tmp_path
):
    survey = build_survey(world.a, [world.a_school, world.a_other_school])
    OptOut.objects.create(
        district=world.a,
        school=world.a_school,
        student_name="Ana Ruiz",
        classroom="Room 12",
        guardian_name="Rosa",
        guardian_contact="rosa@example.org",
    )
    sign_in_staff(member(Role.COORDINATOR, district=world.a, mfa=True))
    base = f"/staff/surveys/{survey.pk}/reach/"

    page.goto(base)
    assert page.get_by_role("heading", name="Reaching people").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Open links and posters").click()
    assert page.locator("svg.qr").count() == 2
    assert_accessible(page)
    page.get_by_role("link", name=f"Poster for {world.a_school.name}").click()
    assert page.get_by_role("heading", name="Díganos cómo se siente la escuela").is_visible()
    assert_accessible(page)
    page.emulate_media(media="print")  # printed: the poster alone, no menus
    assert not page.locator(".staff-nav").is_visible() and not page.locator(".site-header").is_visible()
    assert page.locator("svg.qr").is_visible()
    page.emulate_media(media="screen")
    screenshot(page, "survey-reach-poster")

    page.goto(base + "invitations/")
    bad = tmp_path / "people.csv"
    bad.write_text(f"email,school,group,language\nnope,{world.a_school.slug},guardian,en\n")
    page.get_by_label("CSV file of people to invite").set_input_files(str(bad))
    page.get_by_role("button", name="Send invitations").click()
    assert page.locator("#id_file_error").get_by_text("Line 2:").is_visible()
    assert_accessible(page)
    good = tmp_path / "good.csv"
    good.write_text(f"email,school,group,language\nparent@example.org,{world.a_school.slug},guardian,es\n")
    page.get_by_label("CSV file of people to invite").set_input_files(str(good))
    page.get_by_role("button", name="Send invitations").click()
    page.wait_for_url(f"**{base}")
    assert page.get_by_text("1 invitations sent.").is_visible()
    assert Invitation.objects.filter(email="parent@example.org").exists()

    page.goto(base + "codes/")
    assert page.get_by_role("rowheader", name="Ana Ruiz").is_visible()
    assert_accessible(page)
    page.get_by_label("School").select_option(str(world.a_school.pk))
    page.get_by_label("Grade or classroom").fill("Room 12")
    page.get_by_label("How many students").fill("4")
    page.get_by_role("button", name="Make the codes").click()
    assert page.locator(".slip").count() == 3
    assert_accessible(page)
    screenshot(page, "survey-reach-code-slips")

    page.goto(base + "class-codes/")
    page.get_by_label("School").select_option(str(world.a_school.pk))
    page.locator("#id_label").fill("Room 12, period 3")
    page.get_by_role("button", name="Make a class code").click()
    code = ClassCode.objects.get().code
    assert page.locator(".board__code").inner_text() == code
    assert_accessible(page)
    screenshot(page, "survey-reach-class-board")

    page.goto(base + "opt-outs/")
    assert page.get_by_role("rowheader", name="Ana Ruiz").is_visible()
    assert_accessible(page)

    page.goto(base + "paper/")
    assert page.locator(".paper-question").count() == survey.questions.count()
    assert_accessible(page)
    page.goto(base + "paper/entry/")
    assert_accessible(page)
    page.locator("#id_paper-school").select_option(str(world.a_school.pk))
    page.get_by_label("Respondent group").select_option("student")
    page.get_by_label("Language the form was filled in").select_option("en")
    page.get_by_role("group", name="Do you know how to make a complaint about the SRO?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save this paper form").click()
    assert page.get_by_text("The paper form was saved.").is_visible()
    assert Response.objects.filter(source="paper").count() == 1

    page.get_by_role("link", name="Response rates").click()
    assert page.get_by_role("rowheader", name="Paper form entered by staff").is_visible()
    assert_accessible(page)
    screenshot(page, "survey-reach-rates")


def test_a_parent_opts_a_child_out_in_spanish_with_errors_next_to_the_fields(page, live_server, world):
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto(f"/surveys/opt-out/{world.a.slug}/")
    assert page.get_by_role("heading", name="Excluir a su hijo o hija de las encuestas estudiantiles").is_visible()
    assert_accessible(page)
    page.get_by_label("Nombre del estudiante").fill("Ana Ruiz")
    page.get_by_role("button", name="Enviar la exclusión").click()
    assert page.locator(".field--error").count() >= 2
    assert page.get_by_label("Nombre del estudiante").input_value() == "Ana Ruiz"
    assert_accessible(page)
    screenshot(page, "survey-opt-out-errors")
