"""The shared item bank every district starts from (``Item.district`` empty).

Climate items follow the three domains and their topics of the US Department of
Education School Climate Surveys (ED-SCLS, public domain), reworded where the
original wording is not at hand; the SRO module and the demographic items are
written for this project. Codes are stable: results are compared across years
by code, so a code is never reused for another question (tests pin the list).
Loaded by the data migration ``0002_demo_item_bank``; running it again updates
the wording and adds new items, and never deletes.
"""

from surveys.models.bank import Demographic, Domain, QuestionKind, Topic

ALL = ["student", "guardian", "staff", "community"]
SCHOOL = ["student", "guardian", "staff"]
STUDENTS = ["student"]

PREFER_NOT = {"code": "prefer_not", "en": "Prefer not to say", "es": "Prefiero no decirlo", "prefer_not": True}
DONT_KNOW = {"code": "dont_know", "en": "I don't know", "es": "No sé", "prefer_not": True}


def _choices(*rows: tuple[str, str, str], prefer_not: bool = True) -> list[dict]:
    return [{"code": code, "en": en, "es": es} for code, en, es in rows] + ([PREFER_NOT] if prefer_not else [])


FREQUENCY = [
    {"code": "never", "en": "Never", "es": "Nunca"},
    {"code": "rarely", "en": "Rarely", "es": "Rara vez"},
    {"code": "sometimes", "en": "Sometimes", "es": "A veces"},
    {"code": "often", "en": "Often", "es": "Con frecuencia"},
    DONT_KNOW,
]

