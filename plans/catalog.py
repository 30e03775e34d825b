"""The shipped catalogs (``plans/data/<id>.json``) and how to find them.

``sources.json`` lists the shipped plans: descriptive id, short aliases
("000".."004", the file's number prefix), the source file under the plans
directory, and what the file does not say (issuer, year, sometimes title).
``regenerate()`` re-reads the sources and rewrites the data files;
``load_catalog(id_or_alias_or_path)`` reads one, with ``checks`` recomputed
from its requirement kinds against the registered checks.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from checks.base import CheckMeta
from plans.build import build_catalog
from plans.mapping import checks_for_kinds
from plans.model import Catalog, Plan
from plans.readers import read_file
from zwgk_audit.config import ConfigError

DATA_DIR = Path(str(resources.files("plans").joinpath("data")))
# Where the source plan texts live; ZWGK_PLANS_DIR overrides.
# The plan texts ship with the package (copied from shared/plans) so the
# catalogs can be regenerated and tested on any machine.
DEFAULT_SOURCES_DIR = Path(os.environ.get("ZWGK_PLANS_DIR", Path(__file__).parent / "sources"))


class CatalogError(ConfigError):
    """A catalog cannot be found or read (message in Chinese)."""


@lru_cache(maxsize=1)
def sources() -> tuple[dict[str, Any], ...]:
    data = json.loads((DATA_DIR / "sources.json").read_text("utf-8"))
    return tuple(data["plans"])


def resolve_id(name: str) -> str:
    for s in sources():
        if name == s["id"] or name in s.get("aliases", ()):
            return s["id"]
    raise CatalogError(f"未知的计划 {name!r}；可用的有: "
                       + "、".join(f"{s['id']}（{'/'.join(s.get('aliases', ()))}）" for s in sources()))


def registered_metas() -> list[CheckMeta]:
    from checks.registry import all_checks

    return [c.meta for c in all_checks()]


def read_source(entry: dict[str, Any], sources_dir: Path | None = None,
                checks: Iterable[CheckMeta] = ()) -> Catalog:
    """Parse one shipped plan from its source file."""
    path = (sources_dir or DEFAULT_SOURCES_DIR) / entry["file"]
    raw = read_file(path)
    plan = Plan(
        id=entry["id"], title=raw.title or entry.get("title", ""),
        issuer=raw.issuer or entry.get("issuer", ""),
        year=raw.year or int(entry.get("year", 0)), doc_number=raw.doc_number,
        source=entry["file"], aliases=tuple(entry.get("aliases", ())),
    )
    return build_catalog(raw, plan, checks)


def regenerate(sources_dir: Path | None = None, out_dir: Path | None = None,
               checks: Iterable[CheckMeta] | None = None) -> list[Path]:
    metas = list(checks) if checks is not None else registered_metas()
    out_dir = out_dir or DATA_DIR
    written = []
    for entry in sources():
        cat = read_source(entry, sources_dir, metas)
        path = out_dir / f"{cat.id}.json"
        path.write_text(dump(cat), "utf-8")
        written.append(path)
    return written


def dump(catalog: Catalog) -> str:
    return json.dumps(catalog.to_json(), ensure_ascii=False, indent=1) + "\n"


def read_catalog_file(path: str | Path) -> Catalog:
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"))
    except OSError as exc:
        raise CatalogError(f"{p}: 无法读取计划目录: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{p}:{exc.lineno}: JSON 格式错误: {exc.msg}") from None
    try:
        return Catalog.from_json(data)
    except (ValueError, KeyError, TypeError) as exc:
        raise CatalogError(f"{p}: 计划目录内容有误: {exc}") from None


def with_checks(catalog: Catalog, checks: Iterable[CheckMeta]) -> Catalog:
    """``checks`` of every clause recomputed against ``checks`` (overrides kept)."""
    metas = list(checks)
    return catalog.with_clauses(tuple(
        c if c.override is not None and c.override.checks is not None
        else replace(c, checks=checks_for_kinds(c.requirement_kinds, metas))
        for c in catalog.clauses))


def load_catalog(name: str, checks: Iterable[CheckMeta] | None = None) -> Catalog:
    """A shipped catalog by id or alias, or a catalog JSON file by path."""
    if name.endswith(".json") or os.sep in name:
        cat = read_catalog_file(name)
    else:
        cat = read_catalog_file(DATA_DIR / f"{resolve_id(name)}.json")
    return with_checks(cat, registered_metas() if checks is None else checks)


def shipped_ids() -> list[str]:
    return [s["id"] for s in sources()]
