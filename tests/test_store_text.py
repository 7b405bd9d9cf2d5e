"""Text the store keeps (a stance's note, a source, a reason): every control character of Unicode (C0, DEL,
C1) is refused, naming it and where it is, except a line feed, a return and a tab; any other text is kept,
scripts and marks included. The categories are Unicode's own (``unicodedata``)."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from whipcount.errors import InputError
from whipcount.storage.store_core import check_text

CONTROLS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cc"]


def test_there_are_65_control_characters_and_each_is_refused_but_three() -> None:
    assert len(CONTROLS) == 65  # U+0000-001F, U+007F, U+0080-009F
    for c in CONTROLS:
        text = f"ab{c}cd"
        if c in "\n\r\t":  # a line break is kept as LF, whatever the sender wrote (CR LF, CR)
            assert check_text("note", text, 100) == text.replace("\r", "\n")
        else:
            with pytest.raises(InputError, match=rf"^note: control characters .*U\+{ord(c):04X} at character 3"):
                check_text("note", text, 100)


@pytest.mark.parametrize("text", ["PTI's 20 dissidents", "تحریک انصاف", "Ayaz Sādiq", "a\u200bb", "🗳️ 174",
                                  "line one\nline two", "x" * 100])
def test_other_text_is_kept_trimmed(text: str) -> None:
    assert check_text("note", f"  {text} ", 100) == text


def test_too_long_or_empty() -> None:
    with pytest.raises(InputError, match="note: expected at most 100 characters, got 101"):
        check_text("note", "x" * 101, 100)
    assert check_text("note", "   ", 100) is None and check_text("note", None, 100) is None
