"""The scorecard's "IPv6 支持情况" section, computed from findings alone.

Built only from the unit's findings whose check id starts with ``ipv6.`` or
``network.``; the layout of ``evidence.details`` is the one written by
checks/ipv6/*.py and checks/network/*.py.  Every key is optional here: a
probe that could not run gives a 无法判定 finding whose details hold only
``probe``/``target``, and a check added later (another ``ipv6.*`` id) is
listed with its status and message without any change to this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from zwgk_audit.model import Citation, Finding, Status

from reports.safe import anchor

PREFIXES = ("ipv6.", "network.")
# Check ids this module lays out specially, in the order of national monitoring.
KNOWN = ("ipv6.aaaa", "ipv6.reachable", "ipv6.content_parity", "ipv6.nameservers", "ipv6.depth",
         "network.gov_cn_domain", "network.https")
DEPTH_LABELS = {"level2": "二级页面", "level3": "三级页面", "resources": "页面资源"}
_RANK = {s: i for i, s in enumerate((Status.FAIL, Status.WARN, Status.UNKNOWN, Status.PENDING,
                                     Status.PASS, Status.NA))}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def in_section(check_id: str) -> bool:
    return check_id.startswith(PREFIXES)


# ---------------------------------------------------------------- tolerant readers

def _map(x: Any) -> Mapping[str, Any]:
    return x if isinstance(x, Mapping) else {}


def _list(x: Any) -> list[Any]:
    return list(x) if isinstance(x, (list, tuple)) else []


def _strs(x: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in _list(x) if v is not None and v != "")


def _num(x: Any) -> float | None:
    if isinstance(x, bool):
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _int(x: Any) -> int | None:
    v = _num(x)
    return int(v) if v is not None else None


def _bool(x: Any) -> bool | None:
    return x if isinstance(x, bool) else None


def _text(x: Any) -> str:
    return "" if x is None else str(x)


def hostport(address: Any, port: Any) -> str:
    a = _text(address)
    if not a:
        return ""
    shown = f"[{a}]" if ":" in a and not a.startswith("[") else a
    return f"{shown}:{port}" if port not in (None, "") else shown


# ---------------------------------------------------------------- the blocks

@dataclass(frozen=True)
class Item:
    """One check of the section: its verdict and message (always shown)."""
    check_id: str
    title: str
    anchor: str
    status: Status
    message: str
    details: Mapping[str, Any]

    @property
    def undecided(self) -> bool:
        return self.status == Status.UNKNOWN


@dataclass(frozen=True)
class Chain:
    item: Item
    steps: tuple[str, ...]                 # host, then each CNAME target
    a: tuple[str, ...]
    aaaa: tuple[str, ...]
    rcode: str
    server: str


@dataclass(frozen=True)
class AddressRow:
    address: str                           # "[2001:db8::1]:443"
    tcp: str                               # "通" or the error, "" when not tested
    tcp_ok: bool | None
    http: str                              # "成功率 …（200 / 200 / 200）"
    rate: float | None                     # from the parity details when available
    http_ok: bool | None


@dataclass(frozen=True)
class Reach:
    item: Item
    rows: tuple[AddressRow, ...]
    ports: tuple[str, ...]
    min_success: float | None
    v4_address: str
    v4_rate: float | None
    v4_statuses: tuple[str, ...]


@dataclass(frozen=True)
class ParityRow:
    address: str
    statuses: tuple[str, ...]
    similarity: float | None
    status_match: bool | None
    size: int | None
    ok: bool | None


@dataclass(frozen=True)
class Parity:
    item: Item
    rows: tuple[ParityRow, ...]
    threshold: float | None
    v4_address: str
    v4_statuses: tuple[str, ...]
    v4_size: int | None


@dataclass(frozen=True)
class NsRow:
    name: str
    a: tuple[str, ...]
    aaaa: tuple[str, ...]
    answers: tuple[tuple[str, bool | None, str], ...]   # (address:port, ok, error)
    error: str

    @property
    def ok(self) -> bool | None:
        if self.error:
            return None
        return bool(self.aaaa) and all(ok for _, ok, _ in self.answers)


@dataclass(frozen=True)
class NameServers:
    item: Item
    zone: str
    rows: tuple[NsRow, ...]


@dataclass(frozen=True)
class DepthRow:
    group: str
    label: str
    ok: int | None
    total: int | None
    found: int | None
    ratio: float | None
    threshold: float | None

    @property
    def passed(self) -> bool | None:
        if self.ratio is None or self.threshold is None:
            return None
        return self.ratio >= self.threshold


@dataclass(frozen=True)
class Depth:
    item: Item
    rows: tuple[DepthRow, ...]
    failing_hosts: tuple[str, ...]
    failing_urls: tuple[tuple[str, str], ...]             # (url, error)
    max_urls: int | None


@dataclass(frozen=True)
class PlanRef:
    """A citation of the section's findings, with its deadline."""
    source: str
    clause: str
    text: str
    deadline: str
    plan_id: str
    overdue: bool | None                   # deadline (ISO) before the audit date
    checks: tuple[str, ...]
    scope: str = ""                        # "IPv6 各项" or the titles of the citing checks


