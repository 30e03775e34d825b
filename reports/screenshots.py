"""Screenshots of audited pages as evidence.

Gathering, not rendering: the pipeline runs this after the checks and
before the reports.  Each distinct http(s) URL of a problem finding is
opened once in headless Chromium; the evidence value is looked up in the
page's text and its element outlined, and the viewport around it saved as
``out_dir/shots/<hash>.png``.  A page that cannot be captured leaves a note
in the finding's evidence details; nothing here raises for one bad page.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from zwgk_audit.model import Finding, Status

from reports.safe import safe_href

SHOT_DIR = "shots"
ERROR_KEY = "截图失败"
DEFAULT_STATUSES = (Status.FAIL, Status.WARN, Status.UNKNOWN)

# Runs inside the audited page only: outlines the elements whose text holds
# one of the needles (passed as an argument, never pasted into the script).
_MARK = """
(needles) => {
  const found = [];
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue || "";
    if (!text.trim()) continue;
    if (needles.some((s) => text.includes(s))) {
      const el = n.parentElement;
      if (el && !found.includes(el)) found.push(el);
    }
    if (found.length >= 20) break;
  }
  for (const el of found) {
    el.style.setProperty("outline", "3px solid #e00000", "important");
    el.style.setProperty("outline-offset", "2px", "important");
    el.style.setProperty("background-color", "rgba(255,230,0,.35)", "important");
  }
  if (found.length) found[0].scrollIntoView({block: "center", inline: "nearest"});
  return found.length;
}
"""


def shot_name(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:20] + ".png"


def _needles(findings: Iterable[Finding]) -> list[str]:
    out = []
    for f in findings:
        v = f.evidence.value.strip()
        if 2 <= len(v) <= 200 and v not in out:
            out.append(v)
    return out


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _with_error(f: Finding, message: str) -> Finding:
    details = dict(f.evidence.details)
    details[ERROR_KEY] = message
    return replace(f, evidence=replace(f.evidence, details=details))


def _with_shot(f: Finding, rel: str, when: str) -> Finding:
    return replace(f, evidence=replace(f.evidence, screenshot=rel, captured_at=when))


def capture_screenshots(findings: list[Finding], out_dir: Path, *, max_shots: int = 30,
                        timeout_ms: int = 15000,
                        statuses: Iterable[Status] = DEFAULT_STATUSES,
                        browser_args: Sequence[str] = ()) -> list[Finding]:
    """``findings`` with ``evidence.screenshot`` (relative to ``out_dir``)
    and ``captured_at`` set where a page was captured; same order."""
    wanted = set(statuses)
    by_url: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        if f.status in wanted and safe_href(f.url):
            by_url.setdefault(f.url, []).append(i)
    if not by_url:
        return list(findings)
    # Worst problems get the limited shots first.
    rank = {s: n for n, s in enumerate((Status.FAIL, Status.WARN, Status.UNKNOWN, Status.PENDING))}
    order = sorted(by_url, key=lambda u: min(rank.get(findings[i].status, 9) for i in by_url[u]))
    chosen, skipped = order[:max_shots], order[max_shots:]

    out = list(findings)
    for url in skipped:
        for i in by_url[url]:
            out[i] = _with_error(out[i], f"超过截图数量上限（{max_shots}），未截图")
    shots = Path(out_dir) / SHOT_DIR
    shots.mkdir(parents=True, exist_ok=True)
    try:
        from reports.browser import chromium
        with chromium(browser_args) as browser:
            for url in chosen:
                idx = by_url[url]
                try:
                    _, when = _capture(browser, url, _needles(findings[i] for i in idx),
                                            shots / shot_name(url), timeout_ms)
                except Exception as exc:  # noqa: BLE001 - one bad page must not stop the audit
                    msg = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
                    for i in idx:
                        out[i] = _with_error(out[i], msg)
                    continue
                rel = f"{SHOT_DIR}/{shot_name(url)}"
                for i in idx:
                    out[i] = _with_shot(out[i], rel, when)
    except Exception as exc:  # noqa: BLE001 - no browser: the report still renders
        msg = f"无法启动浏览器：{str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__}"
        for url in chosen:
            for i in by_url[url]:
                if not out[i].evidence.screenshot:
                    out[i] = _with_error(out[i], msg)
    return out


def _capture(browser: object, url: str, needles: list[str], path: Path, timeout_ms: int) -> tuple[int, str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, ignore_https_errors=True,
                                  accept_downloads=False, service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        page.on("dialog", lambda d: d.dismiss())       # an audited page's alert() must not hang us
        page.goto(url, wait_until="load", timeout=timeout_ms)
        marked = 0
        if needles:
            try:
                marked = int(page.evaluate(_MARK, needles) or 0)
            except Exception:  # noqa: BLE001 - a page that breaks the marker is still captured
                marked = 0
        page.screenshot(path=str(path), full_page=False, timeout=timeout_ms)
        return marked, _now()
    finally:
        context.close()
