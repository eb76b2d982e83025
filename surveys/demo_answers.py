"""Made-up respondents and their answers for the demo surveys (surveys/demo.py).

A seeded random model, so the demo is the same every time: each respondent has
a school, a group and demographics drawn from a district like Riverside's, and
two latent scores (how they see the school, how they see the SRO program) that
move with school, group and subgroup. Differences follow what climate surveys
commonly report (Black, Latino, disabled and nonbinary students rating the SRO
lower, staff rating everything higher), so the subgroup comparisons have
something to show. Nothing here is real data.
"""

import random
from dataclasses import dataclass

from accounts.models import School
from surveys.demo_texts import COMMENTS
from surveys.models import Demographic, Domain, QuestionKind, Source

# School effects, by slug (Garfield's climate is the weakest of the three).
SCHOOL_WEIGHT = {"garfield-high": 0.22, "lincoln-high": 0.45, "roosevelt-middle": 0.33}
SCHOOL_EFFECT = {"garfield-high": -0.35, "lincoln-high": 0.1, "roosevelt-middle": 0.2}
SCHOOL_SRO_EFFECT = {"garfield-high": -0.3}
GROUP_WEIGHT = {"student": 0.66, "guardian": 0.2, "staff": 0.11, "community": 0.03}
GROUP_EFFECT = {"student": 0.0, "guardian": 0.15, "staff": 0.35, "community": -0.1}
RACE_WEIGHT = {
    "hispanic": 0.38,
    "white": 0.30,
    "black": 0.14,
    "asian": 0.07,
    "multiracial": 0.06,
    "american_indian": 0.012,
    "pacific_islander": 0.008,
    "prefer_not": 0.03,
}
GENDER_WEIGHT = {"girl": 0.48, "boy": 0.45, "nonbinary": 0.025, "another": 0.01, "prefer_not": 0.035}
# How each subgroup's view of the SRO differs (latent units; 1 is about one answer point).
SRO_EFFECT = {"black": -0.7, "american_indian": -0.4, "hispanic": -0.3, "multiracial": -0.25, "nonbinary": -0.5}
# Items most people rate lower, and this year's change (the district explained the complaint process).
ITEM_OFFSET = {"ENV-PHYS-2": -0.6, "SAF-BULLY-2": -0.5, "SRO-COMPL-1": -0.8, "SRO-DISC-2": -0.3, "ENG-PART-2": -0.3}
TREND_OFFSET = {"SRO-COMPL-1": 0.7, "SRO-COMPL-2": 0.3}


@dataclass
class Respondent:
    school: School
    group: str
    source: str
    language: str
    grade: str = ""
    gender: str = ""
    race: str = ""
    disability: str = ""
    english_learner: str = ""
    school_view: float = 0.0
    sro_view: float = 0.0
    trend: float = 0.0


def _draw(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _source(rng: random.Random, group: str) -> str:
    if group == "community":
        return Source.LINK
    if group == "student":
        return Source.INVITATION if rng.random() < 0.55 else Source.CLASS
    return Source.INVITATION if rng.random() < 0.9 else Source.LINK


def _about(rng: random.Random, person: Respondent) -> None:
    """Demographics, as the respondent answers them (staff and community have no grade)."""
    person.race = _draw(rng, RACE_WEIGHT)
    person.gender = _draw(rng, GENDER_WEIGHT)
    if person.group in ("student", "guardian"):
        middle = person.school.slug.endswith("middle")
        person.grade = rng.choice(["6", "7", "8"] if middle else ["9", "10", "11", "12"])
        person.grade = "prefer_not" if rng.random() < 0.03 else person.grade
        person.disability = _draw(rng, {"yes": 0.13, "no": 0.82, "prefer_not": 0.05})
        learner = 0.25 if person.race == "hispanic" else 0.05
        person.english_learner = _draw(rng, {"yes": learner, "no": 0.96 - learner, "prefer_not": 0.04})
    spanish = (person.group == "guardian" and person.race == "hispanic" and rng.random() < 0.55) or (
        person.english_learner == "yes" and rng.random() < 0.5
    )
    person.language = "es" if spanish or rng.random() < 0.02 else "en"


def respondents_make(rng: random.Random, schools: list[School], count: int, trend: float) -> list[Respondent]:
    """``count`` respondents over ``schools`` (weighted by size) and groups."""
    people = []
    for _ in range(count):
        school = rng.choices(schools, weights=[SCHOOL_WEIGHT.get(s.slug, 0.3) for s in schools])[0]
        group = _draw(rng, GROUP_WEIGHT)
        person = Respondent(school=school, group=group, source=_source(rng, group), language="en", trend=trend)
        _about(rng, person)
        base = SCHOOL_EFFECT.get(school.slug, 0) + GROUP_EFFECT[group] + trend
        person.school_view = rng.gauss(base, 0.7)
        sro = sum(SRO_EFFECT.get(v, 0) for v in (person.race, person.gender))
        sro += -0.3 * (person.disability == "yes") - 0.2 * (person.english_learner == "yes")
        sro += SCHOOL_SRO_EFFECT.get(school.slug, 0) + (0.4 if group == "staff" else 0)
        person.sro_view = rng.gauss(base + sro, 0.7)
        people.append(person)
    return people


def _scale_value(rng: random.Random, person: Respondent, question) -> int:
    view = person.sro_view if question.domain == Domain.SRO else person.school_view
    offset = ITEM_OFFSET.get(question.code, 0) + (TREND_OFFSET.get(question.code, 0) if person.trend else 0)
    score = view + offset + rng.gauss(0, 0.8)
    cuts = (-1.4, -0.4, 1.0) if question.kind == QuestionKind.AGREE4 else (-1.5, -0.6, -0.1, 1.0)
    value = 1 + sum(score >= cut for cut in cuts)
    return len(cuts) + 2 - value if question.reverse_scored else value


def _frequency(rng: random.Random, person: Respondent, question) -> str:
    if question.code == "SRO-CONTACT-1":
        weights = {"never": 0.35, "rarely": 0.3, "sometimes": 0.25, "often": 0.1}
        if person.group == "staff":
            weights = {"never": 0.1, "rarely": 0.25, "sometimes": 0.4, "often": 0.25}
        return _draw(rng, weights)
    # SRO-DISC-1: more often seen at Garfield, and by those who see the SRO poorly.
    often = 0.15 + (0.15 if person.school.slug == "garfield-high" else 0) + (0.1 if person.sro_view < -0.5 else 0)
    return _draw(rng, {"never": 0.2, "rarely": 0.25, "sometimes": 0.25, "often": often, "dont_know": 0.2})


def answer_value(rng: random.Random, person: Respondent, question) -> str | None:
    """The respondent's answer to ``question``: a choice code or a comment;
    None when skipped."""
    if question.demographic:
        value = person.group if question.demographic == Demographic.GROUP else getattr(person, question.demographic)
        return value or None
    if question.is_text:
        chance = 0.08 if question.domain == Domain.SRO else 0.05
        return COMMENTS.pick(rng, person.language, person.sro_view) if rng.random() < chance else None
    if rng.random() < 0.03:
        return None
    if question.is_scale:
        value = _scale_value(rng, person, question)
        return next(c.code for c in question.choices.all() if c.value == value)
    return _frequency(rng, person, question)
