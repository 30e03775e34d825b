"""Helpers shared by the site checks: settings lookup and home page choice."""

from __future__ import annotations

from typing import Any

from checks.base import CheckContext
from zwgk_audit.model import Page


def setting(ctx: CheckContext, name: str, default: Any) -> Any:
    """``[thresholds]`` accepts flat dotted keys ("stale_days.news" = 14) and
    nested tables ([thresholds.stale_days] news = 14)."""
    if name in ctx.settings:
        return ctx.settings[name]
    node: Any = ctx.settings
    for part in name.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def home_url(ctx: CheckContext, home: Page | None) -> str:
    return home.url if home is not None else ctx.unit.base_url


def is_html(page: Page) -> bool:
    ct = page.content_type.lower()
    return not ct or "html" in ct or "xml" in ct or ct.startswith("text/")
