"""Where a route answers: on the server's event loop while its requests are quick, on a worker thread
while they have lately been slow.

Handing a request to a worker thread and back costs more than most requests on a store of thousands of
statements (the event loop and the threads take turns at the interpreter, the more often the more
clients there are), so routes answer on the event loop. A request that takes long there holds up every
other one, though: on a store of a million statements a search page can take seconds, most of it in
SQLite, which on a worker thread reads without holding the interpreter while the loop answers the
others. So each route keeps the running average of its requests' times and moves to a worker thread
when it passes ``SLOW_SECONDS`` (and back when it falls below).
"""

from __future__ import annotations

SLOW_SECONDS = 0.05  # a route whose requests take longer than this on average answers on a worker thread
_WEIGHT = 0.2  # of the latest request in the running average (one slow first request does not move it)


class Placement:
    """The running average of one route's request times, and so where it answers."""

    def __init__(self) -> None:
        self.average = 0.0  # seconds

    def on_thread(self, slow_seconds: float = SLOW_SECONDS) -> bool:
        return self.average > slow_seconds

    def took(self, seconds: float) -> None:
        # threads and the loop may both report: a report lost to a race only delays a move
        self.average += _WEIGHT * (seconds - self.average)
