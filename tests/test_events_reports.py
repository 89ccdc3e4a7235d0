"""The event of each UPR Working Group report: every one of the 192 reports gives its body, session, day
and State under review, judged the way ``shared/checks/check_wg.py`` judges them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from onrecord.events import find_report_event, find_session, state_name
from onrecord.events.reports import UPR_BODY, UPR_REVIEW
from onrecord.models import Event

FLOORS = json.loads((Path(__file__).parent / "floors" / "events.json").read_text(encoding="utf-8"))


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z ]", " ", (s or "").lower())


def _state_matches(file_stem: str, event: Event) -> bool:
    """check_wg.py's test: the State's name and the file name's country part share their first letters."""
    state = _norm(re.sub(r"\d{4}$", "", file_stem))
    sur = _norm(event.state_under_review).replace(" ", "")
    return bool(sur) and (state[:5] in sur or sur[:5] in state)


@pytest.fixture(scope="module")
def reports(shared: Path) -> dict[str, str]:
    files = sorted((shared / "data" / "upr" / "wg_reports").glob("*.txt"))
    return {f.stem: f.read_text(encoding="utf-8") for f in files}


@pytest.mark.data
def test_every_report_gives_body_session_day_and_state(reports: dict[str, str]) -> None:
    assert len(reports) == 192
    complete = matching = 0
    for stem, text in reports.items():
        event = find_report_event(text)
        assert event is not None, stem
        for span in event.evidence:
            assert text[span.start : span.end] == span.text
        if event.body == UPR_BODY and event.kind == UPR_REVIEW and event.session and event.date:
            complete += 1
        matching += _state_matches(stem, event)
    assert complete >= FLOORS["wg_reports_with_full_event"]
    assert matching >= FLOORS["wg_reports_state_matches_file_name"]


@pytest.mark.data
def test_review_days_fall_inside_the_calendar_sessions(reports: dict[str, str]) -> None:
    """The calendar (written from the OHCHR pages) and the reports (UN documents) agree."""
    inside = 0
    for text in reports.values():
        event = find_report_event(text)
        assert event is not None and event.session is not None and event.date is not None
        session = find_session(UPR_BODY, event.session)
        assert session is not None
        inside += session.contains(event.date)
    assert inside >= FLOORS["wg_reports_review_day_inside_calendar_session"]


def test_an_invented_report_paragraph() -> None:
    text = (
        "Report of the Working Group on the Universal Periodic Review\n"
        "1. The Working Group on the Universal Periodic Review held its twelfth session from 3 to 14 "
        "October 2011. The review of the Republic of Eastland was held at the 16th meeting on 12 October. "
        "The delegation was headed by a fictional minister."
    )
    event = find_report_event(text)
    assert event is not None
    assert (event.body, event.kind, event.session) == (UPR_BODY, UPR_REVIEW, 12)
    assert event.state_under_review == "Republic of Eastland"
    assert str(event.date) == "2011-10-12"  # the year comes from the session
    assert (event.location, event.date_source) == ("Geneva", "explicit")


def test_a_text_that_is_no_report_has_no_report_event() -> None:
    assert find_report_event("The harvest was good this year, farmers said.") is None


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("the Bahamas", "Bahamas"),
        ("Côte d’Ivoire", "Cote d'Ivoire"),
        ("the Democratic People’s Republic of Korea (DPRK)", "Democratic People's Republic of Korea"),
        ("Bolivia (Plurinational State of)", "Bolivia (Plurinational State of)"),
        ("the\n  Republic of Eastland", "Republic of Eastland"),
    ],
)
def test_state_names(raw: str, clean: str) -> None:
    assert state_name(raw) == clean
