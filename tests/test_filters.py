"""The statement filters as declared data: read from text, checked, compared, and each one's SQL valid
against a real (empty) store."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import ConfigError
from onrecord.search import Query, search
from onrecord.store import Store
from onrecord.store.filters import FILTERS, SQLITE_MAX_INT, StatementFilter, parse_filters


def test_filters_from_text_by_name_or_public_name() -> None:
    parsed = parse_filters(
        {"country": "China", "session": " 55 ", "from": "2024-01-01", "date_to": "2024-12-31"}
    )
    assert parsed == StatementFilter(
        country="China", session=55, date_from="2024-01-01", date_to="2024-12-31"
    )
    assert parsed.public() == {"country": "China", "from": "2024-01-01", "session": 55, "to": "2024-12-31"}
    assert parse_filters({"speaker": "", "body": None, "kind": "  "}) == StatementFilter()


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ({"colour": "red"}, "unknown filter 'colour'"),
        ({"session": "fifty"}, "session: expected a whole number"),
        ({"session": str(2**63)}, "out of range"),
        ({"speaker": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_filters_are_clear_errors(given: dict[str, str], says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        parse_filters(given)


def test_a_filter_is_a_value() -> None:
    one = StatementFilter(speaker="Wang", session=55)
    assert one == StatementFilter(session=55, speaker="Wang") and hash(one) == hash(
        StatementFilter(session=55, speaker="Wang")
    )
    assert one.speaker == "Wang" and one.body is None and bool(one) and not StatementFilter()
    assert one.replace(session=None) == StatementFilter(speaker="Wang")
    assert "speaker='Wang'" in repr(one)
    with pytest.raises(AttributeError):
        one.speaker = "Li"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        _ = one.colour
    with pytest.raises(ConfigError, match="unknown filters"):
        StatementFilter(colour="red")
    with pytest.raises(ConfigError, match="expected a whole number"):
        StatementFilter(session="55")
    with pytest.raises(ConfigError, match="expected text"):
        StatementFilter(speaker=55)


def test_every_declared_filter_is_valid_sql(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        for declared in FILTERS:
            value: str | int = SQLITE_MAX_INT if declared.type is int else "x"
            assert search(store.conn, Query("rights", StatementFilter(**{declared.name: value}))).total == 0
            assert search(store.conn, Query("", StatementFilter(**{declared.name: value}))).total == 0


def test_an_export_reads_the_statements_the_filters_keep(tmp_path: Path) -> None:
    from onrecord.process import ingest
    from onrecord.settings import Settings
    from onrecord.store.statements import export_rows

    db = tmp_path / "x.db"
    text = tmp_path / "said.txt"
    text.write_text(
        'Council hears two delegates\n\nThe delegate of Veldoria, Rena Tolvik, said on Monday that "dialogue'
        ' must come first." Ambassador Ilse Marrow of Arvenia said that "pressure works better."\n',
        encoding="utf-8",
    )
    with Store(db) as store:
        ingest([str(text)], store, Settings.load({}, db=db))
        every = list(export_rows(store.conn))
        kept = list(export_rows(store.conn, parse_filters({"speaker": "tolvik"})))
    assert len(every) >= 2 and kept and len(kept) < len(every)
    assert {row["speaker"]["name"] for row in kept} == {"Rena Tolvik"}  # type: ignore[index]
