"""The demo complaints that `manage.py seed_demo_cases` files (data only; workflows/demo.py drives them).

Each case names the stage its review is left at. The texts are what a family
or a member of staff might write; the Spanish cases are written in Spanish.
"""

from dataclasses import dataclass

from complaints.models import Kind
from workflows.models import Route

LINCOLN, ROOSEVELT, GARFIELD = "lincoln-high", "roosevelt-middle", "garfield-high"
REYES, BLAKE = "1041", "1187"  # demo officers' badge numbers (Reyes: Lincoln and Roosevelt; Blake: Garfield)

# Stages, in the order a complaint reaches them.
NOT_REVIEWED = "not_reviewed"  # a concern or compliment: no review runs
TRIAGE = "triage"
OUT_OF_SCOPE = "out_of_scope"
REVIEW = "review"
OUTCOME = "outcome"
APPEAL_WINDOW = "appeal_window"
APPEAL_REVIEW = "appeal_review"
CLOSED = "closed"
STAGES = (NOT_REVIEWED, TRIAGE, OUT_OF_SCOPE, REVIEW, OUTCOME, APPEAL_WINDOW, APPEAL_REVIEW, CLOSED)


@dataclass(frozen=True)
class DemoCase:
    key: str
    school: str
    stage: str
    categories: tuple[str, ...]
    description: str
    officer: str | None = None
    route: str = Route.SCHOOL
    language: str = "en"
    contact: str = "email"  # email, phone or none (anonymous)
    kind: str = Kind.COMPLAINT
    days_ago: int = 5  # when it happened
    pending: tuple[str, ...] = ()  # at REVIEW: the reviews left open (default: every review the route needs)
    overdue: bool = False  # the open step's deadline has passed and it was escalated
    stale: bool = False  # the family has not heard from us for over 30 days
    claimed: bool = False  # the open step is claimed by the person who would do it
    emergency: bool = False
    appealed: bool = False  # at CLOSED: closed by an appeal decision, not by the window running out
    note: str = ""  # an internal note from the coordinator
    message: str = ""  # a public message to the family
    reply: str = ""  # the family's reply on the tracking page


