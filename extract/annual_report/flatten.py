"""Splitting a table row whose cells ran together when the table was
flattened to text ("801000081" for 80|1|0|0|0|0|81).

Only splits the row's own constraints allow are accepted: each block of
cells ends with its total (the sum of the cells before it in the block).
Several admissible splits mean the row is ambiguous: we say so and return
the candidates rather than pick one."""

from __future__ import annotations

from dataclasses import dataclass

MAX_CANDIDATES = 20


@dataclass(frozen=True)
class Split:
    values: tuple[int, ...] | None       # the unique admissible split
    candidates: tuple[tuple[int, ...], ...]   # every admissible split (≤ MAX_CANDIDATES)

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def impossible(self) -> bool:
        return not self.candidates


def _pieces(token: str, parts: int) -> list[list[int]]:
    """Every way to cut a digit string into ``parts`` numbers without
    leading zeros."""
    out: list[list[int]] = []

    def rec(i: int, left: int, acc: list[int]) -> None:
        if len(out) > 10_000:
            return
        rest = len(token) - i
        if left == 0:
            if rest == 0:
                out.append(acc[:])
            return
        if rest < left:
            return
        if token[i] == "0":
            rec(i + 1, left - 1, acc + [0])
            return
        for j in range(i + 1, len(token) - left + 2):
            rec(j, left - 1, acc + [int(token[i:j])])

    rec(0, parts, [])
    return out


def split_row(tokens: list[str], blocks: tuple[int, ...]) -> Split:
    """``tokens``: digit strings as printed (whitespace already separates some
    cells; a token may hold several glued cells).  ``blocks``: sizes of the
    row's blocks, each ending in its total, e.g. (7,) for the table of 三,
    (5, 5, 5) for the table of 四."""
    n = sum(blocks)
    if not tokens or not all(t.isdigit() for t in tokens):
        return Split(None, ())
    # Choose how many cells each token holds (≥1 each, summing to n).
    results: list[tuple[int, ...]] = []

    def admissible(values: list[int]) -> bool:
        i = 0
        for size in blocks:
            block = values[i:i + size]
            if sum(block[:-1]) != block[-1]:
                return False
            i += size
        return True

    # Exactly one digit per cell: the split is forced whatever the sums say
    # (the totals are then checked like any other row).
    digits = "".join(tokens)
    if len(digits) == n:
        forced = tuple(int(c) for c in digits)
        return Split(forced, (forced,))

    def rec(k: int, acc: list[int]) -> None:
        if len(results) >= MAX_CANDIDATES:
            return
        if k == len(tokens):
            if len(acc) == n and admissible(acc):
                results.append(tuple(acc))
            return
        remaining_tokens = len(tokens) - k - 1
        room = n - len(acc) - remaining_tokens
        for parts in range(1, min(room, len(tokens[k])) + 1):
            for cut in _pieces(tokens[k], parts):
                rec(k + 1, acc + cut)

    rec(0, [])
    unique = sorted(set(results))
    return Split(unique[0] if len(unique) == 1 else None, tuple(unique))
