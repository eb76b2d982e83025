"""Small tasks the job tests enqueue (a dotted path the worker subprocess can import)."""

import pathlib
import time

from django_tasks import task


@task()
def echo(value: str) -> str:
    return value


@task()
def wait_while_file_exists(path: str) -> str:
    """Blocks while ``path`` exists: a job a worker can be killed in the middle of."""
    while pathlib.Path(path).exists():
        time.sleep(0.05)
    return "done"


@task()
def always_fails() -> None:
    raise RuntimeError("this periodic job always fails")


@task()
def tick() -> str:
    return "tick"


@task()
def database_lost_once(flag: str) -> str:
    """Fails like a query on a lost connection the first time (while ``flag`` exists)."""
    from django.db import OperationalError

    marker = pathlib.Path(flag)
    if marker.exists():
        marker.unlink()
        raise OperationalError("server closed the connection unexpectedly")
    return "ok"
