"""Research tags are taken out of sources shown to the user."""

import pytest

from pa_employer.core.source_tags import without_tags


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("[S33][S89] gov.scot Adult social care", "gov.scot Adult social care"),
        ("[S33] gov.scot pay; [S90] SDS Forth Valley", "gov.scot pay; SDS Forth Valley"),
        ("HMRC rates [S12]", "HMRC rates"),
        ("No tags here", "No tags here"),
        ("Keep [Section 3] and S30", "Keep [Section 3] and S30"),
        ("", ""),
    ],
)
def test_without_tags(source: str, shown: str) -> None:
    assert without_tags(source) == shown
