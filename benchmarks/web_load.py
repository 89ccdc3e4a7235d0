"""Throughput and latency of ``onrecord serve`` as concurrent clients are added, on loopback only.

    .venv/bin/python benchmarks/web_load.py --db STORE [--clients 1,4,10,50] [--rounds 3] [--seconds 5]
                                            [--json PATH]

Starts a real ``onrecord serve`` on a free local port over STORE (build one with, e.g.,
``onrecord ingest ../shared/data/news ../shared/seeds --db /tmp/load.db``), reads a few ids from its API,
then runs rounds: in each, every number of clients in turn (forwards in one round, backwards in the
next, so a machine growing busier or quieter weighs on every level alike), each client sending requests
one after the other for ``--seconds`` from a fixed mix (API searches and records, search pages,
statement, speaker, position and event pages). It prints, per number of clients: requests, errors, the
median over rounds of requests per second (and the lowest and highest), p50/p95/p99 latency of all the
rounds' requests and p99 of the API's, the server's CPU time per request, and the throughput as a ratio
to that at ``--against`` clients (4 by default), taken round by round (two levels a few seconds apart)
and then the median. Then it stops the server. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

WORDS = ["rights", "human rights", "dialogue", "sovereignty", "interfere", "women", "council", "review"]


@dataclass(frozen=True, slots=True)
class Run:
    """One level of one round, as measured."""

    clients: int
    seconds: float
    latencies: tuple[float, ...]  # of every request, in seconds
    api: tuple[float, ...]  # of the API's requests
    errors: int
    server_cpu: float  # seconds of CPU the server used (all its processes)
    client_cpu: float  # seconds of CPU this process (the clients) used

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds


@dataclass(frozen=True, slots=True)
class Level:
    """One number of clients over all rounds."""

    clients: int
    rounds: int
    requests: int
    errors: int
    per_second: float  # median over rounds
    per_second_low: float
    per_second_high: float
    p50_ms: float  # over every round's requests
    p95_ms: float
    p99_ms: float
    api_p99_ms: float
    server_cpu_ms: float  # the server's CPU time per request
    client_cpu_ms: float  # this process's (the clients') CPU time per request
    ratio: float  # median over rounds of requests/s against the reference level's in the same round


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _paths(base: str) -> list[str]:
    """The request mix, with ids read from the server's own API."""
    with httpx.Client(base_url=base, timeout=60) as http:
        items = http.get("/api/v1/statements", params={"limit": 50}).json()["items"]
        positions = [p["id"] for p in http.get("/api/v1/positions").json()["items"] if p["statements"]]
        events = [e["id"] for e in http.get("/api/v1/events").json()["items"]][:10]
    if not items:
        raise SystemExit("the store holds no statements: ingest some documents first")
    statements = [i["id"] for i in items][:10]
    speakers = sorted({i["speaker"]["id"] for i in items})[:10]
    paths = []
    for word in WORDS:
        paths += [f"/api/v1/statements?q={quote(word)}", f"/?q={quote(word)}"]
    paths += ["/api/v1/statements?sort=date", "/api/v1/speakers", "/speakers", "/events", "/positions"]
    paths += [f"/api/v1/statements/{i}" for i in statements] + [f"/statements/{i}" for i in statements]
    paths += [f"/api/v1/speakers/{i}" for i in speakers] + [f"/speakers/{i}" for i in speakers]
    paths += [f"/positions/{p}" for p in positions[:5]] + [f"/events/{e}" for e in events[:5]]
    return paths


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its live children have used so far, from /proc (Linux)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # the process or its child
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET on a kept-alive connection; its status. (A plain HTTP/1.1 exchange: a client library's
    own costs would grow with the clients and be measured instead of the server's.)"""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        (int(v) for k, _, v in (h.partition(":") for h in lines[1:]) if k.lower() == "content-length"), None
    )
    if length is None:
        raise ConnectionError(f"{path}: no Content-Length (a streamed answer is not in the mix)")
    await reader.readexactly(length)
    return status


async def _run(base: str, paths: list[str], clients: int, seconds: float, server: int) -> Run:
    latencies: list[float] = []
    api: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    host, port = base.removeprefix("http://").split(":")

    async def client(seed: int) -> None:
        nonlocal errors
        pick = random.Random(seed)
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < deadline:
                path = pick.choice(paths)
                started = time.perf_counter()
                try:
                    ok = await _get(reader, writer, path) == 200
                except (OSError, ConnectionError, asyncio.IncompleteReadError):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                took = time.perf_counter() - started
                if not ok:
                    errors += 1
                latencies.append(took)
                if path.startswith("/api/"):
                    api.append(took)
        finally:
            writer.close()

    started, cpu_server, cpu_client = time.perf_counter(), _cpu_seconds(server), time.process_time()
    await asyncio.gather(*(client(seed) for seed in range(clients)))
    elapsed = time.perf_counter() - started
    cpu_server, cpu_client = _cpu_seconds(server) - cpu_server, time.process_time() - cpu_client
    return Run(clients, elapsed, tuple(latencies), tuple(api), errors, cpu_server, cpu_client)


