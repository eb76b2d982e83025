"""You said, we did (staff): the coordinator adds an entry, changes it, adds dated updates that move its status;
everyone of the assessment pages reads the district's list; all of it audited."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from assessment.models import Commitment, CommitmentStatus, CommitmentUpdate, SourceKind
from core.models import AuditEvent, AuditKind
from tests.factories import member

pytestmark = pytest.mark.django_db
LIST = reverse("staff:assessment:commitments")
ADD = reverse("staff:assessment:commitment_add")


def entry(district, **fields) -> Commitment:
    values = {
        "school_year": 2026,
        "concern_en": "Students want to know who to talk to about an officer.",
        "source_kind": SourceKind.SURVEY_ITEM,
        "source_ref": "SRO-COMPL-1",
        "source_label_en": "Students who know how to make a complaint",
        "action_en": "Posters in every school.",
        "owner_en": "District coordinator",
    }
    return Commitment.objects.create(district=district, **{**values, **fields})


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


def test_the_coordinator_adds_an_entry_linked_to_where_it_came_from(client, world, coordinator):
    client.force_login(coordinator)
    data = {
        "district": world.a.pk,
        "school_year": "2026",
        "concern_en": "Families asked for the complaint form in Spanish.",
        "concern_es": "Las familias pidieron el formulario de quejas en español.",
        "source_kind": SourceKind.COMPLAINT_CATEGORY,
        "source_ref": "conduct",
        "source_label_en": "Courtesy or conduct",
        "action_en": "The form is now in Spanish.",
        "owner_en": "Family engagement office",
        "due_on": "2027-03-01",
        "status": CommitmentStatus.PLANNED,
        "published": "on",
    }
    response = client.post(ADD, data)
    made = Commitment.objects.get()
    assert response.status_code == 302 and response.url == reverse("staff:assessment:commitment", args=[made.pk])
    assert (made.district, made.source_kind, made.source_ref, made.published) == (
        world.a,
        "complaint_category",
        "conduct",
        True,
    )
    assert AuditEvent.objects.get(kind=AuditKind.COMMITMENT_CREATED).district_id == world.a.pk


def test_an_entry_without_its_concern_comes_back_with_the_error_next_to_the_field(client, world, coordinator):
    client.force_login(coordinator)
    response = client.post(ADD, {"district": world.a.pk, "school_year": "2026", "source_kind": "advisory"})
    assert response.status_code == 200
    assert {"concern_en", "action_en", "owner_en", "source_label_en"} <= set(response.context["form"].errors)
    assert 'id="id_concern_en_error"' in response.content.decode()


def test_an_update_is_dated_on_the_timeline_and_moves_the_status(client, world, coordinator):
    commitment = entry(world.a)
    client.force_login(coordinator)
    url = reverse("staff:assessment:commitment_update", args=[commitment.pk])
    response = client.post(url, {"date": "2026-11-02", "text_en": "Posters printed.", "status": "in_progress"})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.IN_PROGRESS
    assert list(CommitmentUpdate.objects.values_list("date", "text_en")) == [
        (datetime.date(2026, 11, 2), "Posters printed.")
    ]
    audited = AuditEvent.objects.get(kind=AuditKind.COMMITMENT_UPDATE_ADDED)
    assert audited.changes == {"status": ["planned", "in_progress"]}


def test_an_update_without_a_date_is_refused_next_to_the_field(client, world, coordinator):
    commitment = entry(world.a)
    client.force_login(coordinator)
    response = client.post(reverse("staff:assessment:commitment_update", args=[commitment.pk]), {"text_en": "x"})
    assert response.status_code == 200 and "date" in response.context["update_form"].errors
    assert not CommitmentUpdate.objects.exists()


def test_changing_an_entry_is_audited_with_what_changed(client, world, coordinator):
    commitment = entry(world.a)
    client.force_login(coordinator)
    url = reverse("staff:assessment:commitment", args=[commitment.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(owner_en="Principal of A High", published="on")
    assert client.post(url, data).status_code == 302
    changes = AuditEvent.objects.get(kind=AuditKind.COMMITMENT_CHANGED).changes
    assert changes == {"owner_en": ["District coordinator", "Principal of A High"], "published": [False, True]}


def test_the_superintendent_reads_the_list_but_opens_no_entry(client, world):
    commitment = entry(world.a)
    entry(world.b)
    superintendent = member(Role.SUPERINTENDENT, district=world.a)
    client.force_login(superintendent)
    response = client.get(LIST)
    assert [c.pk for c in response.context["commitments"]] == [commitment.pk]
    assert client.get(reverse("staff:assessment:commitment", args=[commitment.pk])).status_code == 404


def test_another_districts_coordinator_cannot_open_the_entry(client, world):
    commitment = entry(world.a)
    client.force_login(member(Role.COORDINATOR, district=world.b))
    assert client.get(reverse("staff:assessment:commitment", args=[commitment.pk])).status_code == 404


@pytest.mark.parametrize(
    ("kind", "ref", "accepted"),
    [
        (SourceKind.COMPLAINT_CATEGORY, "bias", True),
        (SourceKind.COMPLAINT_CATEGORY, "rudeness", False),
        (SourceKind.SURVEY_ITEM, "SRO-COMPL-1", True),
        (SourceKind.SURVEY_ITEM, "SRO-NOPE-9", False),
        (SourceKind.SESSION_THEME, "999999", False),
        (SourceKind.ADVISORY, "2026-R3", True),
    ],
)
def test_a_reference_must_name_a_record_of_its_kind(client, world, coordinator, kind, ref, accepted):
    client.force_login(coordinator)
    data = {
        "district": world.a.pk,
        "school_year": "2026",
        "concern_en": "A concern",
        "source_kind": kind,
        "source_ref": ref,
        "source_label_en": "Label",
        "action_en": "An action",
        "owner_en": "Coordinator",
        "status": CommitmentStatus.PLANNED,
    }
    response = client.post(ADD, data)
    assert (response.status_code == 302) is accepted
    if not accepted:
        assert "source_ref" in response.context["form"].errors


def test_a_session_theme_is_named_by_its_number(client, world, coordinator):
    from feedback.models import Theme

    theme = Theme.objects.create(name_en="Complaint process")
    data = {
        "district": world.a.pk,
        "school_year": "2026",
        "concern_en": "A concern",
        "source_kind": SourceKind.SESSION_THEME,
        "source_ref": str(theme.pk),
        "source_label_en": "Complaint process",
        "action_en": "An action",
        "owner_en": "Coordinator",
        "status": CommitmentStatus.PLANNED,
    }
    client.force_login(coordinator)
    assert client.post(ADD, data).status_code == 302


def test_the_staff_list_takes_a_fixed_number_of_queries(client, world, coordinator, django_assert_num_queries):
    entry(world.a)
    client.force_login(coordinator)
    client.get(LIST)
    with django_assert_num_queries(8):
        client.get(LIST)
    entry(world.a, concern_en="Another")
    with django_assert_num_queries(8):
        client.get(LIST)


def test_a_source_without_a_name_of_its_own_needs_its_label_one_with_a_reference_does_not(client, world, coordinator):
    client.force_login(coordinator)
    data = {
        "district": world.a.pk,
        "school_year": "2026",
        "concern_en": "A concern",
        "source_kind": SourceKind.ADVISORY,
        "source_ref": "2026-R3",
        "action_en": "An action",
        "owner_en": "Coordinator",
        "owner_es": "Coordinación",
        "status": CommitmentStatus.PLANNED,
    }
    refused = client.post(ADD, data)
    assert "source_label_en" in refused.context["form"].errors
    data.update(source_kind=SourceKind.COMPLAINT_CATEGORY, source_ref="bias")
    assert client.post(ADD, data).status_code == 302
    assert Commitment.objects.get().owner_es == "Coordinación"