CASES = [
    # Waiting for triage.
    DemoCase(
        "triage-1",
        LINCOLN,
        TRIAGE,
        ("search",),
        "The officer searched my son's backpack in the hallway in front of his class and did not say why.",
        officer=REYES,
        days_ago=2,
    ),
    DemoCase(
        "triage-2",
        ROOSEVELT,
        TRIAGE,
        ("conduct",),
        "El oficial le gritó a mi hija en la cafetería y la llamó mentirosa delante de sus amigas.",
        language="es",
        contact="none",
        claimed=True,
        days_ago=3,
    ),
    DemoCase(
        "triage-3",
        GARFIELD,
        TRIAGE,
        ("questioning", "information"),
        "I was questioned about a fight without my parents and the officer told other students what I said.",
        officer=BLAKE,
        contact="phone",
    ),
    DemoCase(
        "triage-4",
        LINCOLN,
        TRIAGE,
        ("bias",),
        "Solo paran a los estudiantes latinos en la entrada para revisar sus mochilas.",
        officer=REYES,
        language="es",
        days_ago=1,
    ),
    DemoCase(
        "triage-overdue-1",
        ROOSEVELT,
        TRIAGE,
        ("failure_to_act",),
        "Students were fighting by the buses and the officer watched and did nothing.",
        contact="none",
        overdue=True,
        days_ago=20,
    ),
    DemoCase(
        "triage-overdue-2",
        GARFIELD,
        TRIAGE,
        ("force",),
        "El oficial empujó a mi sobrino contra la pared cuando salía del gimnasio.",
        officer=BLAKE,
        language="es",
        overdue=True,
        days_ago=18,
    ),
    # Outside the program's scope: closed at triage with an explanation.
    DemoCase(
        "out-of-scope-1",
        GARFIELD,
        OUT_OF_SCOPE,
        ("other",),
        "A city police car stopped me on Main Street on Saturday night and gave me a ticket.",
        route=Route.OUT_OF_SCOPE,
        days_ago=9,
    ),
    DemoCase(
        "out-of-scope-2",
        ROOSEVELT,
        OUT_OF_SCOPE,
        ("other",),
        "El autobús escolar llega tarde todos los días y nadie contesta el teléfono.",
        route=Route.OUT_OF_SCOPE,
        language="es",
        contact="none",
    ),
    # Under review: school, police, or both in parallel.
    DemoCase(
        "school-1",
        LINCOLN,
        REVIEW,
        ("conduct",),
        "The officer made fun of my daughter's clothes during lunch duty.",
        note="Principal to talk to the lunch-duty staff who were there.",
        claimed=True,
    ),
    DemoCase(
        "school-2",
        ROOSEVELT,
        REVIEW,
        ("information",),
        "The officer read my disciplinary record out loud in the front office.",
        contact="none",
        days_ago=8,
    ),
    DemoCase(
        "school-overdue",
        LINCOLN,
        REVIEW,
        ("citation", "conduct"),
        "Le pusieron una multa a mi hijo por llegar tarde y el oficial fue muy grosero.",
        language="es",
        overdue=True,
        stale=True,
        days_ago=40,
        reply="Hace un mes que no sabemos nada. ¿Hay alguna novedad?",
    ),
    DemoCase(
        "police-1",
        LINCOLN,
        REVIEW,
        ("force", "arrest"),
        "My son was handcuffed in the counselor's office for refusing to hand over his phone.",
        officer=REYES,
        route=Route.POLICE,
        days_ago=6,
        note="Body-camera footage requested from Riverside PD.",
    ),
    DemoCase(
        "police-2",
        GARFIELD,
        REVIEW,
        ("search",),
        "Registraron el coche de mi hija en el estacionamiento sin su permiso.",
        officer=BLAKE,
        route=Route.POLICE,
        language="es",
        contact="phone",
        days_ago=7,
    ),
    DemoCase(
        "police-3",
        ROOSEVELT,
        REVIEW,
        ("information",),
        "The officer gave my son's name to a reporter after the lockdown.",
        officer=REYES,
        route=Route.POLICE,
        claimed=True,
        days_ago=4,
    ),
    DemoCase(
        "police-overdue",
        GARFIELD,
        REVIEW,
        ("questioning",),
        "The officer kept me in his office for an hour asking about my brother.",
        officer=BLAKE,
        route=Route.POLICE,
        contact="none",
        overdue=True,
        stale=True,
        days_ago=38,
    ),
    DemoCase(
        "both-1",
        LINCOLN,
        REVIEW,
        ("force", "search"),
        "The officer threw my son to the ground and searched him in front of everyone. He has bruises on his arm.",
        officer=REYES,
        route=Route.BOTH,
        emergency=True,
        days_ago=1,
        message="We have received your complaint and the review has started.",
    ),
    DemoCase(
        "both-2",
        LINCOLN,
        REVIEW,
        ("arrest", "bias"),
        "Arrestaron a mi hijo por una pelea en la que él era la víctima. Al otro chico no le hicieron nada.",
        officer=REYES,
        route=Route.BOTH,
        language="es",
        pending=("school",),
        days_ago=12,
    ),
    DemoCase(
        "both-3",
        LINCOLN,
        REVIEW,
        ("citation",),
        "A student got a ticket for vaping from an officer I did not recognise.",
        route=Route.BOTH,
        contact="none",
        pending=("police",),
        days_ago=10,
    ),
    # Reviews done: the coordinator writes the outcome letter.
    DemoCase(
        "outcome-1",
        LINCOLN,
        OUTCOME,
        ("search",),
        "My locker was searched while I was in class and my things were left on the floor.",
        officer=REYES,
        days_ago=15,
    ),
    DemoCase(
        "outcome-2",
        GARFIELD,
        OUTCOME,
        ("conduct",),
        "The officer swore at students at the football game.",
        officer=BLAKE,
        route=Route.POLICE,
        days_ago=16,
        reply="Two other parents heard it too.",
    ),
    DemoCase(
        "outcome-3",
        LINCOLN,
        OUTCOME,
        ("force", "conduct"),
        "El oficial le torció el brazo a mi hija para quitarle el teléfono.",
        officer=REYES,
        route=Route.BOTH,
        language="es",
        contact="phone",
        days_ago=21,
    ),
    DemoCase(
        "outcome-overdue",
        ROOSEVELT,
        OUTCOME,
        ("questioning",),
        "My daughter was interviewed by the officer about a theft without anyone from the school present.",
        officer=REYES,
        route=Route.POLICE,
        overdue=True,
        days_ago=30,
    ),
    # Outcome sent: the appeal window is open.
    DemoCase(
        "appeal-window-1",
        LINCOLN,
        APPEAL_WINDOW,
        ("questioning",),
        "The officer questioned my son about graffiti without calling me.",
        officer=REYES,
        days_ago=25,
    ),
    DemoCase(
        "appeal-window-2",
        GARFIELD,
        APPEAL_WINDOW,
        ("citation",),
        "Multaron a mi hijo por estar en el pasillo sin pase.",
        officer=BLAKE,
        route=Route.POLICE,
        language="es",
        days_ago=26,
    ),
    DemoCase(
        "appeal-window-3",
        LINCOLN,
        APPEAL_WINDOW,
        ("bias",),
        "Officers only patrol the hallway where the ESL classes are.",
        route=Route.POLICE,
        contact="none",
        days_ago=24,
    ),
    # Appealed: the coordinator decides the appeal.
    DemoCase(
        "appeal-review-1",
        LINCOLN,
        APPEAL_REVIEW,
        ("search", "information"),
        "The officer went through my phone and showed my messages to the assistant principal.",
        officer=REYES,
        route=Route.BOTH,
        days_ago=35,
    ),
    DemoCase(
        "appeal-review-2",
        GARFIELD,
        APPEAL_REVIEW,
        ("arrest",),
        "Se llevaron a mi hijo a la comisaría sin avisarnos.",
        officer=BLAKE,
        route=Route.POLICE,
        language="es",
        days_ago=33,
    ),
    # Closed: the appeal window ran out, or the appeal was decided.
    DemoCase(
        "closed-1",
        LINCOLN,
        CLOSED,
        ("conduct",),
        "The officer was rude to me at the parent evening.",
        days_ago=50,
        message="Thank you for telling us. The principal has spoken to the officer.",
    ),
    DemoCase(
        "closed-2",
        GARFIELD,
        CLOSED,
        ("force",),
        "An officer grabbed a student by the backpack and pulled him off the bus.",
        officer=BLAKE,
        route=Route.POLICE,
        contact="phone",
        days_ago=60,
    ),
    DemoCase(
        "closed-3",
        LINCOLN,
        CLOSED,
        ("search",),
        "Revisaron las mochilas de todo el salón porque faltaba un teléfono.",
        officer=REYES,
        route=Route.BOTH,
        language="es",
        appealed=True,
        days_ago=55,
    ),
    DemoCase(
        "closed-4",
        ROOSEVELT,
        CLOSED,
        ("failure_to_act",),
        "I told the officer a boy was threatening me and he said to sort it out myself.",
        route=Route.POLICE,
        contact="none",
        days_ago=45,
    ),
    # Not reviewed: a general concern and a compliment.
    DemoCase(
        "concern-1",
        LINCOLN,
        NOT_REVIEWED,
        (),
        "Nos gustaría saber cuántos oficiales hay en la escuela y qué hacen durante el día.",
        language="es",
        contact="none",
        kind=Kind.CONCERN,
    ),
    DemoCase(
        "compliment-1",
        GARFIELD,
        NOT_REVIEWED,
        (),
        "Officer Blake stayed late to make sure every student got home safely after the storm.",
        officer=BLAKE,
        kind=Kind.COMPLIMENT,
    ),
]
