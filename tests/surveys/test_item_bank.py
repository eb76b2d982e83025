"""The shared item bank a coordinator builds every survey from (loaded by migration)."""

import importlib

import pytest
from django.apps import apps as django_apps

from surveys.bank_seed import bank_seed
from surveys.models import Demographic, Domain, Item, QuestionKind
from surveys.scales import choice_rows

pytestmark = pytest.mark.django_db

# Results are compared across years by these codes: never rename or reuse one.
# Adding an item means adding its code here.
PINNED_CODES = [
    "ENG-CLC-1", "ENG-CLC-2", "ENG-CLC-3", "ENG-REL-1", "ENG-REL-2", "ENG-REL-3", "ENG-PART-1", "ENG-PART-2",
    "SAF-EMO-1", "SAF-EMO-2", "SAF-PHYS-1", "SAF-PHYS-2", "SAF-PHYS-3", "SAF-BULLY-1", "SAF-BULLY-2", "SAF-BULLY-3",
    "SAF-SUBST-1", "SAF-SUBST-2", "SAF-EMERG-1", "SAF-EMERG-2",
    "ENV-PHYS-1", "ENV-PHYS-2", "ENV-INST-1", "ENV-INST-2", "ENV-HEALTH-1", "ENV-HEALTH-2", "ENV-MENT-1",
    "ENV-MENT-2", "ENV-DISC-1", "ENV-DISC-2", "ENV-DISC-3",
    "SRO-SAFE-1", "SRO-SAFE-2", "SRO-FAIR-1", "SRO-FAIR-2", "SRO-FAIR-3", "SRO-COMPL-1", "SRO-COMPL-2",
    "SRO-DISC-1", "SRO-DISC-2", "SRO-APPR-1", "SRO-APPR-2", "SRO-CONTACT-1", "SRO-COMMENT-1", "ENV-COMMENT-1",
    "DEM-GROUP", "DEM-GRADE", "DEM-GENDER", "DEM-RACE", "DEM-DISABILITY", "DEM-EL",
]  # fmt: skip


@pytest.fixture(autouse=True)
def migrated_bank():
    """The bank as its migration leaves it. A browser test earlier in the run
    empties every table after itself, so the migration's own function loads
    it again when it is gone."""
    if not Item.objects.filter(district=None).exists():
        importlib.import_module("surveys.migrations.0005_demo_item_bank").load(django_apps, None)


def _shared():
    return list(Item.objects.filter(district=None).order_by("code"))


def test_a_fresh_database_has_the_shared_bank_with_its_pinned_codes():
    assert sorted(item.code for item in _shared()) == sorted(PINNED_CODES)


def test_every_item_and_every_choice_reads_in_english_and_spanish():
    for item in _shared():
        assert item.text_en.strip() and item.text_es.strip(), item.code
        assert item.text_en != item.text_es, item.code
        for choice in item.choices:
            assert choice["en"].strip() and choice["es"].strip(), (item.code, choice)


def test_the_three_climate_domains_and_the_sro_module_each_offer_several_scale_items():
    items = _shared()
    for domain in (Domain.ENGAGEMENT, Domain.SAFETY, Domain.ENVIRONMENT, Domain.SRO):
        scales = [i for i in items if i.domain == domain and i.kind in QuestionKind.scales()]
        assert len(scales) >= 5, domain
    sro_topics = {i.topic for i in items if i.domain == Domain.SRO}
    assert {"sro_safety", "sro_fairness", "sro_complaints", "sro_discipline", "sro_approachable"} <= sro_topics


def test_every_demographic_is_asked_once_and_lets_people_prefer_not_to_say():
    demographic = [i for i in _shared() if i.demographic]
    assert sorted(i.demographic for i in demographic) == sorted(d for d in Demographic.values if d)
    for item in demographic:
        assert item.kind == QuestionKind.SINGLE
        assert [c["code"] for c in item.choices if c.get("prefer_not")] == ["prefer_not"], item.code


def test_every_item_becomes_survey_choices_with_unique_codes():
    for item in _shared():
        rows = choice_rows(item.kind, item.choices)
        codes = [row["code"] for row in rows]
        assert len(codes) == len(set(codes)), item.code
        assert bool(rows) == (item.kind in QuestionKind.with_choices()), item.code


def test_loading_the_bank_again_adds_nothing_and_restores_edited_wording():
    Item.objects.filter(code="SRO-SAFE-1", district=None).update(text_es="")
    assert bank_seed(Item) == 0
    assert Item.objects.filter(district=None).count() == len(PINNED_CODES)
    assert Item.objects.get(code="SRO-SAFE-1", district=None).text_es