@dataclass(frozen=True)
class NetworkSection:
    status: Status
    counts: Mapping[str, int]
    items: tuple[Item, ...]                # every ipv6./network. check, KNOWN order first
    chain: Chain | None
    reach: Reach | None
    parity: Parity | None
    nameservers: NameServers | None
    depth: Depth | None
    network: tuple[Item, ...]              # network.* checks
    others: tuple[Item, ...]               # ipv6.* checks this module has no layout for
    https: tuple[tuple[str, str], ...]     # (label, value) facts of network.https
    plans: tuple[PlanRef, ...]

    @property
    def ipv6_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.check_id.startswith("ipv6."))

    @property
    def ipv6_status(self) -> Status | None:
        st = [i.status for i in self.ipv6_items]
        return min(st, key=_RANK.__getitem__) if st else None


def _item(f: Finding) -> Item:
    return Item(f.check_id, f.title or f.check_id, anchor(f.check_id), f.status, f.message,
                _map(f.evidence.details))


def _chain(it: Item) -> Chain:
    d = it.details
    steps = _strs(d.get("chain")) or _strs([d.get("host")])
    return Chain(it, steps, _strs(d.get("a")), _strs(d.get("aaaa")), _text(d.get("rcode")),
                 _text(d.get("server")))


def _v6_entries(details: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    out = {}
    for e in _list(details.get("v6")):
        e = _map(e)
        where = hostport(e.get("address"), e.get("port"))
        if where:
            out[where] = e
    return out


def _reach(it: Item, parity: Item | None) -> Reach:
    d = it.details
    need = _num(d.get("min_success"))
    rates = _v6_entries(parity.details) if parity else {}
    order: list[str] = []
    tcp: dict[str, str] = {}
    http: dict[str, str] = {}
    for r in _list(d.get("results")):
        r = _map(r)
        where = _text(r.get("address"))
        if not where:
            continue
        if where not in order:
            order.append(where)
        test = _text(r.get("test")).upper()
        (tcp if test == "TCP" else http)[where] = _text(r.get("result"))
    for where in rates:                       # addresses only the HTTP probe saw
        if where not in order:
            order.append(where)
    rows = []
    for where in order:
        t = tcp.get(where, "")
        rate = _num(_map(rates.get(where)).get("success_rate"))
        rows.append(AddressRow(
            where, t, (t == "通") if t else None, http.get(where, ""), rate,
            (rate >= need) if rate is not None and need is not None else None))
    v4 = _map(d.get("v4"))
    return Reach(it, tuple(rows), _strs(d.get("ports")), need, hostport(v4.get("address"), v4.get("port")),
                 _num(v4.get("success_rate")), _statuses(v4))


def _statuses(e: Mapping[str, Any]) -> tuple[str, ...]:
    sts, errs = _list(e.get("statuses")), _list(e.get("errors"))
    out = []
    for i, s in enumerate(sts):
        err = errs[i] if i < len(errs) else ""
        out.append(_text(s) if s is not None else (_text(err) or "无应答"))
    return tuple(out)


def _parity(it: Item) -> Parity:
    d = it.details
    need = _num(d.get("min_similarity"))
    rows = []
    for where, e in _v6_entries(d).items():
        sim = _num(e.get("similarity"))
        match = _bool(e.get("status_match"))
        ok = None if sim is None or need is None else (sim >= need and match is not False)
        rows.append(ParityRow(where, _statuses(e), sim, match, _int(e.get("size")), ok))
    v4 = _map(d.get("v4"))
    return Parity(it, tuple(rows), need, hostport(v4.get("address"), v4.get("port")), _statuses(v4),
                  _int(v4.get("size")))


def _nameservers(it: Item) -> NameServers:
    d = it.details
    rows = []
    for s in _list(d.get("ns")):
        s = _map(s)
        answers = tuple((hostport(v.get("address"), v.get("port")), _bool(v.get("ok")), _text(v.get("error")))
                        for v in map(_map, _list(s.get("v6"))))
        rows.append(NsRow(_text(s.get("name")), _strs(s.get("a")), _strs(s.get("aaaa")), answers,
                          _text(s.get("error"))))
    return NameServers(it, _text(d.get("zone")), tuple(rows))


def _depth(it: Item) -> Depth:
    d = it.details
    groups = _map(d.get("groups"))
    names = [g for g in DEPTH_LABELS if g in groups] + sorted(str(g) for g in groups if g not in DEPTH_LABELS)
    rows = []
    for g in names:
        x = _map(groups.get(g))
        ok, total = _int(x.get("ok")), _int(x.get("total"))
        share = _num(x.get("ratio"))
        if share is None and ok is not None and total:
            share = ok / total
        rows.append(DepthRow(g, DEPTH_LABELS.get(g, g), ok, total, _int(x.get("found")), share,
                             _num(x.get("threshold"))))
    urls = []
    for u in _list(d.get("failing_urls")):
        if isinstance(u, Mapping):
            urls.append((_text(u.get("url")), _text(u.get("error"))))
        elif u:
            urls.append((_text(u), ""))
    return Depth(it, tuple(rows), _strs(d.get("failing_hosts")), tuple(urls), _int(d.get("max_urls")))


def _https_facts(it: Item) -> tuple[tuple[str, str], ...]:
    d = it.details
    yn = {True: "是", False: "否"}
    facts: list[tuple[str, str]] = []

    def add(label: str, v: Any) -> None:
        if v is None or v == "" or v == []:
            return
        facts.append((label, yn[v] if isinstance(v, bool) else
                      "、".join(_strs(v)) if isinstance(v, (list, tuple)) else _text(v)))

    add("提供 HTTPS", d.get("https_offered"))
    add("HTTPS 错误", d.get("https_error"))
    add("证书校验通过", d.get("verified"))
    add("证书校验错误", d.get("verify_error"))
    add("证书签发机构", d.get("issuer"))
    add("证书域名", d.get("san"))
    add("证书到期", d.get("not_after"))
    add("剩余天数", d.get("days_left"))
    add("证书名称相符", d.get("name_matches"))
    add("HTTP 访问状态码", d.get("http_status"))
    add("HTTP 跳转到 HTTPS", d.get("redirects_to_https"))
    return tuple(facts)


def _scope(ids: Sequence[str], titles: Mapping[str, str]) -> str:
    v6 = [i for i in ids if i.startswith("ipv6.")]
    shown = (["IPv6 各项检查"] if len(v6) > 1 else [titles.get(i, i) for i in v6])
    return "、".join(shown + [titles.get(i, i) for i in ids if not i.startswith("ipv6.")])


def _plans(findings: Sequence[Finding], as_of: str) -> tuple[PlanRef, ...]:
    titles = {f.check_id: f.title or f.check_id for f in findings}
    seen: dict[tuple[str, str, str, str], list[str]] = {}
    cites: dict[tuple[str, str, str, str], Citation] = {}
    for f in findings:
        for c in f.basis:
            k = (c.source, c.clause, c.deadline, c.plan_id)
            cites.setdefault(k, c)
            ids = seen.setdefault(k, [])
            if f.check_id not in ids:
                ids.append(f.check_id)
    refs = []
    for k, c in cites.items():
        overdue = None
        if _ISO_DATE.match(c.deadline or "") and _ISO_DATE.match(as_of or ""):
            overdue = as_of > c.deadline
        refs.append(PlanRef(c.source, c.clause, c.text, c.deadline, c.plan_id, overdue, tuple(seen[k]),
                            _scope(seen[k], titles)))
    # Plan clauses (with deadlines) first, then regulations.
    refs.sort(key=lambda r: (not r.plan_id, not r.deadline, r.source, r.clause))
    return tuple(refs)


def _worst(fs: Iterable[Finding]) -> Finding:
    return min(fs, key=lambda f: _RANK.get(f.status, 99))


def network_section(findings: Sequence[Finding], as_of: str = "") -> NetworkSection | None:
    """The section for one unit's findings, or None when it has no
    ``ipv6.*``/``network.*`` finding."""
    mine = [f for f in findings if in_section(f.check_id)]
    if not mine:
        return None
    by_check: dict[str, list[Finding]] = {}
    for f in mine:
        by_check.setdefault(f.check_id, []).append(f)
    # One finding per check and unit (checks/ipv6 contract); keep the worst if there are more.
    items = {cid: _item(_worst(fs)) for cid, fs in by_check.items()}
    order = [c for c in KNOWN if c in items] + sorted(c for c in items if c not in KNOWN)
    get = items.get
    counts: dict[str, int] = {}
    for f in mine:
        counts[f.status.value] = counts.get(f.status.value, 0) + 1
    return NetworkSection(
        status=_worst(mine).status,
        counts=counts,
        items=tuple(items[c] for c in order),
        chain=_chain(get("ipv6.aaaa")) if get("ipv6.aaaa") else None,
        reach=_reach(get("ipv6.reachable"), get("ipv6.content_parity")) if get("ipv6.reachable") else None,
        parity=_parity(get("ipv6.content_parity")) if get("ipv6.content_parity") else None,
        nameservers=_nameservers(get("ipv6.nameservers")) if get("ipv6.nameservers") else None,
        depth=_depth(get("ipv6.depth")) if get("ipv6.depth") else None,
        network=tuple(items[c] for c in order if c.startswith("network.")),
        others=tuple(items[c] for c in order if c.startswith("ipv6.") and c not in KNOWN),
        https=_https_facts(get("network.https")) if get("network.https") else (),
        plans=_plans(mine, as_of),
    )


__all__ = ["NetworkSection", "network_section", "in_section"]
