"""Surveys for tests, built straight from models (the builder's own tests go
through its services)."""

import datetime

from django.utils import timezone

from surveys.models import Page, Question, QuestionChoice, QuestionKind, Survey
from surveys.scales import PREFER_NOT, choice_rows

GRADES = [{"code": g, "en": f"Grade {g}", "es": f"Grado {g}"} for g in ("9", "10", "11", "12")] + [PREFER_NOT]
GENDERS = [
    {"code": "girl", "en": "Girl or woman", "es": "Niña o mujer"},
    {"code": "boy", "en": "Boy or man", "es": "Niño u hombre"},
    {"code": "nonbinary", "en": "Nonbinary", "es": "No binario"},
    PREFER_NOT,
]
YES_NO = [{"code": "yes", "en": "Yes", "es": "Sí"}, {"code": "no", "en": "No", "es": "No"}]

# (page, code, kind, English, Spanish, extra)
DEFAULT_QUESTIONS = [
    (
        1,
        "SRO-SAFE-1",
        QuestionKind.AGREE4,
        "I feel safe when the SRO is nearby.",
        "Me siento seguro cuando el SRO está cerca.",
        {"domain": "sro"},
    ),
    (
        1,
        "SRO-FAIR-1",
        QuestionKind.AGREE5,
        "The SRO treats every group of students fairly.",
        "El SRO trata a todos los grupos de estudiantes con justicia.",
        {"domain": "sro"},
    ),
    (
        1,
        "SRO-KNOW-1",
        QuestionKind.SINGLE,
        "Do you know how to make a complaint about the SRO?",
        "¿Sabe cómo presentar una queja sobre el SRO?",
        {"domain": "sro", "choices": YES_NO},
    ),
    (
        2,
        "SAF-WHERE-1",
        QuestionKind.MULTIPLE,
        "Where do you feel unsafe?",
        "¿Dónde se siente inseguro?",
        {
            "domain": "safety",
            "choices": [
                {"code": "halls", "en": "Hallways", "es": "Pasillos"},
                {"code": "bus", "en": "Bus", "es": "Autobús"},
            ],
        },
    ),
    (
        2,
        "ENG-HOURS-1",
        QuestionKind.NUMBER,
        "How many hours a week do you spend in school activities?",
        "¿Cuántas horas por semana dedica a actividades escolares?",
        {"domain": "engagement", "min_value": 0, "max_value": 80},
    ),
    (
        2,
        "SRO-COMMENT-1",
        QuestionKind.LONG_TEXT,
        "What else should we know about the SRO program?",
        "¿Qué más deberíamos saber sobre el programa de SRO?",
        {"domain": "sro"},
    ),
    (
        3,
        "DEM-GRADE",
        QuestionKind.SINGLE,
        "What grade are you in?",
        "¿En qué grado está?",
        {"domain": "demographic", "demographic": "grade", "choices": GRADES},
    ),
    (
        3,
        "DEM-GENDER",
        QuestionKind.SINGLE,
        "What is your gender?",
        "¿Cuál es su género?",
        {"domain": "demographic", "demographic": "gender", "choices": GENDERS},
    ),
]


def build_survey(district, schools, *, questions=DEFAULT_QUESTIONS, published=True, open_now=True, **fields) -> Survey:
    """A survey of ``district`` running in ``schools``; published and open
    today unless told otherwise."""
    today = timezone.localdate()
    defaults = {
        "title_en": "Climate survey",
        "title_es": "Encuesta de clima escolar",
        "intro_en": "Your answers are anonymous.",
        "intro_es": "Sus respuestas son anónimas.",
        "thanks_en": "Thank you.",
        "thanks_es": "Gracias.",
        "groups": ["student", "guardian", "staff", "community"],
        "opens_on": today - datetime.timedelta(days=1) if open_now else today + datetime.timedelta(days=7),
        "closes_on": today + datetime.timedelta(days=30),
        "published_at": timezone.now() if published else None,
    }
    survey = Survey.objects.create(district=district, **(defaults | fields))
    survey.schools.set(schools)
    pages = {}
    for position, (page_no, code, kind, en, es, extra) in enumerate(questions, start=1):
        extra = dict(extra)
        item_choices = extra.pop("choices", [])
        page = pages.get(page_no) or Page.objects.create(survey=survey, position=page_no)
        pages[page_no] = page
        question = Question.objects.create(
            survey=survey, page=page, position=position, code=code, kind=kind, text_en=en, text_es=es, **extra
        )
        QuestionChoice.objects.bulk_create(
            QuestionChoice(question=question, **row) for row in choice_rows(kind, item_choices)
        )
    return survey


def questions_by_code(survey) -> dict[str, Question]:
    return {q.code: q for q in survey.questions.prefetch_related("choices")}
