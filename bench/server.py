"""What the benchmarks that start gunicorn share: the address of the throwaway database they made, for gunicorn's
DATABASE_URL (their ports come from tests.ports)."""

from django.db import connection


def database_url() -> str:
    """The test database the bench created, as a DATABASE_URL."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"