def _schedule(levels: list[int], rounds: int) -> list[int]:
    """The levels in the order they run: forwards, then backwards, and so on (1,4,50,50,4,1,1,4,50)."""
    return [n for r in range(rounds) for n in (levels if r % 2 == 0 else levels[::-1])]


def summarize(runs: list[Run], against: int) -> list[Level]:
    """Each level over its rounds; its ratio is taken round by round against the level ``against``
    (the k-th run of a level is paired with the k-th run of ``against``), then the median."""
    by_level: dict[int, list[Run]] = {}
    for run in runs:
        by_level.setdefault(run.clients, []).append(run)
    reference = by_level.get(against, [])
    levels = []
    for clients, mine in by_level.items():
        latencies = [t for run in mine for t in run.latencies]
        api = [t for run in mine for t in run.api]
        done = max(len(latencies), 1)
        rates = [run.per_second for run in mine]
        ratios = [run.per_second / ref.per_second for run, ref in zip(mine, reference, strict=False)]
        levels.append(
            Level(
                clients,
                len(mine),
                len(latencies),
                sum(run.errors for run in mine),
                round(statistics.median(rates), 1),
                round(min(rates), 1),
                round(max(rates), 1),
                round(1000 * _percentile(latencies, 0.50), 1),
                round(1000 * _percentile(latencies, 0.95), 1),
                round(1000 * _percentile(latencies, 0.99), 1),
                round(1000 * _percentile(api, 0.99), 1),
                round(1000 * sum(run.server_cpu for run in mine) / done, 2),
                round(1000 * sum(run.client_cpu for run in mine) / done, 2),
                round(statistics.median(ratios), 3) if ratios else float("nan"),
            )
        )
    return sorted(levels, key=lambda level: level.clients)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True, help="the store to serve")
    parser.add_argument(
        "--clients", default="1,4,10,50", help="numbers of concurrent clients, comma-separated"
    )
    parser.add_argument("--rounds", type=int, default=3, help="how many times each level runs")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long each level runs each round")
    parser.add_argument(
        "--against", type=int, default=4, help="the level throughput is compared with (else the first)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    levels = list(dict.fromkeys(int(n) for n in args.clients.split(",")))
    if not levels or min(levels) < 1 or args.rounds < 1 or args.seconds <= 0:
        parser.error("--clients takes positive numbers, --rounds at least 1, --seconds more than 0")
    against = args.against if args.against in levels else levels[0]

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "onrecord", "serve", "--db", str(args.db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if server.poll() is not None:
                    said = server.stderr.read().decode() if server.stderr else ""
                    raise SystemExit(f"onrecord serve stopped: {said}") from None
                time.sleep(0.1)
        paths = _paths(base)
        asyncio.run(_run(base, paths, 2, 1.0, server.pid))  # warm up: templates, caches, connections
        runs = [
            asyncio.run(_run(base, paths, n, args.seconds, server.pid))
            for n in _schedule(levels, args.rounds)
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)
    results = summarize(runs, against)

    machine = f"{platform.machine()} {platform.system()} · {os.cpu_count()} cores"
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{machine} · Python {platform.python_version()} · load average now {load}")
    print(
        f"{len(paths)} paths in the mix, {args.rounds} rounds of {args.seconds:g} s per level,"
        " server: onrecord serve on loopback"
    )
    print(
        f"{'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>7} {'(low-high)':>13} {'p50 ms':>7}"
        f" {'p95 ms':>7} {'p99 ms':>7} {'API p99':>7} {f'vs {against}':>7} {'server CPU/req':>14}"
        f" {'client CPU/req':>14}"
    )
    for level in results:
        spread = f"{level.per_second_low:g}-{level.per_second_high:g}"
        print(
            f"{level.clients:>7} {level.requests:>8} {level.errors:>6} {level.per_second:>7} {spread:>13}"
            f" {level.p50_ms:>7} {level.p95_ms:>7} {level.p99_ms:>7} {level.api_p99_ms:>7}"
            f" {level.ratio:>7.2f} {level.server_cpu_ms:>11} ms {level.client_cpu_ms:>11} ms"
        )
    if args.json:
        rounds = [
            {
                "clients": run.clients,
                "per_second": round(run.per_second, 1),
                "server_cpu_ms": round(1000 * run.server_cpu / max(len(run.latencies), 1), 2),
            }
            for run in runs
        ]
        figures = {
            "load_average": os.getloadavg(),
            "levels": [asdict(level) for level in results],
            "runs": rounds,  # in the order they ran
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
