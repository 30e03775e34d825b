"""The audit configuration: one TOML file listing what to audit and how.

Errors name the file, the key (and line where it can be found) and what is
wrong, so an office can fix its file without reading code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from zwgk_audit.model import Unit


class ConfigError(ValueError):
    """A configuration problem, phrased for the person who wrote the file."""


@dataclass(frozen=True)
class Politeness:
    concurrency_per_host: int = 4
    delay: float = 0.0                 # seconds between requests to one host
    obey_robots: bool = True
    timeout: float = 20.0              # per request, seconds
    retries: int = 1
    user_agent: str = "zwgk-audit/0.1 (+政务公开网站审计; 审计方未设置联系方式)"


@dataclass(frozen=True)
class Scope:
    max_pages: int = 2000
    max_depth: int = 8
    allowed_hosts: tuple[str, ...] = ()     # besides the base URL's host
    max_query_variants: int = 50            # per path: bounds query-string traps
    max_body_bytes: int = 20 * 1024 * 1024  # larger bodies are cut and flagged
    render: str = "auto"                    # auto | never | always


@dataclass(frozen=True)
class Resolver:
    """DNS server used by the crawl and the probes; empty = the system's."""

    address: str = ""
    port: int = 53
    timeout: float = 3.0


@dataclass(frozen=True)
class UnitConfig:
    unit: Unit
    scope: Scope
    politeness: Politeness


@dataclass(frozen=True)
class AuditConfig:
    name: str
    path: Path | None
    units: tuple[UnitConfig, ...]
    store: Path
    plan: str = ""
    resolver: Resolver = field(default_factory=Resolver)
    thresholds: Mapping[str, Any] = field(default_factory=dict)
    manual_items: Path | None = None
    scoring: Path | None = None            # scoring model TOML; None = shipped default
    raw: Mapping[str, Any] = field(default_factory=dict)

    def unit(self, unit_id: str) -> UnitConfig:
        for uc in self.units:
            if uc.unit.id == unit_id:
                return uc
        raise KeyError(unit_id)


_UNIT_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def _line_of(text: str, needle: str) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    return None


