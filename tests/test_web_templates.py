"""The pages' Jinja environment reads a dict's keys its own, faster way (``pages._Environment``): every
expression must still render exactly as Jinja's own environment renders it."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import jinja2
import pytest

from onrecord.web import pages

DATA: dict[str, Any] = {
    "name": "Rena <b>Tolvik</b>",
    "items": [1, 2],  # a key that is also a dict method: Jinja gives the method
    "count": 0,
    "nested": {"value": "x", "get": "a key named get"},
    "none": None,
    "ordered": OrderedDict(value="from a dict subclass"),
}

EXPRESSIONS = [
    "{{ d.name }}",
    "{{ d.count }}",
    "{{ d.none is none }}",
    "{{ d.missing is defined }}",
    "{{ d.missing | default('none given') }}",
    "{{ d.items is callable }}",
    "{{ d['items'] | join(',') }}",
    "{% for k, v in d.nested.items() %}{{ k }}={{ v }};{% endfor %}",
    "{{ d.nested.value }} {{ d.nested.get('get') }} {{ d.nested.get is callable }}",
    "{{ d.keys() | list | length }}",
    "{{ d.ordered.value }}",
    "{{ d.name.upper() }}",
]


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_expressions_render_as_with_jinjas_own_environment(expression: str) -> None:
    theirs = jinja2.Environment(autoescape=True, undefined=jinja2.Undefined)
    ours = pages.templates.env
    assert isinstance(ours, pages._Environment)
    assert ours.from_string(expression).render(d=DATA) == theirs.from_string(expression).render(d=DATA)


def test_an_undefined_key_is_still_an_error_where_jinja_makes_it_one() -> None:
    strict = pages._Environment(undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.UndefinedError, match="missing"):
        strict.from_string("{{ d.missing }}").render(d=DATA)
