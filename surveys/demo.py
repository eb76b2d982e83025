"""The demo district's climate surveys (`manage.py seed_demo_surveys`, DEMO_MODE only).

Last year's and this year's closed climate survey (the same item codes, so
results show a trend) and one open survey to take. Responses are made up by a
seeded random model with realistic differences between schools, groups and
subgroups, a few small groups (so suppression shows), comments waiting for
review and invitations in every status (so response rates show). They are
bulk-created in the shape ``surveys.services.responses.response_store`` gives
them (demographic columns copied from the demographic answers; no link to an
invitation), because storing 1,600 responses one by one would make
`seed_demo` slow.
"""

import datetime
import random
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DISTRICT_SLUG
from accounts.models import District, School, User
from core.schoolyear import school_year_label, school_year_of
from surveys.bank_seed import bank_item_fields, bank_seed
from surveys.codes import code_generate, code_hash
from surveys.demo_answers import Respondent, answer_value, respondents_make
from surveys.demo_texts import COMMENTS, PAGES, PULSE_PAGES
from surveys.models import (
    Answer,
    ClassCode,
    CommentReview,
    CommentStatus,
    Invitation,
    InvitationKind,
    InvitationStatus,
    Item,
    OptOut,
    Page,
    Purpose,
    Question,
    QuestionChoice,
    QuestionKind,
    Response,
    Source,
    Survey,
)
from surveys.scales import choice_rows
from surveys.services.responses import DEMOGRAPHIC_FIELDS

COORDINATOR_EMAIL = "coordinator@demo.commonground.test"


@dataclass
class DemoSurveys:
    """What `seed_demo_surveys` made (empty when the surveys were there already)."""

    surveys: list[Survey] = field(default_factory=list)
    responses: int = 0
    invitation_codes: list[str] = field(default_factory=list)  # unused printed codes for the open survey
    class_code: str = ""


def _school_year(day: datetime.date) -> str:
    return school_year_label(school_year_of(day))


@transaction.atomic
def demo_surveys_create(*, today: datetime.date) -> DemoSurveys:
    """Creates the demo district's surveys, responses and invitations, unless
    it has climate surveys already. Raises ``District.DoesNotExist`` before seed_demo."""
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    made = DemoSurveys()
    if Survey.objects.filter(district=district, purpose=Purpose.CLIMATE).exists():
        return made
    schools = list(School.objects.filter(district=district).order_by("slug"))
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    rng = random.Random(2026)  # noqa: S311 (made-up answers, the same demo every time)
    day = datetime.timedelta(days=1)
    plans = [  # (opens, closes, responses, pages, year trend)
        (today - 425 * day, today - 395 * day, 700, PAGES, 0.0),
        (today - 60 * day, today - 30 * day, 900, PAGES, 0.15),
        (today - 3 * day, today + 30 * day, 60, PULSE_PAGES, 0.15),
    ]
    for opens, closes, count, pages, trend in plans:
        survey = _survey_create(district, schools, coordinator, opens, closes, pages, today)
        people = respondents_make(rng, schools, count, trend)
        _responses_create(rng, survey, people, reviewed_by=coordinator if closes < today - 365 * day else None)
        _invitations_create(rng, survey, people, is_open=closes >= today)
        made.surveys.append(survey)
        made.responses += count
    open_survey = made.surveys[-1]
    # The demo principal's school.
    home = next((s for s in schools if s.slug == "lincoln-high"), schools[0])
    made.invitation_codes = _unused_codes(open_survey, home, 3)
    if coordinator:
        made.class_code = _class_code(open_survey, home, coordinator)
    _opt_outs(district, home, open_survey)
    return made


