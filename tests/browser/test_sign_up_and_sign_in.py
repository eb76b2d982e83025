"""A person signs up, verifies their email from the message they get, and
signs in; a staff member enrols an authenticator before the staff area opens."""

import re

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail

from accounts.mfa import current_totp_code
from accounts.models import Role, User
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import TEST_PASSWORD, member

NEW_PASSWORD = "river-stones-quietly-7"


def _link_in_last_mail(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_parent_signs_up_verifies_their_email_and_signs_in(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("parent@example.org")
    page.get_by_label("Password: (required)", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again):").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert "Verify Your Email Address" in page.content()

    page.goto(_link_in_last_mail("parent@example.org"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/me/")
    assert "You are signed in as parent@example.org" in page.content()

    page.get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("parent@example.org")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/me/")
    assert User.objects.get(email="parent@example.org").emailaddress_set.get().verified


def test_an_unverified_account_cannot_sign_in(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("student@example.org")
    page.get_by_label("Password: (required)", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again):").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("student@example.org")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/accounts/confirm-email/")
    page.goto("/me/")
    assert "/accounts/login/" in page.url


def test_a_school_administrator_must_enrol_an_authenticator_then_signs_in_with_it(page, world):
    admin = member(Role.SCHOOL_ADMIN, school=world.a_school, mfa=False, email="principal@example.org")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # Changing two-factor settings always asks for the password once more.
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/2fa/totp/activate/")
    assert_accessible(page)
    screenshot(page, "staff-mfa-enrolment")

    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(current_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists()

    page.goto("/staff/")
    assert page.get_by_role("heading", name="Waiting for you").is_visible()
    assert "A High" in page.content()
    assert_accessible(page)

    # Signing in again asks for the second factor; a recovery code works.
    page.get_by_role("button", name="Sign out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/2fa/authenticate/")
    assert_accessible(page)
    code = RecoveryCodes(Authenticator.objects.get(user=admin, type=Authenticator.Type.RECOVERY_CODES))
    page.get_by_label("Code").fill(code.get_unused_codes()[0])
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/staff/")
    assert page.get_by_role("heading", name="Waiting for you").is_visible()
