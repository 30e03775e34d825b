"""Text clean-up shared by the plan readers."""

from __future__ import annotations

import re

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》〔〕、，。；：（）"
# Whitespace next to a Chinese character is layout (line wraps, cells
# extracted from a table), never meaning.
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_TAGS = re.compile(r"</?p\s*>|\[bookmark:[^\]]*\]", re.I)


def clean(text: str) -> str:
    text = _TAGS.sub(" ", text).replace("\u00a0", " ")
    text = _SPACE_NEAR_CJK.sub("", text)
    return re.sub(r"\s+", " ", text).strip()
