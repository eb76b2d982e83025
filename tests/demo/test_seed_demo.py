"""`manage.py seed_demo` builds a usable demo district (DEMO_MODE only)."""

from io import StringIO

from django.core.management import call_command

from accounts.access import scope_for
from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.mfa import has_mfa
from accounts.models import STAFF_ROLES, District, Role, RosterAssignment, School, User
from surveys.models import Survey


def test_seed_demo_creates_four_schools_of_every_level_an_agency_a_roster_and_one_user_per_role(
    demo_seeded, db, settings
):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())  # running it twice changes nothing

    district = District.objects.get()
    assert School.objects.filter(district=district).count() == 4
    assert set(School.objects.values_list("level", flat=True)) == {"elementary", "middle", "high"}
    assert district.agencies.count() == 1
    assert RosterAssignment.objects.count() == 4
    assert {m.role for u in User.objects.all() for m in u.memberships.all()} == set(Role.values)
    assert DEMO_PASSWORD in demo_seeded
    for demo in DEMO_USERS:
        user = User.objects.get(email=demo.email)
        assert user.check_password(DEMO_PASSWORD)
        assert demo.email in demo_seeded
        assert has_mfa(user) == (demo.role in STAFF_ROLES)


def test_the_demo_principal_reaches_only_their_school(demo_seeded, db):
    principal = User.objects.get(email="principal@demo.commonground.test")
    assert scope_for(principal).school_ids(Role.SCHOOL_ADMIN) == {School.objects.get(slug="lincoln-high").pk}


def test_seed_demo_then_purge_demo_leaves_no_survey_and_no_district(demo_seeded, db):
    assert "Demo surveys: 3" in demo_seeded and "/lincoln-high/" in demo_seeded
    call_command("purge_demo", "--yes", stdout=StringIO())
    assert not Survey.objects.exists() and not District.objects.exists()
