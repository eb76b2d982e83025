"""allauth's built-in protections: rate limits, verification, password reset."""

import re

from django.core import mail
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory


def test_repeated_wrong_passwords_lock_the_account_out_for_a_while(client, db):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
    # Even the right password is refused while the limit holds.
    right = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert "Too many failed login attempts" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_forgotten_password_can_be_reset_from_the_emailed_link(client, db):
    user = UserFactory(email="forgetful@example.org")
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://testserver(\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "a-brand-new-password-9", "password2": "a-brand-new-password-9"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-password-9")


def test_a_reset_request_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
