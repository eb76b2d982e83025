"""While the database is away, visitors get a translated 503 with Retry-After, not a 500
(issue 10 #1).

Most tests refuse every query through Django's documented query hook
(``connection.execute_wrapper``), which raises the error a lost server gives; the
PostgreSQL test points the connection at a port where nothing listens.
"""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from accounts.models import Role
from tests.core.jobs_support import PORTS
from tests.factories import member
from tests.ports import free_port

pytestmark = pytest.mark.django_db


def _server_gone(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


def _visitor(**headers) -> Client:
    return Client(raise_request_exception=False, **headers)


def test_a_public_page_answers_a_translated_503_with_retry_after_while_the_database_is_away():
    visitor = _visitor(HTTP_ACCEPT_LANGUAGE="es")
    with connection.execute_wrapper(_server_gone):
        response = visitor.get("/complaints/new/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Temporalmente no disponible" in body
    assert "Nada de lo que ya envió se ha perdido" in body


def test_a_signed_in_visitor_gets_the_503_page_when_their_session_cannot_be_read(world):
    visitor = _visitor()
    visitor.force_login(member(Role.COORDINATOR, district=world.a))
    with connection.execute_wrapper(_server_gone):
        response = visitor.get("/staff/")  # the staff guard reads the session before any view runs
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()


def test_the_site_works_again_once_the_database_is_back():
    visitor = _visitor()
    with connection.execute_wrapper(_server_gone):
        assert visitor.get("/complaints/new/").status_code == 503
    assert visitor.get("/complaints/new/").status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real unreachable server needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_when_postgresql_cannot_be_reached():
    settings_dict = connection.settings_dict
    real = settings_dict["HOST"], settings_dict["PORT"]
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(free_port(PORTS))  # nothing listens there
    try:
        response = _visitor().get("/complaints/new/")
    finally:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = real
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