def _survey_create(district, schools, coordinator, opens, closes, pages, today) -> Survey:
    pulse = pages is PULSE_PAGES
    year = _school_year(opens)
    title_en = f"SRO program check-in {year}" if pulse else f"School climate survey {year}"
    title_es = f"Consulta sobre el programa de SRO {year}" if pulse else f"Encuesta de clima escolar {year}"
    survey = Survey.objects.create(
        district=district,
        purpose=Purpose.CLIMATE,
        title_en=title_en,
        title_es=title_es,
        intro_en=(
            "This survey is anonymous: we do not store your name, email, device or the time you answer, and "
            "nothing links your answers to you. Every question can be skipped."
        ),
        intro_es=(
            "Esta encuesta es anónima: no guardamos su nombre, correo, dispositivo ni la hora en que responde, y "
            "nada vincula sus respuestas con usted. Puede saltarse cualquier pregunta."
        ),
        thanks_en="Thank you. Results are shared with the SRO advisory team and the school board.",
        thanks_es="Gracias. Los resultados se comparten con el equipo asesor de SRO y el consejo escolar.",
        groups=["student", "guardian", "staff", "community"],
        opens_on=opens,
        closes_on=closes,
        estimated_minutes=5 if pulse else 12,
        published_at=timezone.make_aware(
            datetime.datetime.combine(opens - datetime.timedelta(days=7), datetime.time(9))
        ),
        published_by=coordinator,
        created_by=coordinator,
        results_shared_at=timezone.now() if closes < today - datetime.timedelta(days=365) else None,
    )
    survey.schools.set(schools)
    _questions_create(survey, pages)
    return survey


def _shared_items() -> dict[str, Item]:
    """The shared bank by code, loaded first if it is missing (a database
    flushed after its migrations, as test runs do)."""
    items = {i.code: i for i in Item.objects.filter(district=None)}
    if len(items) < len(bank_item_fields()):
        bank_seed(Item)
        items = {i.code: i for i in Item.objects.filter(district=None)}
    return items


def _questions_create(survey: Survey, pages) -> None:
    items = _shared_items()
    position = 0
    for page_no, (intro_en, intro_es, codes) in enumerate(pages, start=1):
        page = Page.objects.create(survey=survey, position=page_no, intro_en=intro_en, intro_es=intro_es)
        questions = []
        for code in codes:
            position += 1
            item = items[code]
            questions.append(
                Question(
                    survey=survey,
                    page=page,
                    position=position,
                    item=item,
                    code=code,
                    domain=item.domain,
                    topic=item.topic,
                    kind=item.kind,
                    demographic=item.demographic,
                    text_en=item.text_en,
                    text_es=item.text_es,
                    reverse_scored=item.reverse_scored,
                )
            )
        Question.objects.bulk_create(questions)
        QuestionChoice.objects.bulk_create(
            QuestionChoice(question=q, **row) for q in questions for row in choice_rows(q.kind, items[q.code].choices)
        )


def _responses_create(rng: random.Random, survey: Survey, people: list[Respondent], *, reviewed_by) -> None:
    questions = list(survey.questions.prefetch_related("choices"))
    choices = {q.pk: {c.code: c for c in q.choices.all()} for q in questions}
    responses, answers, comments = [], [], []
    for person in people:
        response = Response(
            id=uuid.uuid4(), survey=survey, school=person.school, source=person.source, language=person.language
        )
        for question in questions:
            value = answer_value(rng, person, question)
            if value is None:
                continue
            if question.demographic:
                setattr(response, DEMOGRAPHIC_FIELDS[question.demographic], value)
            # By id: setting related objects on 50,000 rows is what made this slow.
            if question.is_text:
                answers.append(Answer(response_id=response.id, question_id=question.pk, text=value))
                comments.append(answers[-1])
            else:
                choice_id = choices[question.pk][value].pk
                answers.append(Answer(response_id=response.id, question_id=question.pk, choice_id=choice_id))
        responses.append(response)
    rng.shuffle(responses)  # insertion order follows nothing about the respondent
    Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=2000)
    CommentReview.objects.bulk_create(_reviews(rng, comments, reviewed_by))


def _reviews(rng: random.Random, comments: list[Answer], reviewed_by) -> list[CommentReview]:
    """Pending for this year's comments; last year's were reviewed."""
    if reviewed_by is None:
        return [CommentReview(answer=a) for a in comments]
    reviews = []
    for answer in comments:
        redacted = COMMENTS.redact(answer.text)
        hidden = rng.random() < 0.1
        reviews.append(
            CommentReview(
                answer=answer,
                status=CommentStatus.HIDDEN if hidden else CommentStatus.APPROVED,
                redacted_text="" if hidden else redacted,
                safety_concern=COMMENTS.is_concern(answer.text),
                safety_note="Passed to the principal; the student was contacted."
                if COMMENTS.is_concern(answer.text)
                else "",
                reviewed_by=reviewed_by,
                reviewed_at=timezone.now() - datetime.timedelta(days=380),
            )
        )
    return reviews


