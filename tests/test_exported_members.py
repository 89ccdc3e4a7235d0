"""The public API is what ``onrecord.__all__`` says, and every name in it exists."""

from __future__ import annotations

import onrecord


def test_all_names_exist_and_are_sorted() -> None:
    for name in onrecord.__all__:
        assert hasattr(onrecord, name), name
    assert list(onrecord.__all__) == sorted(onrecord.__all__)


def test_the_library_does_not_configure_logging() -> None:
    import logging

    handlers = logging.getLogger("onrecord").handlers
    assert handlers and all(isinstance(h, logging.NullHandler) for h in handlers)
