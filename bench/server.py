"""What the benchmarks that start gunicorn share: a free loopback port of their own range, and the address of the
throwaway database they made, for gunicorn's DATABASE_URL."""

import socket
import sys

from django.db import connection


def free_port(ports: range) -> int:
    """The first port of ``ports`` free on 127.0.0.1 (each bench has its own range on a shared machine)."""
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit(f"No free port in {ports.start}-{ports.stop - 1}.")


def database_url() -> str:
    """The test database the bench created, as a DATABASE_URL."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"
