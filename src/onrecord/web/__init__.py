"""The web interface: a JSON API under ``/api/v1/`` and server-rendered pages, read-only, over one store.

Install with ``pip install 'onrecord[web]'`` and run ``onrecord serve``.
"""

from __future__ import annotations

from onrecord.web.app import create_app

__all__ = ["create_app"]
