"""The database goes away and comes back: friendly 503s for pages, the symptom check's
outcome still shown (unsaved), nothing stored, recovery by itself."""

import contextlib
import os
import socket
import threading
import time
from urllib.parse import urlparse

import pytest

from support.liveserver import NOT_SAVED, ON_POSTGRES, OUTCOME, wait_for

pytestmark = pytest.mark.live


class TcpForwarder:
    """A loopback hop in front of PostgreSQL that can be cut, as a network or server failure."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None
        # A partition: connections are accepted and kept, and nothing gets through.
        self.silent = threading.Event()

    def silence(self) -> None:
        self.silent.set()

    def heal(self) -> None:
        """Connections from the silence are broken (what was sent is lost): end them."""
        self.stop()
        self.silent.clear()
        self.start()

    def start(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self) -> None:
        for sock in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if self.silent.is_set():
                self.sockets.append(client)
                threading.Thread(target=self._pump, args=(client, None), daemon=True).start()
                continue
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket | None) -> None:
        try:
            while data := source.recv(65536):
                if sink is not None and not self.silent.is_set():
                    sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError, AttributeError):
                    sock.shutdown(socket.SHUT_RDWR)


def assert_down(server) -> None:
    assert wait_for(lambda: server.get("/readyz")[0] == 503)
    assert server.get("/healthz")[0] == 200  # the process serves: no restart wanted
    # A page not in the page cache (one that is may still be served from it for a while).
    status, page = server.get("/articles/twitching-in-the-stomach/")
    assert status == 503
    assert b"Sorry, the service is unavailable" in page
    assert b"Traceback" not in page
    # The symptom check still gives its outcome, saying it was not saved, and why is logged.
    status, _, page = server.outcome_page()
    assert status == 200 and OUTCOME in page and NOT_SAVED in page
    assert wait_for(lambda: "symptom check storage failed" in server.log.read_text())


def assert_back(server) -> None:
    assert wait_for(lambda: server.get("/readyz")[0] == 200)
    assert server.get("/articles/multiple-sclerosis/")[0] == 200
    assert server.check_symptoms()[2]


@pytest.mark.skipif(ON_POSTGRES, reason="this suite runs on PostgreSQL: see the test below")
def test_sqlite_file_gone_gives_503_and_the_site_recovers_when_it_is_back(server):
    assert_back(server)
    stored_before = len(server.stored_keys())
    path = server.sqlite_path
    names = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    files = [file for file in names if file.exists()]
    for file in files:
        os.replace(file, file.with_name(file.name + ".away"))
    try:
        assert_down(server)
    finally:
        for file in names:
            file.unlink(missing_ok=True)  # the empty database made while it was away
        for file in files:
            os.replace(file.with_name(file.name + ".away"), file)
    assert_back(server)
    assert len(server.stored_keys()) == stored_before + 1  # only the check made after


@pytest.fixture
def forwarded(live_server_factory, scratch_database):
    """A live server whose PostgreSQL is reached through a forwarder the test controls."""
    url = urlparse(scratch_database)
    forwarder = TcpForwarder((url.hostname, url.port or 5432))
    forwarder.start()
    try:
        netloc = f"{url.username}@127.0.0.1:{forwarder.port}"
        server = live_server_factory(url._replace(netloc=netloc).geturl())
        assert_back(server)
        yield server, forwarder
    finally:
        forwarder.stop()


@pytest.mark.skipif(not ON_POSTGRES, reason="this suite runs on SQLite: see the test above")
def test_postgresql_unreachable_gives_503_and_the_site_recovers_when_it_is_back(forwarded):
    server, forwarder = forwarded
    stored_before = len(server.stored_keys())
    forwarder.stop()
    assert_down(server)
    forwarder.start()
    assert_back(server)
    assert len(server.stored_keys()) == stored_before + 1


@pytest.mark.skipif(not ON_POSTGRES, reason="a partition is between the app and PostgreSQL")
def test_postgresql_gone_silent_costs_seconds_not_minutes_and_the_site_recovers(forwarded):
    server, forwarder = forwarded
    bound = 5 * 2  # five times the connect timeout: the longest any one wait may be
    stored_before = len(server.stored_keys())
    forwarder.silence()
    started = time.monotonic()
    assert server.get("/healthz")[0] == 200
    assert time.monotonic() - started < 1  # liveness never waits on the database
    for _ in range(3):
        started = time.monotonic()
        status, page = server.get("/articles/twitching-in-the-stomach/")
        assert status == 503 and b"Sorry, the service is unavailable" in page
        assert server.get("/readyz")[0] == 503
        status, _, page = server.outcome_page()
        assert status == 200 and OUTCOME in page and NOT_SAVED in page
        assert time.monotonic() - started < 3 * bound
    assert wait_for(lambda: "timeout expired" in server.log.read_text())
    forwarder.heal()
    assert_back(server)
    assert len(server.stored_keys()) == stored_before + 1
