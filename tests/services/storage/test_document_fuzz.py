"""``load`` of a damaged employer document: each changed value or removed key is loaded or
refused with an InputError naming the document, never another exception, and a refused
document leaves no file behind."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pa_employer.core.validation import InputError
from pa_employer.services.storage.dump import employer_document
from pa_employer.services.storage.load import load_file
from tests import factories
from tests.conftest import fixed_clock
from tests.import_fuzz import AWKWARD

_NUMBERS = itertools.count()
_VALUES = st.one_of(
    st.sampled_from(AWKWARD),
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("document")
    with factories.make_employer_file(folder / "jean.paemployer", fixed_clock) as ef:
        return employer_document(ef)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in the document (not the binary data)."""
    out = [path] if path else []
    if isinstance(value, dict) and "base64" not in value:
        for key, inner in value.items():
            out += _places(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:3]):
            out += _places(inner, (*path, index))
    return out


def _set(document: Any, path: tuple[Any, ...], value: Any, remove: bool) -> None:
    """Change (or remove) the value at ``path``; nothing when an earlier change took the
    path away."""
    *parents, last = path
    try:
        for key in parents:
            document = document[key]
        if remove and isinstance(document, dict):
            document.pop(last, None)
        elif isinstance(document, (dict, list)):
            document[last] = value
    except (KeyError, IndexError, TypeError):
        return


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_damaged_document_is_loaded_or_refused_cleanly(document, tmp_path: Path, data):
    damaged = json.loads(json.dumps(document))
    places = _places(damaged)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(places))
        _set(damaged, path, data.draw(_VALUES), data.draw(st.booleans()))
    source = tmp_path / f"doc-{next(_NUMBERS)}.json"  # a new name each example
    source.write_text(json.dumps(damaged, allow_nan=True), encoding="utf-8")
    out = source.with_suffix(".paemployer")
    try:
        load_file(source, out, user="fuzz", clock=fixed_clock)
    except InputError as exc:
        assert str(source) in exc.location
        assert exc.problems and all(p.field.strip() for p in exc.problems)
        assert not out.exists(), "a refused document leaves no file"
    else:
        assert out.exists()
