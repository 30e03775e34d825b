"""What the crawl worker needs, as JSON: the units to crawl with their
scope and politeness, all units (for scope subtraction), the resolver.

The parent writes it to a file for ``python -m crawler.worker``; the child
never reads the TOML itself, so both sides agree on one resolved config.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from zwgk_audit.config import AuditConfig, Politeness, Resolver, Scope
from zwgk_audit.model import Unit


def _unit_json(u: Unit) -> dict[str, Any]:
    d = dataclasses.asdict(u)
    d["entry_urls"] = list(u.entry_urls)
    d["scope_prefixes"] = list(u.scope_prefixes)
    return d


def _unit(d: Mapping[str, Any]) -> Unit:
    return Unit(**{**d, "entry_urls": tuple(d.get("entry_urls", ())),
                   "scope_prefixes": tuple(d.get("scope_prefixes", ()))})


@dataclass(frozen=True)
class UnitJob:
    unit: Unit
    scope: Scope
    politeness: Politeness
    all_units: tuple[Unit, ...]
    time_limit: float = 0.0          # seconds; 0 = none

    def to_json(self) -> dict[str, Any]:
        scope = dataclasses.asdict(self.scope)
        scope["allowed_hosts"] = list(self.scope.allowed_hosts)
        return {"unit": _unit_json(self.unit), "scope": scope,
                "politeness": dataclasses.asdict(self.politeness),
                "all_units": [_unit_json(u) for u in self.all_units],
                "time_limit": self.time_limit}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "UnitJob":
        scope = dict(d["scope"])
        scope["allowed_hosts"] = tuple(scope.get("allowed_hosts", ()))
        return cls(unit=_unit(d["unit"]), scope=Scope(**scope), politeness=Politeness(**d["politeness"]),
                   all_units=tuple(_unit(u) for u in d["all_units"]),
                   time_limit=float(d.get("time_limit", 0.0)))


@dataclass(frozen=True)
class CrawlJob:
    store: str
    run_id: str
    units: tuple[UnitJob, ...]
    resolver: Resolver = field(default_factory=Resolver)
    resolver_class: str = ""          # Scrapy TWISTED_DNS_RESOLVER path; "" = choose
    log_level: str = "WARNING"
    progress_interval: float = 0.5    # seconds between progress lines

    def to_json(self) -> dict[str, Any]:
        return {"store": self.store, "run_id": self.run_id,
                "units": [u.to_json() for u in self.units],
                "resolver": dataclasses.asdict(self.resolver), "resolver_class": self.resolver_class,
                "log_level": self.log_level, "progress_interval": self.progress_interval}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "CrawlJob":
        return cls(store=d["store"], run_id=d["run_id"],
                   units=tuple(UnitJob.from_json(u) for u in d["units"]),
                   resolver=Resolver(**d.get("resolver", {})),
                   resolver_class=d.get("resolver_class", ""),
                   log_level=d.get("log_level", "WARNING"),
                   progress_interval=float(d.get("progress_interval", 0.5)))

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> "CrawlJob":
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def job_from_config(config: AuditConfig, store: Path, run_id: str, units: list[str] | None = None,
                    *, time_limit: float = 0.0, log_level: str = "WARNING",
                    resolver_class: str = "") -> CrawlJob:
    wanted = set(units) if units is not None else None
    if wanted is not None:
        unknown = wanted - {uc.unit.id for uc in config.units}
        if unknown:
            raise KeyError(f"配置中没有这些单位 (unknown units): {', '.join(sorted(unknown))}")
    all_units = tuple(uc.unit for uc in config.units)
    jobs = tuple(UnitJob(uc.unit, uc.scope, uc.politeness, all_units, time_limit)
                 for uc in config.units if wanted is None or uc.unit.id in wanted)
    return CrawlJob(store=str(store), run_id=run_id, units=jobs, resolver=config.resolver,
                    resolver_class=resolver_class, log_level=log_level)
