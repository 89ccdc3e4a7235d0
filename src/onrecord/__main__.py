"""``python -m onrecord``: the same command as ``onrecord``."""

from __future__ import annotations

from onrecord.cli import main

if __name__ == "__main__":
    main()
