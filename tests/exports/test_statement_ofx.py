"""Reading OFX statements with ofxtools: FITID as the reference, ledger balance closing."""

from pathlib import Path

import pytest

from pa_employer.core.validation import InputError
from pa_employer.exports.statement_ofx import looks_like_ofx, read_statement_ofx

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "statement-example.ofx"


def test_example_ofx():
    data = EXAMPLE.read_bytes()
    assert looks_like_ofx(data)
    result = read_statement_ofx(data, EXAMPLE.name)
    assert result.layout == "ofx"
    assert [r.amount_pence for r in result.rows] == [200000, -12000, -450]
    assert [r.reference for r in result.rows] == ["202603030001", "202603050001", "202603120001"]
    assert result.closing_pence == 372550
    assert result.opening_pence == 372550 - (200000 - 12000 - 450)
    assert str(result.start) == "2026-03-01" and str(result.end) == "2026-03-31"


def test_not_ofx_is_refused_naming_the_file():
    assert not looks_like_ofx(b"Date,Description\n")
    with pytest.raises(InputError) as err:
        read_statement_ofx(b"OFXHEADER:100\n\n<OFX><BROKEN>", "bad.ofx")
    assert err.value.location == "bad.ofx"
