"""Every page carries the security headers and a strict CSP."""


def test_pages_send_csp_and_security_headers(client, db):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_forms_are_csrf_protected(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403


def test_static_files_are_served_by_the_site_itself(client, db):
    html = client.get("/").content.decode()
    assert 'href="/static/css/site.css"' in html
    assert "cdn" not in html.lower()
