"""The training topics every district starts with: the state guidance list and the district summit topics, in
English and Spanish, with stable codes. Seeded by migration assessment/0001 and restored by ``topics_ensure`` when the
table is empty (as in tests that flush the database)."""

STATE = "state"
DISTRICT = "district"

DEFAULT_TOPICS = [
    ("child-development", STATE, "Child and adolescent development", "Desarrollo infantil y adolescente"),
    ("cultural-competency", STATE, "Cultural competency", "Competencia cultural"),
    (
        "disability-law",
        STATE,
        "Disability and anti-discrimination law",
        "Legislación sobre discapacidad y contra la discriminación",
    ),
    ("seclusion-restraint", STATE, "Seclusion and restraint", "Aislamiento y contención física"),
    ("positive-behaviour", STATE, "Positive behaviour supports", "Apoyos para la conducta positiva"),
    ("restorative-practices", STATE, "Restorative practices", "Prácticas restaurativas"),
    ("trauma-informed", STATE, "Trauma-informed practice", "Práctica informada sobre el trauma"),
    ("de-escalation", STATE, "De-escalation", "Desescalada de conflictos"),
    ("mental-health", STATE, "Mental health and crisis response", "Salud mental y respuesta ante crisis"),
    ("mandatory-reporting", STATE, "Mandatory reporting", "Denuncia obligatoria"),
    ("implicit-bias", STATE, "Implicit bias", "Sesgo implícito"),
    ("privacy-ferpa", STATE, "Student privacy (FERPA)", "Privacidad del alumnado (FERPA)"),
    (
        "special-education",
        STATE,
        "Students with disabilities and special education",
        "Alumnado con discapacidad y educación especial",
    ),
    (
        "youth-rights",
        STATE,
        "Students' rights in questioning, search and arrest",
        "Derechos del alumnado en interrogatorios, registros y detenciones",
    ),
    (
        "mou-roles",
        DISTRICT,
        "The MOU: roles and the line between discipline and law enforcement",
        "El MOU: funciones y el límite entre disciplina y aplicación de la ley",
    ),
    (
        "school-law",
        DISTRICT,
        "School law and the district's code of conduct",
        "Legislación escolar y código de conducta del distrito",
    ),
    ("threat-assessment", DISTRICT, "Behavioural threat assessment", "Evaluación de amenazas conductuales"),
    ("community-relations", DISTRICT, "Community and family relations", "Relaciones con la comunidad y las familias"),
]


def topics_ensure(topic_model) -> None:
    """Adds every default topic missing from ``topic_model``'s table (the model class, historical or current)."""
    have = set(topic_model.objects.values_list("code", flat=True))
    topic_model.objects.bulk_create(
        topic_model(code=code, source=source, name_en=name_en, name_es=name_es, position=position)
        for position, (code, source, name_en, name_es) in enumerate(DEFAULT_TOPICS, start=1)
        if code not in have
    )