# (code, domain, topic, kind, English, Spanish, extra fields)
A4, A5 = QuestionKind.AGREE4, QuestionKind.AGREE5
# fmt: off
E, S, V = Domain.ENGAGEMENT, Domain.SAFETY, Domain.ENVIRONMENT
CLIMATE = [
    # Engagement: cultural and linguistic competence
    (
        "ENG-CLC-1", E, Topic.CULTURAL_COMPETENCE, A4,
        "Adults at this school treat all students with respect, whatever their race, culture, family income, "
        "religion, sex or sexual orientation.",
        "Los adultos de esta escuela tratan a todos los estudiantes con respeto, sin importar su raza, cultura, "
        "ingresos familiares, religión, sexo u orientación sexual.",
        {"groups": ALL},
    ),
    (
        "ENG-CLC-2", E, Topic.CULTURAL_COMPETENCE, A4,
        "This school uses class materials that reflect students' cultures and backgrounds.",
        "Esta escuela usa materiales de clase que reflejan las culturas y los orígenes de los estudiantes.",
        {"groups": SCHOOL},
    ),
    (
        "ENG-CLC-3", E, Topic.CULTURAL_COMPETENCE, A4,
        "Families who speak a language other than English get the information they need from this school.",
        "Las familias que hablan un idioma distinto del inglés reciben de esta escuela la información que necesitan.",
        {"groups": ALL},
    ),
    # Engagement: relationships
    (
        "ENG-REL-1", E, Topic.RELATIONSHIPS, A4,
        "Teachers and other adults at this school care about students.",
        "Los maestros y otros adultos de esta escuela se preocupan por los estudiantes.",
        {"groups": ALL},
    ),
    (
        "ENG-REL-2", E, Topic.RELATIONSHIPS, A4,
        "Students at this school respect one another.",
        "Los estudiantes de esta escuela se respetan unos a otros.",
        {"groups": ALL},
    ),
    (
        "ENG-REL-3", E, Topic.RELATIONSHIPS, A4,
        "There is at least one adult at this school I can talk to about a problem.",
        "Hay al menos un adulto en esta escuela con quien puedo hablar de un problema.",
        {"groups": STUDENTS},
    ),
    # Engagement: school participation
    (
        "ENG-PART-1", E, Topic.PARTICIPATION, A4,
        "Students have many chances to take part in clubs, sports and other activities outside class.",
        "Los estudiantes tienen muchas oportunidades de participar en clubes, deportes y otras actividades fuera "
        "de clase.",
        {"groups": ALL},
    ),
    (
        "ENG-PART-2", E, Topic.PARTICIPATION, A4,
        "This school asks families and students for their ideas and uses them.",
        "Esta escuela pide ideas a las familias y a los estudiantes, y las toma en cuenta.",
        {"groups": ALL},
    ),
    # Safety: emotional safety
    (
        "SAF-EMO-1", S, Topic.EMOTIONAL_SAFETY, A4,
        "Students at this school feel they belong.",
        "Los estudiantes de esta escuela sienten que pertenecen a ella.",
        {"groups": ALL},
    ),
    (
        "SAF-EMO-2", S, Topic.EMOTIONAL_SAFETY, A4,
        "Students can be themselves at this school without being made fun of.",
        "Los estudiantes pueden ser ellos mismos en esta escuela sin que se burlen de ellos.",
        {"groups": ALL},
    ),
    # Safety: physical safety
    (
        "SAF-PHYS-1", S, Topic.PHYSICAL_SAFETY, A4,
        "Students are safe at this school.",
        "Los estudiantes están seguros en esta escuela.",
        {"groups": ALL},
    ),
    (
        "SAF-PHYS-2", S, Topic.PHYSICAL_SAFETY, A4,
        "Students are safe going to and from this school.",
        "Los estudiantes están seguros al ir a esta escuela y al volver de ella.",
        {"groups": ALL},
    ),
    (
        "SAF-PHYS-3", S, Topic.PHYSICAL_SAFETY, A4,
        "Students at this school get into physical fights.",
        "Los estudiantes de esta escuela se meten en peleas físicas.",
        {"groups": ALL, "reverse_scored": True},
    ),
    # Safety: bullying and cyberbullying
    (
        "SAF-BULLY-1", S, Topic.BULLYING, A4,
        "Bullying is a problem at this school.",
        "El acoso escolar es un problema en esta escuela.",
        {"groups": ALL, "reverse_scored": True},
    ),
    (
        "SAF-BULLY-2", S, Topic.BULLYING, A4,
        "Students spread rumours or mean messages about other students online or by text.",
        "Los estudiantes difunden rumores o mensajes crueles sobre otros estudiantes en internet o por mensajes de "
        "texto.",
        {"groups": ALL, "reverse_scored": True},
    ),
    (
        "SAF-BULLY-3", S, Topic.BULLYING, A4,
        "Adults at this school step in when they see bullying.",
        "Los adultos de esta escuela intervienen cuando ven acoso escolar.",
        {"groups": ALL},
    ),
    # Safety: substance use
    (
        "SAF-SUBST-1", S, Topic.SUBSTANCE_USE, A4,
        "It is easy for students to get alcohol, vapes or drugs at this school.",
        "Es fácil para los estudiantes conseguir alcohol, vapeadores o drogas en esta escuela.",
        {"groups": ALL, "reverse_scored": True},
    ),
    (
        "SAF-SUBST-2", S, Topic.SUBSTANCE_USE, A4,
        "Students at this school know where to get help with alcohol or drug use.",
        "Los estudiantes de esta escuela saben dónde pedir ayuda por el consumo de alcohol o drogas.",
        {"groups": ALL},
    ),
    # Safety: emergency readiness and management
    (
        "SAF-EMERG-1", S, Topic.EMERGENCY_READINESS, A4,
        "Students and staff know what to do in an emergency at this school.",
        "Los estudiantes y el personal saben qué hacer en una emergencia en esta escuela.",
        {"groups": ALL},
    ),
    (
        "SAF-EMERG-2", S, Topic.EMERGENCY_READINESS, A4,
        "This school tells families clearly and quickly what is happening during an emergency.",
        "Esta escuela informa a las familias con claridad y rapidez de lo que ocurre durante una emergencia.",
        {"groups": ["guardian", "staff", "community"]},
    ),
    # Environment: physical environment
    (
        "ENV-PHYS-1", V, Topic.PHYSICAL_ENVIRONMENT, A4,
        "The school building and grounds are clean and in good repair.",
        "El edificio y los terrenos de la escuela están limpios y en buen estado.",
        {"groups": ALL},
    ),
    (
        "ENV-PHYS-2", V, Topic.PHYSICAL_ENVIRONMENT, A4,
        "The bathrooms at this school are clean and safe to use.",
        "Los baños de esta escuela están limpios y se pueden usar con seguridad.",
        {"groups": SCHOOL},
    ),
    # Environment: instructional environment
    (
        "ENV-INST-1", V, Topic.INSTRUCTIONAL_ENVIRONMENT, A4,
        "Teachers at this school expect every student to do their best.",
        "Los maestros de esta escuela esperan que cada estudiante dé lo mejor de sí.",
        {"groups": SCHOOL},
    ),
    (
        "ENV-INST-2", V, Topic.INSTRUCTIONAL_ENVIRONMENT, A4,
        "Students get extra help from teachers when they need it.",
        "Los estudiantes reciben ayuda adicional de los maestros cuando la necesitan.",
        {"groups": SCHOOL},
    ),
    # Environment: physical health
    (
        "ENV-HEALTH-1", V, Topic.PHYSICAL_HEALTH, A4,
        "This school encourages students to be physically active and offers healthy food.",
        "Esta escuela anima a los estudiantes a hacer actividad física y ofrece comida saludable.",
        {"groups": SCHOOL},
    ),
    (
        "ENV-HEALTH-2", V, Topic.PHYSICAL_HEALTH, A4,
        "Students can see a school nurse or other health staff when they need to.",
        "Los estudiantes pueden ver a la enfermera escolar u otro personal de salud cuando lo necesitan.",
        {"groups": SCHOOL},
    ),
    # Environment: mental health
    (
        "ENV-MENT-1", V, Topic.MENTAL_HEALTH, A4,
        "Students can get help at school from a counselor or another adult when they feel sad, stressed or "
        "anxious.",
        "Los estudiantes pueden recibir ayuda en la escuela de un consejero u otro adulto cuando se sienten "
        "tristes, estresados o ansiosos.",
        {"groups": ALL},
    ),
    (
        "ENV-MENT-2", V, Topic.MENTAL_HEALTH, A4,
        "Adults at this school help students learn to handle their feelings and solve conflicts.",
        "Los adultos de esta escuela ayudan a los estudiantes a manejar sus emociones y resolver conflictos.",
        {"groups": ALL},
    ),
    # Environment: discipline
    (
        "ENV-DISC-1", V, Topic.DISCIPLINE, A4,
        "School rules are applied fairly to every student.",
        "Las reglas de la escuela se aplican con justicia a todos los estudiantes.",
        {"groups": ALL},
    ),
    (
        "ENV-DISC-2", V, Topic.DISCIPLINE, A4,
        "Students know the school rules and what happens when they break them.",
        "Los estudiantes conocen las reglas de la escuela y lo que pasa cuando no las cumplen.",
        {"groups": ALL},
    ),
    (
        "ENV-DISC-3", V, Topic.DISCIPLINE, A4,
        "When a student breaks a rule, this school helps them make it right instead of only punishing them.",
        "Cuando un estudiante no cumple una regla, esta escuela le ayuda a reparar el daño en lugar de solo "
        "castigarlo.",
        {"groups": ALL},
    ),
]

