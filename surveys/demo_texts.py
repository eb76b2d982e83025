"""Texts of the demo surveys (surveys/demo.py): their pages and the comments
made-up respondents leave. Data only; the comments read as real ones would,
including names a coordinator must redact and one safety concern."""

import random
import re

# (page intro in English, in Spanish, the bank codes the page asks)
PAGES = [
    (
        "About your school.",
        "Sobre su escuela.",
        [
            "ENG-CLC-1", "ENG-REL-1", "ENG-REL-2", "ENG-PART-1", "SAF-EMO-1", "SAF-PHYS-1", "SAF-PHYS-3",
            "SAF-BULLY-1", "SAF-BULLY-2", "SAF-SUBST-1", "SAF-EMERG-1",
        ],
    ),
    (
        "Learning, health and discipline.",
        "Aprendizaje, salud y disciplina.",
        ["ENV-PHYS-1", "ENV-PHYS-2", "ENV-INST-1", "ENV-MENT-1", "ENV-DISC-1", "ENV-DISC-3", "ENV-COMMENT-1"],
    ),
    (
        "The school resource officer (SRO) is a police officer who works at your school.",
        "El oficial de recursos escolares (SRO) es un agente de policía que trabaja en su escuela.",
        [
            "SRO-SAFE-1", "SRO-SAFE-2", "SRO-FAIR-1", "SRO-FAIR-2", "SRO-FAIR-3", "SRO-COMPL-1", "SRO-COMPL-2",
            "SRO-DISC-1", "SRO-DISC-2", "SRO-APPR-1", "SRO-APPR-2", "SRO-CONTACT-1", "SRO-COMMENT-1",
        ],
    ),
    (
        "About you. These questions are optional; they let us check that every group is heard.",
        "Sobre usted. Estas preguntas son opcionales; nos permiten comprobar que se escucha a todos los grupos.",
        ["DEM-GROUP", "DEM-GRADE", "DEM-GENDER", "DEM-RACE", "DEM-DISABILITY", "DEM-EL"],
    ),
]  # fmt: skip

# The open demo survey: a short check-in on the SRO program.
PULSE_PAGES = [
    PAGES[2],
    ("A few questions about safety.", "Algunas preguntas sobre la seguridad.", ["SAF-PHYS-1", "SAF-BULLY-1"]),
    PAGES[3],
]

NAMES = ("Officer Reyes", "Officer Blake", "Ms. Lopez", "Mr. Dawson", "Sra. López")
_NAMES = re.compile("|".join(re.escape(n) for n in NAMES))
CONCERN = "knife"  # comments mentioning it are flagged as a safety concern when reviewed


class _Comments:
    """Comment texts by language, for people who see the SRO well or poorly."""

    GOOD = {
        "en": [
            "Officer Reyes knows students by name and says hello every morning.",
            "I feel better knowing someone is there if something happens.",
            "The SRO helped my son when another student threatened him.",
            "Please keep the SRO program, but explain it better to families.",
            "More counselors would help as much as the SRO does.",
        ],
        "es": [
            "El oficial saluda a los estudiantes y es amable.",
            "Me siento más tranquila sabiendo que hay alguien si pasa algo.",
            "Necesitamos más información en español sobre el programa.",
        ],
    }
    POOR = {
        "en": [
            "Officer Blake stops the same students in the hallway every day, and they are all Black.",
            "A friend got a ticket for something that should have been a detention.",
            "I did not know we could complain about the officer. Nobody told us.",
            "My daughter is afraid of the officer after what happened at lunch.",
            "Ms. Lopez called the SRO over a phone in class. That is not police business.",
            "Someone brought a knife to the bus stop last week and nobody did anything.",
            "We need more counselors, not more police.",
        ],
        "es": [
            "Mi hijo tiene miedo del oficial desde que lo revisaron en el pasillo.",
            "No sabíamos cómo presentar una queja. La información estaba solo en inglés.",
            "La Sra. López llamó al oficial por un problema pequeño en clase.",
        ],
    }

    def pick(self, rng: random.Random, language: str, sro_view: float) -> str:
        texts = self.GOOD if sro_view > 0 else self.POOR
        return rng.choice(texts.get(language, texts["en"]))

    def redact(self, text: str) -> str:
        """The text as a coordinator would approve it: names replaced."""
        return _NAMES.sub("[name]", text)

    def is_concern(self, text: str) -> bool:
        return CONCERN in text


COMMENTS = _Comments()
