"""The fixed answer scales, in both languages. A question copies them into its
own ``QuestionChoice`` rows when it is created, so its wording is frozen with
the survey like every other text."""

from surveys.models import QuestionKind

# (code, value, English, Spanish)
AGREE4 = [
    ("strongly_disagree", 1, "Strongly disagree", "Muy en desacuerdo"),
    ("disagree", 2, "Disagree", "En desacuerdo"),
    ("agree", 3, "Agree", "De acuerdo"),
    ("strongly_agree", 4, "Strongly agree", "Muy de acuerdo"),
]
AGREE5 = [
    ("strongly_disagree", 1, "Strongly disagree", "Muy en desacuerdo"),
    ("disagree", 2, "Disagree", "En desacuerdo"),
    ("neutral", 3, "Neither agree nor disagree", "Ni de acuerdo ni en desacuerdo"),
    ("agree", 4, "Agree", "De acuerdo"),
    ("strongly_agree", 5, "Strongly agree", "Muy de acuerdo"),
]
PREFER_NOT = {"code": "prefer_not", "en": "Prefer not to say", "es": "Prefiero no decirlo", "prefer_not": True}


def choice_rows(kind: str, item_choices: list[dict]) -> list[dict]:
    """The ``QuestionChoice`` fields for a question of ``kind``: the scale
    points for an agreement scale, else the item's own choices (a
    "prefer not to say" choice is left out of percentages)."""
    if kind in (QuestionKind.AGREE4, QuestionKind.AGREE5):
        scale = AGREE4 if kind == QuestionKind.AGREE4 else AGREE5
        return [
            {"position": i, "code": code, "value": value, "label_en": en, "label_es": es}
            for i, (code, value, en, es) in enumerate(scale, start=1)
        ]
    return [
        {
            "position": i,
            "code": c["code"],
            "value": None,
            "label_en": c["en"],
            "label_es": c.get("es", ""),
            "excluded": bool(c.get("prefer_not")),
        }
        for i, c in enumerate(item_choices, start=1)
    ]


def favourable_values(kind: str, reverse_scored: bool) -> tuple[int, ...]:
    """Scale values counted as favourable: the top two (bottom two when
    agreeing is the unfavourable answer). The neutral point never counts."""
    top = (3, 4) if kind == QuestionKind.AGREE4 else (4, 5)
    return (1, 2) if reverse_scored else top