R = Domain.SRO
SRO = [
    (
        "SRO-SAFE-1", R, Topic.SRO_SAFETY, A5,
        "I feel safe when the school resource officer (SRO) is at school.",
        "Me siento seguro o segura cuando el oficial de recursos escolares (SRO) está en la escuela.",
        {"groups": ALL},
    ),
    (
        "SRO-SAFE-2", R, Topic.SRO_SAFETY, A5,
        "Having an SRO at this school makes students safer.",
        "Tener un SRO en esta escuela hace que los estudiantes estén más seguros.",
        {"groups": ALL},
    ),
    (
        "SRO-FAIR-1", R, Topic.SRO_FAIRNESS, A5,
        "The SRO treats students of every race and ethnicity fairly.",
        "El SRO trata con justicia a los estudiantes de todas las razas y etnias.",
        {"groups": ALL},
    ),
    (
        "SRO-FAIR-2", R, Topic.SRO_FAIRNESS, A5,
        "The SRO treats students with disabilities fairly.",
        "El SRO trata con justicia a los estudiantes con discapacidades.",
        {"groups": ALL},
    ),
    (
        "SRO-FAIR-3", R, Topic.SRO_FAIRNESS, A5,
        "The SRO treats students of every gender and sexual orientation fairly.",
        "El SRO trata con justicia a los estudiantes de todos los géneros y orientaciones sexuales.",
        {"groups": ALL},
    ),
    (
        "SRO-COMPL-1", R, Topic.SRO_COMPLAINTS, A5,
        "I know how to make a complaint about the SRO.",
        "Sé cómo presentar una queja sobre el SRO.",
        {"groups": ALL},
    ),
    (
        "SRO-COMPL-2", R, Topic.SRO_COMPLAINTS, A5,
        "If I made a complaint about the SRO, it would be taken seriously.",
        "Si presentara una queja sobre el SRO, la tomarían en serio.",
        {"groups": ALL},
    ),
    (
        "SRO-DISC-1", R, Topic.SRO_DISCIPLINE, QuestionKind.SINGLE,
        "How often is the SRO involved when a student breaks a school rule (not a law)?",
        "¿Con qué frecuencia interviene el SRO cuando un estudiante no cumple una regla de la escuela (no una ley)?",
        {"groups": ALL, "choices": FREQUENCY},
    ),
    (
        "SRO-DISC-2", R, Topic.SRO_DISCIPLINE, A5,
        "School staff, not the SRO, handle school discipline.",
        "El personal de la escuela, no el SRO, se encarga de la disciplina escolar.",
        {"groups": ALL},
    ),
    (
        "SRO-APPR-1", R, Topic.SRO_APPROACHABLE, A5,
        "The SRO is easy to talk to.",
        "Es fácil hablar con el SRO.",
        {"groups": ALL},
    ),
    (
        "SRO-APPR-2", R, Topic.SRO_APPROACHABLE, A5,
        "I would go to the SRO if I needed help.",
        "Acudiría al SRO si necesitara ayuda.",
        {"groups": ALL},
    ),
    (
        "SRO-CONTACT-1", R, Topic.SRO_APPROACHABLE, QuestionKind.SINGLE,
        "This school year, how often have you spoken with the SRO?",
        "En este año escolar, ¿con qué frecuencia ha hablado con el SRO?",
        {"groups": ALL, "choices": FREQUENCY[:4]},
    ),
    (
        "SRO-COMMENT-1", R, Topic.OTHER, QuestionKind.LONG_TEXT,
        "What else should we know about the SRO program at your school?",
        "¿Qué más deberíamos saber sobre el programa de SRO en su escuela?",
        {"groups": ALL},
    ),
    (
        "ENV-COMMENT-1", V, Topic.OTHER, QuestionKind.LONG_TEXT,
        "What one change would make your school a better place?",
        "¿Qué cambio haría de su escuela un lugar mejor?",
        {"groups": ALL},
    ),
]

