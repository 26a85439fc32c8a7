"""The shop behind the integrations: same results in both modes, no reflection, real server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from tests.test_examples import _run

ROOT = Path(__file__).resolve().parents[2]
SESSION = "tests.integrations.shop_web_session"
WORKERS = "tests.integrations.shop_workers_session"
GENERATED = "generated.shop_container:Container"


def test_the_web_app_answers_alike_in_both_modes_without_reflection() -> None:
    """Runtime and generated (reflection forbidden per request) give the same responses."""
    runtime = _run(SESSION, None)
    assert _run(SESSION, GENERATED, guard=True) == runtime
    assert '"one_session": true' in runtime[0] and '"session": 2' in runtime[1]
    assert runtime[3:5] == ["linus is user 3 (session 4)", "guido is user 4 (session 4)"]
    assert runtime[-2:] == ["session 4 opened", "session 4 closed after 4 statements"]


def test_taskiq_and_fastmcp_work_alike_in_both_modes_without_reflection() -> None:
    """Tasks and tool calls: same results in both modes, none reflecting in generated mode."""
    runtime = _run(WORKERS, None)
    assert _run(WORKERS, GENERATED, guard=True) == runtime
    assert runtime[:3] == [
        "ada ordered book for 12.50",
        "grace ordered book for 12.50",
        "ada 12.50; grace 12.50",
    ]
    assert runtime.count("report stream closed") == 1


@pytest.fixture
def served_shop() -> Iterator[str]:
    """The shop under uvicorn (generated mode) on a free local port; always stopped.

    The socket is bound here and handed to uvicorn (``--fd``), so no other process can take
    the port in between.
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    env = {**os.environ, "INJECTQ_CONTAINER": GENERATED}
    command = [sys.executable, "-m", "uvicorn", "--factory", "examples.shop.web:create_app"]
    command += ["--fd", str(listener.fileno()), "--log-level", "info", "--no-access-log"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, pass_fds=(listener.fileno(),), stderr=subprocess.PIPE
    )
    listener.close()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log = server.stderr.read().decode() if server.stderr else ""
        # uvicorn re-raises the signal it stopped on, after a graceful shutdown
        assert server.returncode in (0, -signal.SIGTERM), log
        assert "Application shutdown complete" in log, log


def _wait_until_up(base: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            httpx.get(f"{base}/events", timeout=1.0)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_the_served_app_speaks_http_and_websocket(served_shop: str) -> None:
    """Over real sockets: each request and each connection has its own session."""
    base = f"http://{served_shop}"
    _wait_until_up(base)
    with httpx.Client(base_url=base, timeout=10.0) as client:
        order = {"name": "ada", "item": "keyboard", "total": 120.0}
        first = client.post("/orders", json=order).json()
        second = client.post("/orders", json={**order, "name": "bob"}).json()
        assert first["one_session"] and first["session"] != second["session"]
        with connect(f"ws://{served_shop}/customers", open_timeout=10, close_timeout=5) as ws:
            ws.send("grace")
            greeting = str(ws.recv(timeout=10))
            ws.send("linus")
            again = str(ws.recv(timeout=10))
        assert greeting.split("session")[1] == again.split("session")[1]
        events = client.get("/events").json()
    session = greeting.split("session ")[1].rstrip(")")
    assert f"session {session} closed after 4 statements" in events
