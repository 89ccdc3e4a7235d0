"""Statements and speakers in the store: one speaker across documents, per-document accounts, export rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from onrecord.models import (
    Article,
    DecodedText,
    MediaType,
    RawDocument,
    Span,
    Speaker,
    SpeakerKind,
    Statement,
    StatementKind,
)
from onrecord.store import Store
from onrecord.store import documents as docs
from onrecord.store import statements as sts

TEXT = "Minister Ada Varga said the talks would continue. She added that trust takes time."


def _doc(store: Store, data: bytes, source: str) -> int:
    with store.transaction() as conn:
        return docs.insert_document(
            conn, RawDocument(source, data, MediaType.TEXT), DecodedText(TEXT, "utf-8"), Article(TEXT), "t"
        )


def _statements(role: str) -> list[Statement]:
    varga = Speaker(
        "Ada Varga", SpeakerKind.PERSON, roles=(role,), country="Hungary", aliases=("Varga", "She")
    )
    return [
        Statement(
            content=Span.of(TEXT, 24, 48),
            speaker=varga,
            kind=StatementKind.INDIRECT,
            cue=Span.of(TEXT, 19, 23),
            speaker_mention=Span.of(TEXT, 9, 18),
        ),
        Statement(
            content=Span.of(TEXT, 65, 81),
            speaker=varga,
            kind=StatementKind.INDIRECT,
            cue=Span.of(TEXT, 54, 59),
            speaker_mention=Span.of(TEXT, 50, 53),
        ),
    ]


def test_one_speaker_across_documents_with_each_documents_account(db_path: Path) -> None:
    with Store(db_path) as store:
        first, second = _doc(store, b"one", "a.txt"), _doc(store, b"two", "b.txt")
        with store.transaction() as conn:
            sts.insert_statements(conn, first, _statements("minister of justice"))
            sts.insert_statements(conn, second, _statements("foreign minister"))
        speakers = list(sts.iter_speakers(store.conn))
        assert len(speakers) == 1
        assert speakers[0].statements == 4 and speakers[0].documents == 2
        assert set(speakers[0].roles) == {"minister of justice", "foreign minister"}
        assert {"Varga", "She"} <= set(speakers[0].aliases)
        per_doc = [s.statement.speaker.roles for s in sts.iter_statements(store.conn, document_id=second)]
        assert per_doc == [("foreign minister",), ("foreign minister",)]


def test_statements_round_trip_and_export_rows_index_the_text(db_path: Path) -> None:
    with Store(db_path) as store:
        doc_id = _doc(store, b"one", "a.txt")
        with store.transaction() as conn:
            sts.insert_statements(conn, doc_id, _statements("minister"))
        stored = list(sts.iter_statements(store.conn, speaker="varga"))
        expected = [
            replace(s, speaker=replace(s.speaker, aliases=("She", "Varga"))) for s in _statements("minister")
        ]
        assert [s.statement for s in stored] == expected
        row = sts.statement_row(stored[0], {"id": doc_id})
        for key in ("content", "cue", "speaker_mention"):
            span = row[key]
            assert isinstance(span, dict)
            assert TEXT[span["start"] : span["end"]] == span["text"]
        assert row["speaker"] == {
            "name": "Ada Varga",
            "kind": "person",
            "roles": ["minister"],
            "affiliation": None,
            "country": "Hungary",
            "on_behalf_of": None,
            "members": [],
        }


def test_a_namesake_of_another_kind_is_another_speaker(db_path: Path) -> None:
    with Store(db_path) as store:
        doc_id = _doc(store, b"one", "a.txt")
        georgia_state = Speaker("Georgia", SpeakerKind.STATE)
        georgia_person = Speaker("Georgia", SpeakerKind.PERSON)
        content = Span.of(TEXT, 24, 48)
        with store.transaction() as conn:
            sts.insert_statements(
                conn,
                doc_id,
                [
                    Statement(content, georgia_state, StatementKind.INDIRECT),
                    Statement(content, georgia_person, StatementKind.INDIRECT),
                ],
            )
        assert len(list(sts.iter_speakers(store.conn))) == 2
