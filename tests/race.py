"""Running calls at the same moment, each in its own thread and database connection, as two requests or two
workers would (PostgreSQL: SQLite serialises every writer, so nothing can race there)."""

import threading

from django.db import connections


def at_once(*calls, timeout: float = 30) -> list:
    """Runs every call in its own thread, all released together, and returns their results in order.
    The first exception a call raised is raised here (a thread's exception would otherwise vanish)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - raised again below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    if errors:
        raise errors[0]
    return results
