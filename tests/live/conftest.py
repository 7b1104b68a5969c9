"""Fixtures for tests against a real gunicorn server (see liveserver.py)."""

import os
import secrets
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from support.liveserver import ON_POSTGRES, ROOT, SUITE_DATABASE, LiveServer
from support.services import Nginx, OwnRedis, require_program


@pytest.fixture
def scratch_database(tmp_path):
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path / 'live.sqlite3'}"
        return
    import psycopg

    name = f"twitch_live_{secrets.token_hex(6)}"
    admin_url = urlparse(SUITE_DATABASE)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlparse(SUITE_DATABASE)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture(scope="session")
def collected_static():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1"}  # fmt: skip
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT, env=env, check=True, timeout=300,
    )  # fmt: skip


@pytest.fixture
def live_server_factory(scratch_database, tmp_path, collected_static):
    servers = []

    def make(
        database_url: str | None = None, redis_url: str | None = None, env: dict | None = None
    ) -> LiveServer:
        # A folder each: its own log and metrics files.
        workdir = tmp_path / f"server-{len(servers)}"
        workdir.mkdir()
        server = LiveServer(database_url or scratch_database, workdir)
        if redis_url is not None:
            server.env["REDIS_URL"] = redis_url
        server.env |= env or {}
        server.manage("release")
        server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.kill()


@pytest.fixture
def server(live_server_factory) -> LiveServer:
    return live_server_factory()


@pytest.fixture
def own_redis(tmp_path):
    require_program("redis-server", "redis-server")
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def nginx_factory():
    """nginx with deploy/nginx/ in front of the given app servers."""
    require_program("nginx", "nginx")
    started = []

    def make(*servers: LiveServer, rate_limits: bool = False) -> Nginx:
        nginx = Nginx([server.port for server in servers], rate_limits=rate_limits)
        nginx.start()
        started.append(nginx)
        return nginx

    yield make
    for nginx in started:
        nginx.stop()
