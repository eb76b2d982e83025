"""The default rubric: criteria from the federal SECURe checklists (MOU, civil rights, hiring,
training, continual evaluation) and the model MOU's items, each scored on four levels."""

from assessment.models import EvidenceSection as E
from assessment.models import RubricSection as R

# (score, label en, label es, description en, description es): the same four levels for every criterion.
LEVELS = (
    (1, "Not in place", "No existe", "Nothing written or done yet.", "Aún no hay nada escrito ni hecho."),
    (
        2,
        "Developing",
        "En desarrollo",
        "Started, but partly or unevenly.",
        "Iniciado, pero en parte o de forma desigual.",
    ),
    (
        3,
        "In place",
        "Establecido",
        "Done as agreed, with records to show it.",
        "Hecho como se acordó, con registros que lo muestran.",
    ),
    (
        4,
        "Exemplary",
        "Ejemplar",
        "Done as agreed, reviewed and improved with the community.",
        "Hecho como se acordó, revisado y mejorado con la comunidad.",
    ),
)

# (code, section, English, Spanish, evidence sections)
CRITERIA = (
    (
        "mou-roles",
        R.MOU,
        "The MOU defines the SRO's roles and keeps school discipline with school staff.",
        "El MOU define las funciones del SRO y deja la disciplina escolar al personal de la escuela.",
        [E.CONTACTS],
    ),
    (
        "mou-data",
        R.MOU,
        "The MOU says what data is collected, shared and published, and it is.",
        "El MOU indica qué datos se recogen, comparten y publican, y así se hace.",
        [E.CONTACTS, E.FEEDBACK],
    ),
    (
        "civil-rights-equity",
        R.CIVIL_RIGHTS,
        "Enforcement is monitored by student subgroup and disparities are acted on.",
        "La aplicación de la ley se vigila por subgrupo de estudiantes y se actúa ante las disparidades.",
        [E.CONTACTS],
    ),
    (
        "civil-rights-complaints",
        R.CIVIL_RIGHTS,
        "Complaints are received, reviewed on time and answered.",
        "Las quejas se reciben, se revisan a tiempo y se responden.",
        [E.FEEDBACK],
    ),
    (
        "hiring-selection",
        R.HIRING,
        "SROs are selected jointly for their fit to work with students.",
        "Los SRO se seleccionan de forma conjunta por su idoneidad para trabajar con estudiantes.",
        [E.PARTNERS],
    ),
    (
        "training-hours",
        R.TRAINING,
        "Every SRO completed the required training hours and topics.",
        "Cada SRO completó las horas y los temas de capacitación requeridos.",
        [E.TRAINING],
    ),
    (
        "training-joint",
        R.TRAINING,
        "SROs and school administrators train together.",
        "Los SRO y los administradores escolares se capacitan juntos.",
        [E.TRAINING],
    ),
    (
        "evaluation-goals",
        R.EVALUATION,
        "Goals and objectives are measured and reported.",
        "Las metas y los objetivos se miden y se informan.",
        [E.GOALS],
    ),
    (
        "evaluation-feedback",
        R.EVALUATION,
        "Students, families and staff are asked for feedback and it is used.",
        "Se pide la opinión de estudiantes, familias y personal, y se usa.",
        [E.FEEDBACK, E.PARTNERS],
    ),
    (
        "mou-work-plans",
        R.MOU_ITEMS,
        "Each principal's work plan with the SRO is agreed and carried out.",
        "El plan de trabajo de cada director con el SRO se acuerda y se cumple.",
        [E.WORK_PLANS],
    ),
    (
        "mou-outreach",
        R.MOU_ITEMS,
        "SROs take part in community and school outreach.",
        "Los SRO participan en actividades de acercamiento con la comunidad y la escuela.",
        [E.CONTACTS],
    ),
    (
        "mou-advisory",
        R.MOU_ITEMS,
        "The SRO Advisory Team meets and its recommendations are answered.",
        "El Equipo Asesor de SRO se reúne y sus recomendaciones reciben respuesta.",
        [E.FEEDBACK],
    ),
)
