"""A real worker subprocess (`manage.py run_worker`) against the test database, and a
way to take that database away from it and give it back.

PostgreSQL: the worker connects through a small TCP proxy on 127.0.0.1; an outage
stops the proxy (every open connection is cut, new ones are refused) and restarts it.
SQLite: the test database lives in memory, so it is copied to a file the worker uses
(``push``) and copied back before the test reads it (``pull``); an outage renames the
file's folder away, so the worker's next connection fails ("unable to open database
file") until it is renamed back.
"""

import contextlib
import os
import pathlib
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection

PORTS = range(8130, 8140)  # this helper's port range on the shared machine


class TcpProxy:
    """Forwards 127.0.0.1:<port> to the database server; ``stop`` cuts every connection."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = None
        self._listener = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for port in [self.port] if self.port else PORTS:
            try:
                listener.bind(("127.0.0.1", port))
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no free port for the database proxy")
        self.port = listener.getsockname()[1]
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


class WorkerDatabase:
    """The test database as seen by worker subprocesses."""

    def __init__(self, tmp_path: pathlib.Path):
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            self.folder = tmp_path / "db"
            self.folder.mkdir()
            self.away = tmp_path / "db-away"
            self.file = "worker.sqlite3"
            self.url = f"sqlite:///{self.folder / self.file}"
            self._here = self.folder
        else:
            params = connection.settings_dict
            self.proxy = TcpProxy((params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432)))
            self.proxy.start()
            auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
            self.url = f"postgres://{auth}@127.0.0.1:{self.proxy.port}/{params['NAME']}"

    def push(self) -> None:
        """Copies the test's database to the worker's (SQLite only; PostgreSQL shares it)."""
        if self.sqlite:
            connection.ensure_connection()
            target = sqlite3.connect(self._here / self.file)
            connection.connection.backup(target)
            target.close()

    def pull(self) -> None:
        """Copies the worker's database back into the test's (SQLite only)."""
        if self.sqlite:
            connection.ensure_connection()
            source = sqlite3.connect(self._here / self.file, timeout=20)
            source.backup(connection.connection)
            source.close()

    def wait_for(self, condition: Callable[[], bool], *, timeout: float = 15, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pull()
            if condition():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what or condition}")

    @contextlib.contextmanager
    def outage(self):
        """The database is unreachable for the worker inside the block."""
        if self.sqlite:
            self.folder.rename(self.away)
            self._here = self.away
            try:
                yield
            finally:
                self.away.rename(self.folder)
                self._here = self.folder
        else:
            self.proxy.stop()
            try:
                yield
            finally:
                self.proxy.start()

    def close(self) -> None:
        if not self.sqlite:
            self.proxy.stop()


class WorkerProcess:
    """``manage.py run_worker`` in a subprocess, with short leases and checks."""

    def __init__(self, db: WorkerDatabase, log_dir: pathlib.Path, *, worker_id: str, queues: str, **env: str):
        self.log = log_dir / f"worker-{worker_id}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": db.url,
            "JOB_LEASE_SECONDS": "2",
            "JOB_CHECK_SECONDS": "1",
            "JOB_DB_RETRY_MAX_SECONDS": "1",
            **env,
        }
        command = [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-startup-delay"]
        command += ["--interval", "0.2", "--queue-name", queues, "--worker-id", worker_id]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=settings.BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT
            )

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")
