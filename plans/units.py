"""The 责任单位 cell → lead and cooperating units.

Plans write "X牵头，Y按职责分工落实", "X牵头,会同各部门落实", "X会同Y落实",
"X统筹，Y配合", "各街道办事处；X牵头，…" (independent groups split by ；).
Within a group, units named before or with the 牵头/统筹 segment lead and
those after it cooperate; when nobody is named as lead, the responsible units
listed are the leads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.text import clean

_LEAD = re.compile(r"(牵头|统筹|负责(?!落实))")
_SHARE = re.compile(r"按照?职[责能]分工落实")
_COOP = re.compile(r"(配合|提供指导|协助)")
# Role words trimmed from the end of a segment to leave the unit names.
_TRAILER = re.compile(
    r"(按照?职[责能]分工(落实|强化监管)?|按职责|具体落实|负责落实|做好配合|配合落实|"
    r"牵头落实|提供指导|牵头|统筹|负责|配合|落实|协助)+$"
)


@dataclass(frozen=True)
class Units:
    lead: tuple[str, ...]
    cooperating: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for u in self.lead + self.cooperating:
            seen.setdefault(u, None)
        return tuple(seen)


def _split_outside_parens(text: str, seps: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def _names(segment: str) -> list[str]:
    seg = segment.strip().rstrip("。.")
    seg = _TRAILER.sub("", seg).strip()
    return [n.strip() for n in _split_outside_parens(seg, "、") if n.strip()]


def parse_units(cell: str) -> Units:
    text = clean(cell).rstrip("。. ").replace("牵头、", "牵头，")
    lead: list[str] = []
    coop: list[str] = []
    for group in _split_outside_parens(text, "；;"):
        segments = _split_outside_parens(group, "，,")
        lead_at = next((i for i, s in enumerate(segments) if _LEAD.search(s) or "会同" in s and not s.startswith("会同")), None)
        for i, seg in enumerate(segments):
            if "会同" in seg:
                left, _, right = seg.partition("会同")
                (lead if left else coop).extend(_names(left))
                coop.extend(_names(right))
            elif _COOP.search(seg):
                coop.extend(_names(seg))
            elif lead_at is None and i > 0 and _SHARE.search(seg):
                coop.extend(_names(seg))    # "X，其他单位按职能分工落实"
            elif lead_at is None or i <= lead_at:
                lead.extend(_names(seg))
            else:
                coop.extend(_names(seg))
    dedup = lambda xs: tuple(dict.fromkeys(xs))  # noqa: E731
    lead_t = dedup(lead)
    return Units(lead=lead_t, cooperating=tuple(u for u in dedup(coop) if u not in lead_t))
