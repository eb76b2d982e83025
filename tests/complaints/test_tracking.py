"""Following a complaint with its tracking code and PIN."""

import pytest

from complaints.models import Message
from tests.factories import TEST_PIN, ComplaintFactory, MessageFactory

pytestmark = pytest.mark.django_db


def _unlock(client, complaint, pin=TEST_PIN, code=None):
    return client.post("/complaints/track/", {"tracking_code": code or complaint.tracking_code, "pin": pin})


def test_the_right_code_and_pin_open_the_public_status_and_messages_but_never_internal_notes(client):
    complaint = ComplaintFactory()
    MessageFactory(complaint=complaint, body="We are reviewing the video.")
    MessageFactory(complaint=complaint, body="Internal: officer interview Tuesday", audience="school")
    response = _unlock(client, complaint)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Received" in page and "We are reviewing the video." in page
    assert "officer interview" not in page


def test_the_code_is_forgiving_about_case_and_spaces(client):
    complaint = ComplaintFactory(tracking_code="CG-7KQ4-M2XD")
    assert _unlock(client, complaint, code=" cg 7kq4 m2xd ").status_code == 302


def test_a_wrong_pin_is_refused_with_the_same_message_as_an_unknown_code(client):
    complaint = ComplaintFactory()
    wrong_pin = _unlock(client, complaint, pin="000000").content.decode()
    unknown = _unlock(client, complaint, code="CG-ZZZZ-ZZZZ").content.decode()
    message = "That tracking code and PIN do not match."
    assert message in wrong_pin and message in unknown


def test_a_wrong_pin_says_so_once_and_never_claims_the_emptied_pin_was_kept(client):
    complaint = ComplaintFactory()
    page = _unlock(client, complaint, pin="000000").content.decode()
    assert page.count("That tracking code and PIN do not match.") == 1
    assert "Everything you typed has been kept." not in page
    assert 'name="pin"' in page and 'name="pin" value=' not in page  # the PIN box is empty: type it again
    blank = client.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": ""}).content.decode()
    assert "type the PIN again" in blank and "Everything you typed has been kept." not in blank


def test_tracking_attempts_are_rate_limited_per_connection(client, settings):
    settings.COMPLAINT_TRACKING_ATTEMPTS_PER_HOUR = 3
    complaints = ComplaintFactory.create_batch(4)
    statuses = [_unlock(client, c, pin="111111").status_code for c in complaints]
    assert statuses[-1] == 429


def test_the_tracking_page_without_the_pin_asks_for_the_code_and_pin(client):
    complaint = ComplaintFactory()
    response = client.get(f"/complaints/track/{complaint.tracking_code}/")
    assert response.status_code == 302 and response.url == "/complaints/track/"


def test_the_complainant_can_reply_and_the_reply_is_kept_as_typed_and_shown_escaped(client):
    complaint = ComplaintFactory()
    detail = _unlock(client, complaint).url
    response = client.post(detail, {"body": "More: <img src=x onerror=alert(1)>he took my phone"})
    assert response.status_code == 302
    message = Message.objects.get(complaint=complaint)
    assert message.from_complainant and message.audience == "school"
    assert message.body == "More: <img src=x onerror=alert(1)>he took my phone"
    page = client.get(detail).content.decode()
    assert "More: &lt;img src=x onerror=alert(1)&gt;he took my phone" in page and "<img src=x" not in page


def test_an_empty_reply_says_what_to_do(client):
    complaint = ComplaintFactory()
    detail = _unlock(client, complaint).url
    assert "Write a message or choose a file to add." in client.post(detail, {"body": ""}).content.decode()


def test_tracking_pages_are_private_and_not_indexed(client):
    complaint = ComplaintFactory()
    detail = client.get(_unlock(client, complaint).url)
    assert "no-store" in detail["Cache-Control"]
    assert detail["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in detail.content.decode()


def test_my_complaints_lists_only_mine_with_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from tests.factories import UserFactory

    me = UserFactory()
    ComplaintFactory.create_batch(15, submitted_by=me)
    ComplaintFactory(submitted_by=UserFactory(), tracking_code="CG-NOTM-INEE")
    client.force_login(me)
    with django_assert_max_num_queries(8):
        page = client.get("/complaints/mine/").content.decode()
    assert page.count("/complaints/track/CG-") == 15
    assert "CG-NOTM-INEE" not in page
