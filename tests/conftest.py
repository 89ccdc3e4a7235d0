"""Shared fixtures: the evaluation data folder and a fresh store.

Data-backed tests read ``../shared`` (or ``ONRECORD_SHARED``). Where it is missing they skip on a
developer's machine, but fail when ``ONRECORD_REQUIRE_DATA=1`` (as ``.ci/run`` sets it), so CI can
never pass by skipping the measurements.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _shared_dir() -> Path:
    given = os.environ.get("ONRECORD_SHARED")
    return Path(given).resolve() if given else (ROOT.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder (seeds/, data/, checks/); skips or fails where it is missing."""
    path = _shared_dir()
    if not (path / "data").is_dir():
        message = f"shared data not found at {path} (set ONRECORD_SHARED)"
        if os.environ.get("ONRECORD_REQUIRE_DATA") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh SQLite store in the test's own folder."""
    return tmp_path / "onrecord.db"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# a document whose quotation holds markup: every page must show it as text
HOSTILE = """Delegates clash over <b>markup</b> at the Council

The delegate of Veldoria, Ambassador Rena Tolvik, told the Human Rights Council on Monday 3 March 2025
that "<script>alert('onrecord')</script> human rights must never be used as a pretext to interfere in
the internal affairs of states," and called for dialogue.
"""


@pytest.fixture(scope="session")
def served(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``onrecord serve`` on a free local port, over a store of the seeds, the examples and a
    document holding markup; yields the base URL."""
    folder = tmp_path_factory.mktemp("served")
    db = folder / "served.db"
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    onrecord = str(Path(sys.executable).with_name("onrecord"))
    for source in (shared / "seeds", ROOT / "examples", hostile):
        subprocess.run([onrecord, "ingest", str(source), "--db", str(db)], check=True, capture_output=True)
    port = _free_port()
    log = folder / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [onrecord, "serve", "--db", str(db), "--port", str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"onrecord serve stopped: {log.read_text(errors='replace')}")
                time.sleep(0.1)
        else:
            pytest.fail("onrecord serve did not start listening in 20 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