class _Reader:
    """Typed access to a TOML table with errors that say where."""

    def __init__(self, path: str, text: str, table: Mapping[str, Any], where: str) -> None:
        self.path, self.text, self.table, self.where = path, text, table, where

    def _err(self, key: str, msg: str) -> ConfigError:
        line = _line_of(self.text, f"{key} =") or _line_of(self.text, f"{key}=")
        loc = f"{self.path}" + (f":{line}" if line else "")
        return ConfigError(f"{loc}: {self.where}{key}: {msg}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None, *, required: bool = False) -> Any:
        if key not in self.table:
            if required:
                raise self._err(key, "缺少必填项 (required key missing)")
            return default
        value = self.table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            names = "/".join(k.__name__ for k in kinds)
            raise self._err(key, f"应为 {names}，实际为 {type(value).__name__}: {value!r}")
        return value

    def positive(self, key: str, default: float, kind: type = int) -> Any:
        value = self.get(key, (kind,) if kind is float else (int,), default)
        if value is not None and value < 0:
            raise self._err(key, f"不能为负数: {value!r}")
        return value

    def url(self, key: str, value: Any) -> str:
        if not isinstance(value, str):
            raise self._err(key, f"应为网址字符串: {value!r}")
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise self._err(key, f"不是有效的 http(s) 网址: {value!r}")
        return value

    def unknown_keys(self, allowed: set[str]) -> None:
        for key in self.table:
            if key not in allowed:
                raise self._err(key, f"未知的配置项；可用的有: {', '.join(sorted(allowed))}")


def _politeness(r: _Reader, base: Politeness) -> Politeness:
    return Politeness(
        concurrency_per_host=r.positive("concurrency_per_host", base.concurrency_per_host) or 1,
        delay=r.positive("delay", base.delay, float),
        obey_robots=r.get("obey_robots", bool, base.obey_robots),
        timeout=r.positive("timeout", base.timeout, float),
        retries=r.positive("retries", base.retries),
        user_agent=r.get("user_agent", str, base.user_agent),
    )


def _scope(r: _Reader, base: Scope) -> Scope:
    render = r.get("render", str, base.render)
    if render not in ("auto", "never", "always"):
        raise r._err("render", f"应为 auto / never / always 之一: {render!r}")
    hosts = r.get("allowed_hosts", list, list(base.allowed_hosts))
    return Scope(
        max_pages=r.positive("max_pages", base.max_pages),
        max_depth=r.positive("max_depth", base.max_depth),
        allowed_hosts=tuple(str(h) for h in hosts),
        max_query_variants=r.positive("max_query_variants", base.max_query_variants),
        max_body_bytes=r.positive("max_body_bytes", base.max_body_bytes),
        render=render,
    )


_POLITENESS_KEYS = {"concurrency_per_host", "delay", "obey_robots", "timeout", "retries", "user_agent"}
_SCOPE_KEYS = {"max_pages", "max_depth", "allowed_hosts", "max_query_variants", "max_body_bytes", "render"}
_UNIT_KEYS = {"id", "name", "unit", "level", "base_url", "entry_urls", "scope_prefixes", "plan"} | _POLITENESS_KEYS | _SCOPE_KEYS
_AUDIT_KEYS = {"name", "store", "plan", "manual_items", "scoring"} | _POLITENESS_KEYS | _SCOPE_KEYS


def parse_config(text: str, path: str = "<config>", base_dir: Path | None = None) -> AuditConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误: {exc}") from None
    base_dir = base_dir or Path(".")
    allowed_top = {"audit", "unit", "resolver", "thresholds"}
    for key in data:
        if key not in allowed_top:
            line = _line_of(text, f"[{key}") or _line_of(text, key)
            raise ConfigError(f"{path}{':' + str(line) if line else ''}: 未知的顶层配置 [{key}]；可用的有: audit, unit, resolver, thresholds")

    audit = _Reader(path, text, data.get("audit", {}), "[audit] ")
    audit.unknown_keys(_AUDIT_KEYS)
    politeness = _politeness(audit, Politeness())
    scope = _scope(audit, Scope())
    default_plan = audit.get("plan", str, "")

    res = _Reader(path, text, data.get("resolver", {}), "[resolver] ")
    res.unknown_keys({"address", "port", "timeout"})
    resolver = Resolver(address=res.get("address", str, ""), port=res.positive("port", 53) or 53,
                        timeout=res.positive("timeout", 3.0, float))

    raw_units = data.get("unit", [])
    if not isinstance(raw_units, list) or not raw_units:
        raise ConfigError(f"{path}: 至少需要一个 [[unit]] 表，列出要审计的单位及其网站 (no [[unit]] tables)")
    units: list[UnitConfig] = []
    seen: set[str] = set()
    for i, table in enumerate(raw_units, 1):
        r = _Reader(path, text, table, f"[[unit]] 第{i}个 ")
        r.unknown_keys(_UNIT_KEYS)
        uid = r.get("id", str, required=True)
        if not _UNIT_ID.match(uid):
            raise r._err("id", f"只能包含字母、数字、_ . -，且不超过64个字符: {uid!r}")
        if uid in seen:
            raise r._err("id", f"单位 id 重复: {uid!r}")
        seen.add(uid)
        base_url = r.url("base_url", r.get("base_url", str, required=True))
        entry = tuple(r.url("entry_urls", u) for u in r.get("entry_urls", list, []))
        prefixes = tuple(r.url("scope_prefixes", u) for u in r.get("scope_prefixes", list, []))
        unit = Unit(
            id=uid,
            name=r.get("name", str, required=True),
            base_url=base_url,
            unit_name=r.get("unit", str, ""),
            level=r.get("level", str, ""),
            plan=r.get("plan", str, default_plan),
            entry_urls=entry,
            scope_prefixes=prefixes or (base_url,),
        )
        units.append(UnitConfig(unit=unit, scope=_scope(r, scope), politeness=_politeness(r, politeness)))

    store = Path(audit.get("store", str, "zwgk-audit.sqlite"))
    manual = audit.get("manual_items", str, None)
    scoring = audit.get("scoring", str, None)
    thresholds = data.get("thresholds", {})
    if not isinstance(thresholds, dict):
        raise ConfigError(f"{path}: [thresholds] 应为表 (table)")
    return AuditConfig(
        name=audit.get("name", str, "政务公开网站审计"),
        path=Path(path) if path != "<config>" else None,
        units=tuple(units),
        store=store if store.is_absolute() else base_dir / store,
        plan=default_plan,
        resolver=resolver,
        thresholds=dict(thresholds),
        manual_items=(Path(manual) if Path(manual).is_absolute() else base_dir / manual) if manual else None,
        scoring=(Path(scoring) if Path(scoring).is_absolute() else base_dir / scoring) if scoring else None,
        raw=data,
    )


def load_config(path: str | Path) -> AuditConfig:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: 无法读取配置文件: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: 配置文件须为 UTF-8 编码 (byte {exc.start}): 请用 UTF-8 另存") from None
    return parse_config(text, str(p), p.parent.resolve())
