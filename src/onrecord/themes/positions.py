"""Positions (placeholder while the gold is labelled)."""

from __future__ import annotations


class PositionClassifier:
    pass
