"""An opened complaint stays open only in this browser, only while it is used,
and closes with "Close this complaint", Quick exit or the browser."""

import pytest
from django.conf import settings

from tests.factories import TEST_PIN, ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db


def _open(client, complaint):
    response = client.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": TEST_PIN})
    assert response.status_code == 302
    return response.url


def _closed(response) -> bool:
    """The answer to a complaint's page that is not open in this browser: back to the code-and-PIN form."""
    return response.status_code == 302 and response.url == "/complaints/track/"


def test_opening_a_complaint_gives_the_browser_a_new_session_id(client):
    complaint = ComplaintFactory()
    client.get("/complaints/track/")
    client.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": "000000"})
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    _open(client, complaint)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def test_the_session_cookie_of_an_opened_complaint_ends_when_the_browser_closes(client):
    complaint = ComplaintFactory()
    _open(client, complaint)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""


def test_an_opened_complaint_closes_after_30_minutes_without_a_page_view(client, monkeypatch):
    from complaints import tracking_session

    complaint = ComplaintFactory()
    now = tracking_session._now()
    detail = _open(client, complaint)
    monkeypatch.setattr(tracking_session, "_now", lambda: now + 29 * 60)
    assert client.get(detail).status_code == 200  # still in use: the clock starts again
    monkeypatch.setattr(tracking_session, "_now", lambda: now + 58 * 60)
    assert client.get(detail).status_code == 200
    monkeypatch.setattr(tracking_session, "_now", lambda: now + 89 * 60)
    assert _closed(client.get(detail))
    monkeypatch.setattr(tracking_session, "_now", lambda: now + 90 * 60)
    assert _closed(client.get(detail))  # closed for good: code and PIN again


def test_close_this_complaint_forgets_it_in_this_browser(client):
    complaint = ComplaintFactory()
    other = ComplaintFactory()
    detail = _open(client, complaint)
    other_detail = _open(client, other)
    assert "Close this complaint" in client.get(detail).content.decode()
    closed = client.post(f"{detail}close/", follow=True)
    assert "The complaint is closed on this device." in closed.content.decode()
    assert _closed(client.get(detail))
    assert client.get(other_detail).status_code == 200
    again = client.post(f"{detail}close/", follow=True)  # a second click, or after the 30 minutes: no error page
    assert again.status_code == 200 and "The complaint is closed on this device." in again.content.decode()


def test_quick_exit_ends_the_session_and_goes_to_the_neutral_site_without_javascript(client):
    complaint = ComplaintFactory()
    detail = _open(client, complaint)
    page = client.get(detail).content.decode()
    assert 'href="/complaints/exit/"' in page
    response = client.get("/complaints/exit/")
    assert response.status_code == 302 and response.url == settings.QUICK_EXIT_URL
    assert response["Referrer-Policy"] == "no-referrer"
    assert _closed(client.get(detail))


def test_quick_exit_also_signs_out_a_signed_in_person(client):
    client.force_login(UserFactory())
    client.get("/complaints/exit/")
    assert client.get("/me/").status_code == 302


def test_quick_exit_is_on_the_home_page(client):
    assert 'href="/complaints/exit/"' in client.get("/").content.decode()


def test_a_reply_written_while_the_complaint_closed_waits_for_the_pin_and_is_not_lost(client, monkeypatch):
    from complaints import tracking_session

    complaint = ComplaintFactory()
    now = tracking_session._now()
    detail = _open(client, complaint)
    monkeypatch.setattr(tracking_session, "_now", lambda: now + 40 * 60)  # a long reply, written slowly
    sent = client.post(detail, {"body": "My friend Jo saw it too."}, follow=True)
    assert sent.redirect_chain[-1][0] == "/complaints/track/"
    assert "What you wrote will be waiting in the reply box." in sent.content.decode()
    assert not complaint.messages.exists()
    reopened = client.get(_open(client, complaint)).content.decode()
    assert "My friend Jo saw it too." in reopened  # in the reply box, ready to send
    assert "My friend Jo saw it too." not in client.get(detail).content.decode()  # once


def test_a_reply_to_a_code_that_does_not_exist_gets_the_same_answer(client):
    sent = client.post("/complaints/track/CG-ZZZZ-ZZZZ/", {"body": "Hello"})
    assert sent.status_code == 302 and sent.url == "/complaints/track/"


@pytest.mark.parametrize("how", ["close", "quick exit"])
def test_reloading_a_closed_complaint_leads_to_the_tracking_form_with_a_message(client, how):
    complaint = ComplaintFactory()
    detail = _open(client, complaint)
    if how == "close":
        client.post(f"{detail}close/")
    else:
        client.get("/complaints/exit/")
    page = client.get(detail, follow=True, HTTP_ACCEPT_LANGUAGE="es")
    assert page.redirect_chain == [("/complaints/track/", 302)]
    text = page.content.decode()
    assert "Esta queja se cerró en este navegador" in text and "Escriba el código y el PIN de nuevo." in text
    assert "en el cuadro de respuesta" not in text  # nothing was being written


def test_an_unknown_code_of_the_right_shape_gets_the_same_answer_and_a_malformed_one_404(client):
    assert _closed(client.get("/complaints/track/CG-ZZZZ-ZZZZ/"))
    assert client.get("/complaints/track/CG-ZZZZ/").status_code == 404