GRADES = [{"code": str(g), "en": f"Grade {g}", "es": f"Grado {g}"} for g in range(5, 13)]
D, SINGLE = Domain.DEMOGRAPHIC, QuestionKind.SINGLE
DEMOGRAPHICS = [
    (
        "DEM-GROUP", D, Topic.OTHER, SINGLE,
        "Which best describes you?",
        "¿Qué opción le describe mejor?",
        {
            "demographic": Demographic.GROUP,
            "choices": _choices(
                ("student", "Student", "Estudiante"),
                ("guardian", "Parent or guardian", "Madre, padre o tutor"),
                ("staff", "School staff", "Personal de la escuela"),
                ("community", "Community member", "Miembro de la comunidad"),
            ),
        },
    ),
    (
        "DEM-GRADE", D, Topic.OTHER, SINGLE,
        "What grade are you in? (Parents: your child's grade.)",
        "¿En qué grado está? (Padres: el grado de su hijo o hija.)",
        {"demographic": Demographic.GRADE, "choices": [*GRADES, PREFER_NOT], "groups": ["student", "guardian"]},
    ),
    (
        "DEM-GENDER", D, Topic.OTHER, SINGLE,
        "What is your gender?",
        "¿Cuál es su género?",
        {
            "demographic": Demographic.GENDER,
            "choices": _choices(
                ("girl", "Girl or woman", "Niña o mujer"),
                ("boy", "Boy or man", "Niño u hombre"),
                ("nonbinary", "Nonbinary", "No binario"),
                ("another", "Another gender", "Otro género"),
            ),
        },
    ),
    (
        "DEM-RACE", D, Topic.OTHER, SINGLE,
        "Which best describes your race or ethnicity?",
        "¿Qué opción describe mejor su raza o etnia?",
        {
            "demographic": Demographic.RACE,
            "choices": _choices(
                ("american_indian", "American Indian or Alaska Native", "Indígena americano o nativo de Alaska"),
                ("asian", "Asian", "Asiático"),
                ("black", "Black or African American", "Negro o afroamericano"),
                ("hispanic", "Hispanic or Latino", "Hispano o latino"),
                (
                    "pacific_islander",
                    "Native Hawaiian or Pacific Islander",
                    "Nativo de Hawái o de otras islas del Pacífico",
                ),
                ("white", "White", "Blanco"),
                ("multiracial", "Two or more races", "Dos o más razas"),
            ),
        },
    ),
    (
        "DEM-DISABILITY", D, Topic.OTHER, SINGLE,
        "Do you have a disability, an IEP or a 504 plan? (Parents: does your child?)",
        "¿Tiene una discapacidad, un IEP o un plan 504? (Padres: ¿lo tiene su hijo o hija?)",
        {
            "demographic": Demographic.DISABILITY,
            "choices": _choices(("yes", "Yes", "Sí"), ("no", "No", "No")),
            "groups": ["student", "guardian"],
        },
    ),
    (
        "DEM-EL", D, Topic.OTHER, SINGLE,
        "Are you learning English at school (an English learner)? (Parents: is your child?)",
        "¿Está aprendiendo inglés en la escuela (estudiante de inglés)? (Padres: ¿lo está su hijo o hija?)",
        {
            "demographic": Demographic.ENGLISH_LEARNER,
            "choices": _choices(("yes", "Yes", "Sí"), ("no", "No", "No")),
            "groups": ["student", "guardian"],
        },
    ),
]

# fmt: on

ITEMS = CLIMATE + SRO + DEMOGRAPHICS


def bank_item_fields() -> list[dict]:
    """Every shared item as the fields of an ``Item`` row, in bank order."""
    rows = []
    for code, domain, topic, kind, en, es, extra in ITEMS:
        extra = dict(extra)
        rows.append(
            {
                "code": code,
                "domain": domain.value,
                "topic": topic.value,
                "kind": kind.value,
                "text_en": en,
                "text_es": es,
                "demographic": str(extra.pop("demographic", "")),
                "choices": extra.pop("choices", []),
                "reverse_scored": extra.pop("reverse_scored", False),
                "groups": extra.pop("groups", ALL),
            }
        )
    return rows


def bank_seed(item_model) -> int:
    """Creates or updates the shared items in ``item_model`` (the real
    ``Item`` or a migration's historical one); returns how many were new."""
    created = 0
    for fields in bank_item_fields():
        code = fields.pop("code")
        _, new = item_model.objects.update_or_create(district=None, code=code, defaults=fields)
        created += new
    return created
