"""A coordinator builds a survey through the staff pages: settings, pages,
questions from the bank and their own, editing and moving. Every change is
in the audit log."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from core.models import AuditEvent, AuditKind
from surveys.models import Item, Page, Question, Survey
from tests.factories import member
from tests.surveys.matrix_builder import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_bank(db):
    """These tests make the bank items they need: without the shared bank the
    migration loads (surveys/bank_seed.py), whose codes and counts would mix in."""
    Item.objects.filter(district=None).delete()


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def _settings(world, **extra):
    data = {
        "district": world.a.pk,
        "purpose": "climate",
        "title_en": "Spring climate survey",
        "title_es": "Encuesta de clima de primavera",
        "intro_en": "Your answers are anonymous.",
        "intro_es": "Sus respuestas son anónimas.",
        "thanks_en": "Thank you.",
        "thanks_es": "Gracias.",
        "schools": [world.a_school.pk],
        "groups": ["student", "guardian"],
        "opens_on": "2030-03-02",
        "closes_on": "2030-03-30",
        "anonymity": "anonymous",
        "estimated_minutes": "12",
    }
    return data | extra


def _url(name, survey, **kwargs):
    return reverse(f"staff:surveys:{name}", kwargs={"pk": survey.pk, **kwargs})


def _new_survey(signed_in, world, **extra) -> Survey:
    response = signed_in.post(reverse("staff:surveys:build_create"), _settings(world, **extra))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Survey.objects.latest("pk")


def test_a_coordinator_creates_a_draft_survey_with_its_settings_and_a_first_page(signed_in, world, coordinator):
    survey = _new_survey(signed_in, world)
    assert (survey.title_es, survey.groups, survey.estimated_minutes) == (
        "Encuesta de clima de primavera",
        ["student", "guardian"],
        12,
    )
    assert list(survey.schools.all()) == [world.a_school]
    assert survey.published_at is None and survey.created_by == coordinator
    assert survey.pages.count() == 1
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_CREATED, object_id=str(survey.pk)).exists()
    page = signed_in.get(_url("build_survey", survey))
    assert page.status_code == 200 and b"Spring climate survey" in page.content


def test_a_closing_date_before_the_opening_date_is_refused_next_to_the_field(signed_in, world):
    response = signed_in.post(reverse("staff:surveys:build_create"), _settings(world, closes_on="2030-03-01"))
    assert response.status_code == 200
    assert "closes_on" in response.context["form"].errors
    assert b'id="id_closes_on_error"' in response.content
    assert not Survey.objects.exists()


def test_another_districts_school_cannot_be_chosen(signed_in, world):
    response = signed_in.post(reverse("staff:surveys:build_create"), _settings(world, schools=[world.b_school.pk]))
    assert "schools" in response.context["form"].errors
    assert not Survey.objects.exists()


def test_a_coordinator_cannot_create_a_survey_for_a_district_they_do_not_coordinate(signed_in, world):
    response = signed_in.post(reverse("staff:surveys:build_create"), _settings(world, district=world.b.pk))
    assert "district" in response.context["form"].errors
    assert not Survey.objects.exists()


def test_settings_changes_are_saved_and_audited_with_before_and_after(signed_in, world):
    survey = _new_survey(signed_in, world)
    response = signed_in.post(_url("build_settings", survey), _settings(world, estimated_minutes="8"))
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.estimated_minutes == 8
    event = AuditEvent.objects.get(kind=AuditKind.SURVEY_CHANGED)
    assert event.changes == {"estimated_minutes": [12, 8]}


def test_pages_are_added_moved_with_buttons_and_removed(signed_in, world):
    survey = _new_survey(signed_in, world)
    first = survey.pages.get()
    signed_in.post(_url("build_page_add", survey))
    second = survey.pages.get(position=2)
    signed_in.post(_url("build_page_edit", survey, page_id=second.pk), {"intro_en": "About you", "intro_es": ""})
    signed_in.post(_url("build_page_move", survey, page_id=second.pk, direction="up"))
    assert list(survey.pages.order_by("position").values_list("pk", "intro_en")) == [
        (second.pk, "About you"),
        (first.pk, ""),
    ]
    signed_in.post(_url("build_page_delete", survey, page_id=first.pk))
    assert list(survey.pages.values_list("pk", "position")) == [(second.pk, 1)]


def test_a_page_with_questions_is_removed_only_when_the_removal_is_confirmed(signed_in, world):
    survey = _new_survey(signed_in, world)
    page = survey.pages.get()
    signed_in.post(_url("build_page_add", survey))
    signed_in.post(_url("build_bank", survey), {"item": ItemFactory(code="SRO-SAFE-1").pk, "to": page.pk})
    confirm = signed_in.get(_url("build_page_delete", survey, page_id=page.pk))
    assert b"SRO-SAFE-1" in confirm.content
    response = signed_in.post(_url("build_page_delete", survey, page_id=page.pk), follow=True)
    assert "still has questions" in response.content.decode()
    assert Page.objects.filter(pk=page.pk).exists()
    signed_in.post(_url("build_page_delete", survey, page_id=page.pk), {"confirm": "yes"})
    assert not Page.objects.filter(pk=page.pk).exists()
    assert not survey.questions.exists()


def test_a_bank_item_is_copied_with_its_wording_choices_and_flags(signed_in, world):
    survey = _new_survey(signed_in, world)
    item = ItemFactory(
        code="DEM-GRADE",
        kind="single",
        domain="demographic",
        demographic="grade",
        reverse_scored=True,
        text_en="What grade are you in?",
        text_es="¿En qué grado está?",
        choices=[
            {"code": "9", "en": "Grade 9", "es": "Grado 9"},
            {"code": "prefer_not", "en": "Prefer not to say", "es": "Prefiero no decirlo", "prefer_not": True},
        ],
    )
    response = signed_in.post(_url("build_bank", survey), {"item": item.pk, "to": survey.pages.get().pk})
    assert response.status_code == 302
    question = survey.questions.get()
    assert (question.code, question.text_es, question.demographic, question.reverse_scored, question.item) == (
        "DEM-GRADE",
        "¿En qué grado está?",
        "grade",
        True,
        item,
    )
    assert [(c.code, c.label_es, c.excluded) for c in question.choices.all()] == [
        ("9", "Grado 9", False),
        ("prefer_not", "Prefiero no decirlo", True),
    ]
    # Later edits of the bank do not touch the survey.
    Item.objects.filter(pk=item.pk).update(text_en="Changed")
    assert survey.questions.get().text_en == "What grade are you in?"
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_QUESTION_ADDED).count() == 1


def test_an_agreement_item_gets_the_fixed_scale_in_both_languages(signed_in, world):
    survey = _new_survey(signed_in, world)
    item = ItemFactory(kind="agree5")
    signed_in.post(_url("build_bank", survey), {"item": item.pk})
    labels = [(c.value, c.label_es) for c in survey.questions.get().choices.all()]
    assert labels[0] == (1, "Muy en desacuerdo") and labels[-1] == (5, "Muy de acuerdo") and len(labels) == 5


def test_adding_a_code_already_in_the_survey_is_refused_with_a_clear_message(signed_in, world):
    survey = _new_survey(signed_in, world)
    shared = ItemFactory(code="SRO-SAFE-1")
    own = ItemFactory(code="SRO-SAFE-1", district=world.a)
    signed_in.post(_url("build_bank", survey), {"item": shared.pk})
    response = signed_in.post(_url("build_bank", survey), {"item": own.pk}, follow=True)
    assert "The code SRO-SAFE-1 is already used in this survey." in response.content.decode()
    assert survey.questions.count() == 1


def test_another_districts_own_item_cannot_be_added(signed_in, world):
    survey = _new_survey(signed_in, world)
    theirs = ItemFactory(district=world.b)
    response = signed_in.post(_url("build_bank", survey), {"item": theirs.pk}, follow=True)
    assert "Choose an item of the bank" in response.content.decode()
    assert not survey.questions.exists()


def _custom(**extra):
    data = {
        "page": "",
        "code": "OWN-CLUBS",
        "kind": "multiple",
        "text_en": "Which clubs do you attend?",
        "text_es": "¿A qué clubes asiste?",
        "help_en": "Choose all that apply.",
        "help_es": "Elija todas las que correspondan.",
        "domain": "engagement",
        "topic": "participation",
        "demographic": "",
        "choices_text": "art | Art | Arte\nsport | Sports | Deportes\n",
    }
    return data | extra


def test_a_custom_question_keeps_its_choices_and_can_be_saved_to_the_districts_bank(signed_in, world):
    survey = _new_survey(signed_in, world)
    data = _custom(page=survey.pages.get().pk, save_to_bank="on", required="on")
    response = signed_in.post(_url("build_question_add", survey), data)
    assert response.status_code == 302, response.context["form"].errors
    question = survey.questions.get()
    assert (question.kind, question.required) == ("multiple", True)
    assert question.help_es == "Elija todas las que correspondan."
    assert [(c.code, c.label_en, c.label_es) for c in question.choices.all()] == [
        ("art", "Art", "Arte"),
        ("sport", "Sports", "Deportes"),
    ]
    saved = Item.objects.get(district=world.a, code="OWN-CLUBS")
    assert [c["es"] for c in saved.choices] == ["Arte", "Deportes"]
    assert question.item == saved
    assert AuditEvent.objects.filter(kind=AuditKind.BANK_ITEM_ADDED).exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"choices_text": "art Art"}, "choices_text"),
        ({"choices_text": "only | One | Uno"}, "choices_text"),
        ({"choices_text": "a b | A | A\nc | C | C"}, "choices_text"),
        ({"choices_text": f"a | {'A' * 201} | A\nc | C | C"}, "choices_text"),
        ({"kind": "number", "min_value": "10", "max_value": "2"}, "max_value"),
        ({"code": ""}, "code"),
    ],
)
def test_bad_custom_questions_are_refused_next_to_the_field(signed_in, world, extra, field):
    survey = _new_survey(signed_in, world)
    response = signed_in.post(_url("build_question_add", survey), _custom(page=survey.pages.get().pk, **extra))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"'.encode() in response.content
    assert not survey.questions.exists()


def test_a_custom_question_with_a_code_in_the_survey_is_refused_next_to_the_code(signed_in, world):
    survey = _new_survey(signed_in, world)
    page = survey.pages.get().pk
    signed_in.post(_url("build_question_add", survey), _custom(page=page))
    response = signed_in.post(_url("build_question_add", survey), _custom(page=page))
    assert "This code is already used in this survey." in response.context["form"].errors["code"]


def test_questions_are_edited_moved_across_pages_and_removed(signed_in, world):
    survey = _new_survey(signed_in, world)
    first = survey.pages.get()
    signed_in.post(_url("build_page_add", survey))
    second = survey.pages.get(position=2)
    a, b = ItemFactory(code="A-1"), ItemFactory(code="B-1")
    signed_in.post(_url("build_bank", survey), {"item": a.pk, "to": first.pk})
    signed_in.post(_url("build_bank", survey), {"item": b.pk, "to": first.pk})
    qa, qb = survey.questions.get(code="A-1"), survey.questions.get(code="B-1")

    signed_in.post(_url("build_question_move", survey, question_id=qb.pk, direction="up"))
    assert list(first.questions.order_by("position").values_list("code", flat=True)) == ["B-1", "A-1"]
    signed_in.post(_url("build_question_move", survey, question_id=qa.pk, direction="down"))
    assert list(second.questions.values_list("code", "position")) == [("A-1", 1)]

    edit = _custom(code="A-1", kind="agree4", text_en="New wording", text_es="Nueva redacción", choices_text="")
    response = signed_in.post(_url("build_question_edit", survey, question_id=qa.pk), edit)
    assert response.status_code == 302, response.context["form"].errors
    qa.refresh_from_db()
    assert (qa.text_en, qa.choices.count()) == ("New wording", 4)
    moved, edited = AuditEvent.objects.filter(kind=AuditKind.SURVEY_QUESTION_CHANGED, note="A-1").order_by("pk")
    assert moved.changes == {"page_and_position": [[1, 2], [2, 1]]}
    assert edited.changes["text_en"][1] == "New wording"

    signed_in.post(_url("build_question_delete", survey, question_id=qb.pk))
    assert not Question.objects.filter(pk=qb.pk).exists()
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_QUESTION_REMOVED, note="B-1").exists()


def test_the_bank_list_filters_by_domain_topic_type_and_words_and_hides_other_districts_items(signed_in, world):
    survey = _new_survey(signed_in, world)
    ItemFactory(code="SRO-SAFE-1", text_en="I feel safe near the SRO.", topic="sro_safety")
    ItemFactory(code="ENG-CLUB-1", domain="engagement", topic="participation", kind="single", text_en="Clubs?")
    ItemFactory(code="OWN-1", district=world.a, text_en="Our own item")
    ItemFactory(code="THEIRS-1", district=world.b, text_en="Their item")
    ItemFactory(code="OLD-1", is_active=False)

    def codes(**query):
        response = signed_in.get(_url("build_bank", survey), query)
        return [item.code for item in response.context["page_obj"].object_list]

    assert sorted(codes()) == ["ENG-CLUB-1", "OWN-1", "SRO-SAFE-1"]
    assert codes(domain="engagement") == ["ENG-CLUB-1"]
    assert codes(topic="sro_safety") == ["SRO-SAFE-1"]
    assert codes(kind="single") == ["ENG-CLUB-1"]
    assert codes(words="safe sro") == ["SRO-SAFE-1"]
    assert codes(words="own") == ["OWN-1"]


def test_the_bank_list_is_paginated_and_keeps_its_filters_in_page_links(signed_in, world):
    survey = _new_survey(signed_in, world)
    ItemFactory.create_batch(30, domain="safety")
    response = signed_in.get(_url("build_bank", survey), {"domain": "safety"})
    assert len(response.context["page_obj"].object_list) == 25
    assert "?domain=safety&amp;page=2" in response.content.decode()
    second = signed_in.get(_url("build_bank", survey), {"domain": "safety", "page": 2})
    assert len(second.context["page_obj"].object_list) == 5


def test_the_survey_list_links_the_coordinators_surveys_to_the_builder(signed_in, world):
    survey = _new_survey(signed_in, world)
    response = signed_in.get(reverse("staff:surveys:index"))
    content = response.content.decode()
    assert _url("build_survey", survey) in content
    assert reverse("staff:surveys:build_create") in content


def test_dates_are_shown_back_in_the_form_as_saved(signed_in, world):
    survey = _new_survey(signed_in, world)
    response = signed_in.get(_url("build_settings", survey))
    assert 'value="2030-03-02"' in response.content.decode()
    assert survey.opens_on == datetime.date(2030, 3, 2)


def test_number_limits_are_kept_for_numbers_only(signed_in, world):
    survey = _new_survey(signed_in, world)
    page = survey.pages.get().pk
    number = _custom(code="HOURS", kind="number", choices_text="", min_value="0", max_value="40", page=page)
    signed_in.post(_url("build_question_add", survey), number)
    single = _custom(code="CLUBS", min_value="1", max_value="3", page=page)
    signed_in.post(_url("build_question_add", survey), single)
    limits = dict(survey.questions.values_list("code", "max_value"))
    assert limits == {"HOURS": 40, "CLUBS": None}


def test_saving_to_the_bank_a_code_the_district_already_has_is_refused_next_to_the_box(signed_in, world):
    survey = _new_survey(signed_in, world)
    ItemFactory(code="OWN-CLUBS", district=world.a)
    response = signed_in.post(
        _url("build_question_add", survey), _custom(page=survey.pages.get().pk, save_to_bank="on")
    )
    assert "save_to_bank" in response.context["form"].errors
    assert not survey.questions.exists()


def test_every_builder_change_leaves_one_audit_event_of_its_kind(world, coordinator):
    from surveys.services import authoring, authoring_questions

    survey = authoring.survey_create(actor=coordinator, district=world.a, data={"title_en": "T", "groups": []})
    page = survey.pages.get()
    item = ItemFactory()
    steps = [
        (AuditKind.SURVEY_CHANGED, lambda: authoring.page_add(actor=coordinator, survey=survey)),
        (
            AuditKind.SURVEY_CHANGED,
            lambda: authoring.page_update(actor=coordinator, page=page, data={"intro_en": "Hi"}),
        ),
        (AuditKind.SURVEY_CHANGED, lambda: authoring.page_move(actor=coordinator, page=page, up=False)),
        (
            AuditKind.SURVEY_QUESTION_ADDED,
            lambda: authoring_questions.question_add_from_item(actor=coordinator, survey=survey, item=item, page=page),
        ),
        (
            AuditKind.SURVEY_QUESTION_CHANGED,
            lambda: authoring_questions.question_move(actor=coordinator, question=survey.questions.get(), up=True),
        ),
        (
            AuditKind.SURVEY_QUESTION_REMOVED,
            lambda: authoring_questions.question_remove(actor=coordinator, question=survey.questions.get()),
        ),
        (AuditKind.SURVEY_CHANGED, lambda: authoring.page_remove(actor=coordinator, page=page)),
    ]
    for kind, step in steps:
        before = AuditEvent.objects.filter(kind=kind, actor=coordinator).count()
        step()
        assert AuditEvent.objects.filter(kind=kind, actor=coordinator).count() == before + 1, kind


def test_adding_from_the_bank_returns_to_the_same_filtered_list(signed_in, world):
    survey = _new_survey(signed_in, world)
    item = ItemFactory(domain="safety")
    back = "domain=safety&words=a\r\nLocation: x"
    response = signed_in.post(_url("build_bank", survey), {"item": item.pk, "back": back})
    assert response.status_code == 302
    assert response.url.startswith(_url("build_bank", survey) + "?domain=safety&words=a%0D%0ALocation")


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"code": "my code!"},
            "code",
            "Un código usa solo letras sin tilde, números, guiones y guiones bajos, sin espacios: "
            "por ejemplo SRO-SAFE-1.",
        ),
        (
            {"kind": "number", "max_value": "9223372036854775808"},
            "max_value",
            "Indique un número no mayor que 1000000.",
        ),
        ({"kind": "number", "min_value": "-5000000"}, "min_value", "Indique un número no menor que -1000000."),
    ],
)
def test_a_bad_code_or_number_limit_gets_our_own_spanish_message_not_django_s(
    signed_in, world, settings, extra, field, message
):
    survey = _new_survey(signed_in, world)
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = signed_in.post(_url("build_question_add", survey), _custom(page=survey.pages.get().pk, **extra))
    assert response.context["form"].errors[field] == [message]
    assert "slug" not in response.content.decode() and "9223372036854775807" not in response.content.decode()
    assert not survey.questions.exists()
