"""The receipt shows the PIN again to the browser that filed, for ten minutes
or until "I have written it down", so a page lost in transit costs nothing."""

import re

import pytest

from complaints.models import Draft
from notifications.models import OutboundEmail
from notifications.rendering import render_email
from tests.complaints.helpers import file_complaint, school_with_officer

pytestmark = pytest.mark.django_db


def _pin_on(page) -> str | None:
    match = re.search(r'id="tracking-pin">(\d{6})<', page.content.decode())
    return match.group(1) if match else None


@pytest.fixture
def receipt(client):
    school, _ = school_with_officer()
    return file_complaint(client, school, contact={"contact_preference": "none"}).url


def test_a_reload_of_the_receipt_shows_the_same_pin_again(client, receipt):
    first = _pin_on(client.get(receipt))
    assert first is not None
    assert _pin_on(client.get(receipt)) == first  # the first answer was lost in transit: reload


def test_another_browser_with_the_receipt_link_never_sees_the_pin(client, receipt):
    other = client.__class__()
    page = other.get(receipt)
    assert page.status_code == 200 and _pin_on(page) is None
    other.post(receipt)  # nor can it hide the PIN from the filer
    assert _pin_on(client.get(receipt)) is not None


def test_i_have_written_it_down_hides_the_pin_for_good(client, receipt):
    page = client.get(receipt).content.decode()
    assert "I have written it down" in page
    assert client.post(receipt).status_code == 302
    assert _pin_on(client.get(receipt)) is None
    assert "pin" not in Draft.objects.get().data


def test_after_ten_minutes_the_receipt_no_longer_shows_the_pin(client, receipt):
    assert _pin_on(client.get(receipt)) is not None
    draft = Draft.objects.get()
    draft.data["pin_until"] -= 10 * 60 + 1  # ten minutes have passed
    draft.save()
    assert _pin_on(client.get(receipt)) is None
    assert "pin" not in Draft.objects.get().data


@pytest.mark.parametrize("kind", ["compliment", "concern"])
def test_the_receipt_of_a_compliment_or_a_concern_calls_it_a_message_not_a_complaint(client, kind):
    school, _ = school_with_officer()
    receipt = file_complaint(
        client,
        school,
        about={"kind": kind, "preferred_language": "es"},
        incident={"allegations": []},
        contact={"contact_preference": "none"},
        start_review=False,
    ).url
    page = client.get(receipt, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<title>Recibimos su mensaje" in page
    assert "seguir su mensaje" in page
    assert "queja" not in page.split("<main", 1)[1].split("</main>", 1)[0].lower()


def test_the_receipt_of_a_complaint_still_calls_it_a_complaint(client, receipt):
    page = client.get(receipt, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<title>Recibimos su queja" in page and "seguir su queja" in page


@pytest.mark.parametrize("kind", ["compliment", "concern"])
def test_the_receipt_mail_of_a_compliment_or_a_concern_never_calls_it_a_complaint(client, kind):
    school, _ = school_with_officer()
    file_complaint(client, school, about={"kind": kind}, incident={"allegations": []})
    for language in ("en", "es"):
        mail = OutboundEmail.objects.get(template="complaint_received")
        mail.language = language
        subject, text, html = render_email(mail)
        for body in (subject, text, html):
            words = re.sub(r"https?://\S+", "", body).lower()  # the tracking page's address is /complaints/track/
            assert "complaint" not in words and "queja" not in words, (language, body)
