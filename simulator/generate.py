"""Generate a simulated portal tree with declared defects and its ground truth.

Layout of ``out``::

    out/sites/county/   served as the county portal (with /bm/jyj/ and /bm/czj/)
    out/sites/town/     the town portal (its own port)
    out/sites/province/ the provincial stand-in that external links point to
    out/site.json       ports and roots, read by ``python -m simulator serve``
    out/truth.json      what a correct audit must report (docs/DESIGN.md)
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from simulator.build import build_plan, finalize
from simulator.defects import DEFAULT_DEFECTS, apply_defects, normative_counts, parse_defects
from simulator.plan import PortalPlan
from simulator.render import Renderer, Writer
from simulator.server import _free_port

SITES = ("county", "town", "province")


@dataclass
class Generated:
    out: Path
    truth_path: Path
    truth: dict
    ports: dict[str, int]
    pages: int                       # HTML pages written
    files: int                       # all files written
    plan: PortalPlan

    def root(self, site: str) -> Path:
        return self.out / "sites" / site


def pick_ports() -> dict[str, int]:
    ports: dict[str, int] = {}
    while len(ports) < len(SITES):
        p = _free_port(True, True)
        if p not in ports.values():
            ports[SITES[len(ports)]] = p
    return ports


def generate(out: Path, *, seed: int = 7, scale: int = 150, as_of: dt.date | None = None,
             defects: list[str] | tuple[str, ...] | None = None,
             ports: dict[str, int] | None = None) -> Generated:
    """Write the tree, ``site.json`` and ``truth.json`` under ``out`` (emptied first)."""
    if scale < 10:
        raise ValueError(f"规模过小: {scale}（至少 10 页）")
    as_of = as_of or dt.date.today()
    specs = parse_defects(list(DEFAULT_DEFECTS if defects is None else defects))
    ports = dict(ports) if ports else pick_ports()
    missing = [s for s in SITES if s not in ports]
    if missing:
        raise ValueError(f"缺少站点端口: {missing}")
    plan, rng = build_plan(seed, scale, as_of, ports, normative_counts(specs))
    clean_footers = {u.site: copy.deepcopy(u.footer) for u in plan.units.values() if u.prefix == "/"}
    apply_defects(plan, rng, specs)
    finalize(plan)
    by_doc = {f"@doc{d.id}": d.path for d in plan.docs(normative=None)}
    for t in plan.truth:
        t.path = by_doc.get(t.path, t.path)

    out = Path(out)
    if (out / "sites").exists():
        shutil.rmtree(out / "sites")
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(out)
    Renderer(plan, writer, clean_footers).render_all()
    # Files a network defect places on another host (IPv4-only pictures).
    from simulator.network import network_of
    net = network_of(plan)
    for path, data in net.static_files.items():
        f = out / "sites" / net.static_site / path.lstrip("/")
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)

    truth = truth_json(plan)
    truth_path = out / "truth.json"
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=False) + "\n", "utf-8")
    site = {"seed": seed, "as_of": as_of.isoformat(),
            "sites": {k: {"port": ports[k], "root": f"sites/{k}"} for k in SITES}}
    (out / "site.json").write_text(json.dumps(site, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return Generated(out, truth_path, truth, ports, writer.pages, writer.files, plan)


def truth_json(plan: PortalPlan) -> dict:
    units = [{"id": u.id, "name": u.name, "unit": u.sponsor, "level": u.level, "site": u.site,
              "site_name": plan.sites[u.site].name, "path": u.prefix, "home": u.home_path,
              "entry": u.entry_path,
              "columns": [{"key": c.key, "name": c.name, "type": c.ctype, "path": c.list_path}
                          for c in u.columns.values()]}
             for u in plan.units.values()]
    findings = sorted((t.to_json() for t in plan.truth), key=lambda t: (t["unit"], t["check_id"], t["path"], t["key"]))
    return {"seed": plan.seed, "as_of": plan.as_of.isoformat(), "units": units,
            "sites": {k: {"name": s.name, "domain": s.domain, "site_code": s.site_code} for k, s in plan.sites.items()},
            "defects": list(plan.applied), "findings": findings}
