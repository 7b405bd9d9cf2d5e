"""`whipcount serve` refuses options it cannot use with one line, before it opens a database or a port."""

from __future__ import annotations

from pathlib import Path

import pytest


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("--session-idle", "nan", "expected a number in the range 0.01<=x<=2160, got nan"),
    ("--session-lifetime", "nan", "expected a number in the range 0.01<=x<=365, got nan"),
    ("--session-lifetime", "NaN", "expected a number in the range 0.01<=x<=365, got nan"),
])
def test_a_session_length_that_is_not_a_number_is_refused(run_cli, tmp_path: Path, option: str, value: str,
                                                           expected: str) -> None:  # type: ignore[no-untyped-def]
    """'nan' passed click's range check (it compares false with both ends): a ValueError traceback."""
    r = run_cli("serve", "--db", f"sqlite:///{tmp_path / 'w.db'}", option, value)
    assert r.code == 1
    assert _one_line(r.err) == f"error: Invalid value for '{option}': {expected}"
    assert list(tmp_path.iterdir()) == []  # no database made