# Share of a cell's invitations that ended as a response (the rest: started or unused).
RATES = {"student": 0.62, "guardian": 0.34, "staff": 0.71}


def _invitations_create(rng: random.Random, survey: Survey, people: list[Respondent], *, is_open: bool) -> None:
    """Invitations per school and group, as many finished as responses came in
    by invitation there, the rest started or never used."""
    finished: dict[tuple[School, str], int] = {}
    for person in people:
        if person.source == Source.INVITATION:
            finished[person.school, person.group] = finished.get((person.school, person.group), 0) + 1
    rows = []
    for (school, group), done in sorted(finished.items(), key=lambda kv: (kv[0][0].slug, kv[0][1])):
        rate = RATES[group] * rng.uniform(0.8, 1.15) * (0.1 if is_open else 1)
        total = max(done, round(done / rate))
        for n in range(total):
            status = InvitationStatus.FINISHED if n < done else InvitationStatus.ISSUED
            if status == InvitationStatus.ISSUED and rng.random() < 0.15:
                status = InvitationStatus.STARTED
            rows.append(_invitation(survey, school, group, status, len(rows)))
    Invitation.objects.bulk_create(rows, batch_size=1000)


def _invitation(survey, school, group, status, n) -> Invitation:
    email = group != "student"
    return Invitation(
        survey=survey,
        school=school,
        group=group,
        kind=InvitationKind.EMAIL if email else InvitationKind.CODE,
        email=f"{group}{n}.{survey.pk}@demo.commonground.test" if email else "",
        language="es" if n % 5 == 0 else "en",
        code_hash=code_hash(code_generate(), purpose="invitation"),
        batch="" if email else f"Homeroom {n % 12 + 1}",
        status=status,
        reminders_sent=1 if status != InvitationStatus.FINISHED and n % 2 else 0,
    )


def _unused_codes(survey: Survey, school: School, count: int) -> list[str]:
    """Printed one-time codes a visitor can try the open survey with (only shown once, by the command)."""
    codes = [code_generate() for _ in range(count)]
    Invitation.objects.bulk_create(
        Invitation(
            survey=survey,
            school=school,
            group="student",
            kind=InvitationKind.CODE,
            code_hash=code_hash(code, purpose="invitation"),
            batch="Demo visitors",
        )
        for code in codes
    )
    return codes


def _class_code(survey: Survey, school: School, coordinator: User) -> str:
    code = "DEMO" + code_generate(4)
    ClassCode.objects.create(
        survey=survey, school=school, label="Room 104, 3rd period", code=code, created_by=coordinator
    )
    return code


def _opt_outs(district: District, school: School, survey: Survey) -> None:
    families = [("Jamie Ortiz", "Rosa Ortiz"), ("Alex Chen", "Wei Chen"), ("Taylor Brooks", "Dana Brooks")]
    OptOut.objects.bulk_create(
        OptOut(
            district=district,
            school=school,
            survey=survey if n else None,  # the first family opted out of every student survey this year
            student_name=student,
            classroom=f"Grade {9 + n}",
            guardian_name=guardian,
            guardian_contact=f"{guardian.split()[0].lower()}@demo.commonground.test",
        )
        for n, (student, guardian) in enumerate(families)
    )


@transaction.atomic
def demo_surveys_purge() -> int:
    """Deletes every survey of the demo district with its responses,
    invitations, class codes and opt-outs; returns how many surveys went."""
    surveys = Survey.objects.filter(district__slug=DEMO_DISTRICT_SLUG)
    questions = Question.objects.filter(survey__in=surveys)
    texts = questions.filter(kind__in=QuestionKind.texts()).values_list("pk", flat=True)
    # Answers protect their question and responses their survey: delete from the leaves up. Ids are listed
    # first, so every statement reads one table: on a database seeded moments before (no statistics yet),
    # PostgreSQL planned the joined form as a nested loop over every answer for every comment (minutes).
    comments = list(Answer.objects.filter(question_id__in=list(texts)).values_list("pk", flat=True))
    CommentReview.objects.filter(answer_id__in=comments).delete()
    Answer.objects.filter(question_id__in=list(questions.values_list("pk", flat=True))).delete()
    Response.objects.filter(survey__in=surveys).delete()
    OptOut.objects.filter(district__slug=DEMO_DISTRICT_SLUG).delete()
    count = surveys.count()
    surveys.update(previous_version=None)  # a version protects the one before it
    surveys.delete()
    return count
