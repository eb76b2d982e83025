"""No input answers with a server error.

Every page address of the URL permission matrix is opened with an id beyond 64 bits and with a token holding a NUL
character, and every form on its pages, as each role reaches it, is sent back with one field at a time set to an odd
value: a NUL character, a number beyond 64 bits, a negative number, an impossible date, a very long text, an empty
value, an infinite number. The forms are read from the pages, so a new page's forms are tried without a line here;
each form is tried once, as the first role in PEOPLE's order that reaches it.

Slow (minutes, a few thousand requests): marker ``odd_input``. It runs in both CI passes, since the two databases
fail differently (SQLite cannot be sent a number beyond 64 bits; PostgreSQL refuses a NUL and a text longer than its
column)."""

import re
from contextlib import suppress

import pytest
from django.urls import NoReverseMatch, reverse

from tests.html_inputs import page_forms
from tests.workflows.test_url_permission_matrix import MATRIX, PEOPLE

pytestmark = [pytest.mark.django_db, pytest.mark.odd_input]

ODD_VALUES = ("\x00", "9" * 30, "-1", "2026-02-30", "x" * 5000, "", "1e400")
# Forms that leave the site or end the visit.
NOT_TRIED = re.compile(r"^https?:|/logout/|/i18n/")


def _server_error(send, url: str, data=None) -> str:
    """What went wrong when sending ``data`` to ``url`` answered with a server error; empty when it did not."""
    try:
        status = send(url, data).status_code
    except Exception as error:  # noqa: BLE001 - the test client re-raises what became a 500
        return f"{type(error).__name__}: {error}"[:200]
    return f"status {status}" if status >= 500 else ""


def _form_key(form: dict, url: str) -> tuple:
    return re.sub(r"\d+", "N", form["action"] or url), form["method"], tuple(sorted(form["fields"]))


def test_no_form_answers_a_server_error_to_an_odd_value_in_any_field(client, everyone_on_a_case):
    world = everyone_on_a_case
    tried, failures = set(), []
    for who in PEOPLE:
        person = world.people[who]
        for name, (kwargs_for, get_expected, _post) in sorted(MATRIX.items()):
            if get_expected is None or get_expected(who) != 200:
                continue
            url = reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
            client.logout()
            if person is not None:
                client.force_login(person)
            page = client.get(url)
            if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
                continue
            for form in page_forms(page.content.decode()):
                key = _form_key(form, url)
                if key in tried or NOT_TRIED.search(form["action"]):
                    continue
                tried.add(key)
                send = client.post if form["method"] == "post" else client.get
                for field in form["fields"].keys() - {"csrfmiddlewaretoken"}:
                    for value in ODD_VALUES:
                        if error := _server_error(send, form["action"] or url, {**form["fields"], field: value}):
                            failures.append(f"{who} {name} {form['method'].upper()} {field}={value[:12]!r}: {error}")
                    if person is not None:  # a form may have signed the person out
                        client.force_login(person)
    assert not failures, "\n".join(failures)
    assert len(tried) >= 100, f"only {len(tried)} forms found (119 when written): is page_forms still reading them?"


# Values no column holds, put in place of every id (numbers) and every token or code (texts) of a page address.
ODD_IDS = (2**63, 10**30)
ODD_TOKENS = ("a\x00b",)


def _odd_addresses(name: str, kwargs: dict):
    """``name``'s address with each kind of argument (ids, texts) replaced by each odd value for it."""
    ids = [key for key, value in kwargs.items() if isinstance(value, int) or str(value).isdigit()]
    texts = kwargs.keys() - set(ids)
    for keys, values in ((ids, ODD_IDS), (texts, ODD_TOKENS)):
        for value in values if keys else ():
            with suppress(NoReverseMatch):  # the converter takes no such value (a slug takes no NUL): never routed
                yield reverse(name, kwargs={**kwargs, **dict.fromkeys(keys, value)})


def test_a_page_address_with_an_id_or_a_token_no_record_can_have_is_no_server_error(client, everyone_on_a_case):
    world = everyone_on_a_case
    client.force_login(world.people["coordinator"])
    failures = []
    for name, (kwargs_for, _get, _post) in sorted(MATRIX.items()):
        for url in _odd_addresses(name, kwargs_for(world) if kwargs_for else {}):
            for send in (client.get, client.post):
                if error := _server_error(send, url):
                    failures.append(f"{send.__name__.upper()} {url}: {error}")
    assert not failures, "\n".join(failures)
