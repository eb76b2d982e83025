"""Loopback ports for the servers tests and benches start (SendGrid stub, gunicorn, a database proxy)."""

import socket


def free_port(ports: range | None = None) -> int:
    """A port free on 127.0.0.1: the first of ``ports`` (a range of its own, on a machine other sessions share),
    or, without a range, one the system picks. Nothing listens on it until its caller starts something there."""
    for port in ports if ports is not None else [0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"No free port in {ports.start}-{ports.stop - 1}.")
