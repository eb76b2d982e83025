"""Staff must have two-factor authentication before any staff page opens."""

from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory, member


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, world):
    client.force_login(member(Role.COORDINATOR, district=world.a, mfa=False))
    response = client.get(reverse("staff:orgs:index"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_with_an_authenticator_reach_their_dashboard(client, world):
    client.force_login(member(Role.COORDINATOR, district=world.a, mfa=True))
    response = client.get(reverse("staff:index"), follow=True)
    assert response.status_code == 200
    assert "Waiting for you" in response.content.decode()


def test_site_operators_need_an_authenticator_for_the_admin(client, db):
    operator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(operator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_people_without_a_staff_role_never_need_an_authenticator_for_their_own_page(client, world):
    client.force_login(member(Role.GUARDIAN, district=world.a, mfa=False))
    assert client.get(reverse("accounts:me")).status_code == 200


def test_after_sign_in_staff_land_on_the_staff_area_and_others_on_their_page(client, world):
    client.force_login(member(Role.SCHOOL_ADMIN, school=world.a_school))
    assert client.get(reverse("accounts:after_login")).url == reverse("staff:index")
    client.force_login(member(Role.STUDENT, district=world.a))
    assert client.get(reverse("accounts:after_login")).url == reverse("accounts:me")
