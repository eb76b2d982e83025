"""The upload field's help follows the visitor's language (issue 10 #13, the
upload part): it used to be translated once, at import, in English."""

import pytest

from tests.complaints.helpers import ABOUT, INCIDENT, school_with_officer

pytestmark = pytest.mark.django_db


def test_the_upload_help_is_in_spanish_on_the_spanish_form(client):
    client.cookies["django_language"] = "es"
    school, _ = school_with_officer()
    step1 = client.post("/complaints/new/", {**ABOUT, "school": school.pk})
    contact = client.post(step1.url, INCIDENT).url
    page = client.get(contact).content.decode()
    assert "Hasta 5 archivos, de hasta 10 MB cada uno" in page
    assert "Quitamos de cada archivo los datos de ubicación" in page
    assert "Up to 5 files" not in page
