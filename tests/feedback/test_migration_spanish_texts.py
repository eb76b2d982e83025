"""Migration feedback/0003 keeps every session text as its English one and writes the Spanish of known languages."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("feedback", "0002_partner_feedback")]
AFTER = [("feedback", "0003_session_spanish_texts")]


@pytest.mark.django_db(transaction=True)
def test_a_session_made_before_the_spanish_fields_keeps_its_texts_in_english(world):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("feedback", "Session")
    start = dt.datetime(2030, 3, 5, 18, tzinfo=dt.UTC)
    texts = {
        "place": "Gym",
        "audience": "Any student",
        "school_attendees": "The principal",
        "police_attendees": "Officer Reyes",
        "reserved_group": "chess club",
        "accessibility_note": "Ramp on Oak Street",
    }
    common = {"district_id": world.a.pk, "kind": "listening", "capacity": 5, "starts_at": start}
    common["ends_at"] = start + dt.timedelta(hours=1)
    kept = old.objects.create(title_en="Kept", languages="English, Spanish", **common, **texts)
    odd = old.objects.create(title_en="Odd", languages="Spanish interpretation on request", **common)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("feedback", "Session")
    migrated = new.objects.get(pk=kept.pk)
    assert {name: getattr(migrated, f"{name}_en") for name in texts} == texts
    assert not any(getattr(migrated, f"{name}_es") for name in texts)
    assert (migrated.languages_en, migrated.languages_es) == ("English, Spanish", "Inglés, español")
    left = new.objects.get(pk=odd.pk)
    assert (left.languages_en, left.languages_es) == ("Spanish interpretation on request", "")
