"""A sent return's figures read back from the JSON kept: the same figures, a field added
since takes its default, and what cannot be read says what is missing."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from pa_employer.core.council.return_json import KeptFiguresError, figures_from_json
from pa_employer.core.council.returns import to_json
from tests.reports import return_factory as make


@pytest.mark.parametrize(
    "figures",
    [
        make.figures(),
        make.figures(lines=25, adjustments=True),
        make.submitted(),
        replace(make.figures(), sections=("header", "declaration"), signer=""),
    ],
)
def test_the_kept_json_gives_back_the_same_figures(figures):
    back = figures_from_json(to_json(figures))
    assert back == figures
    assert to_json(back) == to_json(figures)


def test_a_field_added_since_takes_its_default_and_a_missing_one_is_named():
    data = json.loads(to_json(make.submitted()))
    for line in data["expenditure"]["lines"]:
        del line["unpaid"]  # a field with a default, added after the return was sent
    back = figures_from_json(json.dumps(data))
    assert not any(line.unpaid for line in back.expenditure.lines)
    del data["header"]["council"]
    with pytest.raises(KeptFiguresError, match=r"return\.header\.council"):
        figures_from_json(json.dumps(data))
    with pytest.raises(KeptFiguresError, match="not JSON"):
        figures_from_json("{not json")
