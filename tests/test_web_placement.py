"""Routes answer on the event loop while they are quick and move to a worker thread while they are slow
(``web.placement``)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from starlette.testclient import TestClient

from onrecord.store import Store
from onrecord.web import create_app
from onrecord.web.placement import SLOW_SECONDS, Placement


def test_a_route_moves_to_a_thread_while_it_is_slow_and_back_when_quick() -> None:
    route = Placement()
    for _ in range(20):
        route.took(0.002)
    assert not route.on_thread()
    route.took(0.2)  # one slow request (a template compiled, a cold page) does not move it
    assert not route.on_thread()
    for _ in range(5):
        route.took(2.0)  # a search over a million statements
    assert route.on_thread()
    for _ in range(30):
        route.took(0.002)
    assert not route.on_thread()
    assert route.on_thread(slow_seconds=0.0)


def _threads_answering(db: Path, slow_seconds: float) -> list[str]:
    app = create_app(db, slow_seconds=slow_seconds)
    opener, names = app.state.connection, []

    def recorded() -> sqlite3.Connection:
        names.append(threading.current_thread().name)
        conn: sqlite3.Connection = opener()
        return conn

    app.state.connection = recorded
    with TestClient(app) as client:
        for path in ("/api/v1/speakers", "/speakers", "/api/v1/speakers", "/speakers", "/api/v1/speakers"):
            assert client.get(path).status_code == 200
    return names


def test_quick_routes_answer_on_the_loop_and_slow_ones_on_worker_threads(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    on_loop = _threads_answering(db, SLOW_SECONDS)
    assert len(set(on_loop)) == 1 and "portal" in on_loop[0], on_loop  # TestClient's event loop
    slow = _threads_answering(db, 0.0)  # every route is slow after its first request
    assert all("portal" in name for name in slow[:2]), slow
    assert all("worker" in name for name in slow[2:]), slow
