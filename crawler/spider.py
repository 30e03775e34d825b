"""The audit spider: one unit, breadth first, within its scope.

Every URL gets one *role* when first seen:
``crawl``  in scope, within depth and page budget: recorded, links extracted
           and followed (pagination does not count as a level of depth);
``fetch``  an attachment (in scope or on a checkable host): body kept for
           the checks (annual reports are often PDFs), links not followed;
``check``  anything else on a checkable host (out-of-scope pages, images,
           scripts, pages past the limits): status only, headers-only fetch;
``search`` the result page of one query typed into a GET search form of a
           规范性文件 library / 政府信息公开 page (extract.search_form): the
           title of the first document row of the library.  One query per
           form, ``MAX_SEARCH_FORMS`` forms per unit, never POST; recorded with
           its links (not followed) and headers ``X-Zwgk-Search-Query``,
           ``X-Zwgk-Search-Form`` (the form's page), ``X-Zwgk-Search-Target``
           (the document the queried title belongs to).
Targets on other hosts are recorded as links and never fetched.

A crawled HTML page whose static markup needs JavaScript (crawler.render)
is fetched again through the browser; the rendered DOM is what is stored.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from typing import Any, AsyncIterator, Iterable

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler import render
from crawler.errors import describe
from crawler.jobspec import UnitJob
from crawler.record import Fetched, PageRecord, content_type_of, failed_page, make_page, read_body
from crawler.referer import referer_for
from crawler.scope import build_scope, netloc_of, prefix_of
from crawler.traps import TrapGuard
from extract.links import ExtractedLink, extract_links, pagination_urls, parse_html
from extract.normative_list import list_rows
from extract.search_form import SearchForm, is_search_page_label, search_forms, search_url
from zwgk_audit.model import Link, LinkKind, PageKind

CRAWL, FETCH, CHECK, SEARCH = "crawl", "fetch", "check", "search"
MAX_SEARCH_FORMS = 3
MIN_QUERY_CHARS = 8
_LABEL = (re.compile(r"""<meta[^>]+name=["']ColumnName["'][^>]*content=["']([^"']*)""", re.I),
          re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S))


class AuditSpider(scrapy.Spider):
    name = "zwgk-audit"

    def __init__(self, job: UnitJob, max_checks: int = 0, max_url_length: int = 2000, **kw: Any) -> None:
        super().__init__(**kw)
        self.job = job
        self.unit = job.unit
        self.scope = build_scope(job.unit, job.all_units, job.scope.allowed_hosts)
        self.guard = TrapGuard(job.scope.max_query_variants, max_url_length)
        self.max_pages = max(1, job.scope.max_pages)
        self.max_checks = max_checks or 5 * self.max_pages
        self.render_mode = job.scope.render
        self.timeout = job.politeness.timeout or 20.0
        self.max_body = job.scope.max_body_bytes
        self.home_urls: tuple[str, ...] = (job.unit.base_url,)
        self.start_urls_ = tuple(dict.fromkeys(TrapGuard.canonical(u) for u in (job.unit.base_url, *job.unit.entry_urls)))
        self.seen: set[str] = set()
        self.link_text: dict[str, str] = {}
        self.crawled = 0
        self.checked = 0
        self.stopped_by = ""
        self.robots_blocked: list[str] = []
        self.unchecked = 0
        self.render_reasons: dict[str, int] = {}
        self.search_forms: set[tuple[str, str]] = set()        # (action, field) already queried
        self.search_pending: list[tuple[SearchForm, str, str, int]] = []   # form, page, encoding, depth
        self.search_title: tuple[str, str] | None = None        # (title, document URL) of a library row

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "AuditSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Scrapy leaves the root logger at NOTSET and filters in its handler,
        # so every debug call in Scrapy, Twisted and charset_normalizer built
        # a LogRecord that was then dropped.  Filter at the source instead.
        level = crawler.settings.get("LOG_LEVEL") or "DEBUG"
        logging.getLogger().setLevel(logging.getLevelName(level) if isinstance(level, str) else level)
        return spider

    # -- scheduling
    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls_:
            req = self._request(url, CRAWL, 0, "")
            if req is not None:
                yield req

    def _request(self, url: str, role: str, depth: int, referer: str, kind: LinkKind = LinkKind.PAGE) -> scrapy.Request | None:
        url = self.guard.canonical(url)
        if url in self.seen:
            return None
        if self.guard.check(url):
            return None
        if role == CRAWL:
            if self.crawled >= self.max_pages:
                self.stopped_by = "max_pages"
                role = CHECK
            else:
                self.crawled += 1
        if role != CRAWL:
            if self.checked >= self.max_checks:
                self.unchecked += 1
                return None
            self.checked += 1
        self.seen.add(url)
        meta = {"zwgk_role": role, "zwgk_depth": depth, "zwgk_referer": referer, "zwgk_url": url,
                "zwgk_max_body": self.max_body,
                "download_timeout": self.timeout, "max_retry_times": self.job.politeness.retries}
        if role == CHECK and kind != LinkKind.ATTACHMENT:
            meta["zwgk_headers_only"] = True
        headers = {"Referer": referer} if referer else None
        return scrapy.Request(url, callback=self.on_response, errback=self.on_error, meta=meta,
                              headers=headers, priority=-depth, dont_filter=True)

    def _follow(self, links: Iterable[ExtractedLink], extra_pages: Iterable[str], source: str,
                depth: int) -> Iterable[scrapy.Request]:
        max_depth = self.job.scope.max_depth
        todo = [(l.target, l.kind, l.pagination, l.text) for l in links]
        todo += [(u, LinkKind.PAGE, True, "") for u in extra_pages]
        seen, canonical, link_text = self.seen, self.guard.canonical, self.link_text
        for target, kind, paging, text in todo:
            if text and target not in link_text:
                link_text[target] = text
            if canonical(target) in seen:      # most links: already requested
                continue
            in_scope = self.scope.in_scope(target)
            if kind == LinkKind.ATTACHMENT and (in_scope or self.scope.checkable(target)):
                role, d = FETCH, depth + 1
            elif kind == LinkKind.PAGE and in_scope:
                d = depth if paging else depth + 1
                role = CRAWL if d <= max_depth else CHECK
            elif self.scope.checkable(target):
                role, d = CHECK, depth + 1
            else:
                continue
            req = self._request(target, role, d, source, kind)
            if req is not None:
                yield req

    # -- callbacks
    def _extract(self, text: str, base: str, doc: Any = None) -> list[ExtractedLink]:
        return extract_links(text, base, self.scope.internal, doc=doc)

    def _links(self, source: str, found: list[ExtractedLink]) -> list[Link]:
        return [Link(unit=self.unit.id, source=source, target=self.guard.canonical(l.target), text=l.text[:500],
                     kind=l.kind, tag=l.tag) for l in found]

    def on_response(self, response: Response) -> Iterable[Any]:
        meta = response.meta
        role, depth, referer, url = meta["zwgk_role"], meta["zwgk_depth"], meta["zwgk_referer"], meta["zwgk_url"]
        fetched = read_body(response, url, self.max_body, bool(meta.get("zwgk_truncated")))
        ct = content_type_of(response).lower()
        html_page = role == CRAWL and bool(fetched.text) and ("html" in ct or not ct)
        # Parsed once, shared by the render decision, classification and
        # link extraction.
        doc = parse_html(fetched.text) if fetched.text else None
        if html_page and 200 <= response.status < 300 and self.render_mode != "never" and not fetched.truncated:
            decision = render.decide(fetched.text, self.render_mode, doc)
            if decision.render:
                from crawler import browser     # Playwright is imported only when needed
                self.render_reasons[decision.reason] = self.render_reasons.get(decision.reason, 0) + 1
                rmeta = {**browser.render_meta(self.timeout), "zwgk_static": {
                    "role": role, "depth": depth, "referer": referer, "url": url, "reason": decision.reason,
                    "encoding": fetched.encoding, "declared": fetched.declared, "size": fetched.size,
                    "elapsed_ms": float(meta.get("download_latency") or 0.0) * 1000.0}}
                yield referer_for(getattr(self, "crawler", None), scrapy.Request(
                    response.url, callback=self.on_rendered, errback=self.on_render_error,
                    meta={**rmeta, "zwgk_static_response": response, "handle_httpstatus_all": True,
                          "download_timeout": self.timeout * 2 + 10},
                    priority=-depth, dont_filter=True), response)
                return
        if role == CRAWL and not self._follows(url, response.url):
            # redirected out of the scope: status only, like any link check
            role = CHECK
            fetched = dataclasses.replace(fetched, text="", content=b"")
            doc = None
        role_for_page = role
        page = make_page(unit=self.unit.id, url=url, response=response, fetched=fetched, depth=depth,
                         referer=referer, role=role, home_urls=self.home_urls,
                         link_texts=[self.link_text.get(url, "")], doc=doc,
                         extra_headers=meta.get("zwgk_extra_headers"))
        if role_for_page == SEARCH:       # a result list, not a column of the site
            page = dataclasses.replace(page, kind=PageKind.OTHER)
        links: list[ExtractedLink] = []
        ok = bool(fetched.text) and page.status is not None and page.status < 400
        follow = role_for_page == CRAWL and ok
        if follow or (role_for_page == SEARCH and ok):
            links = self._extract(fetched.text, response.url, doc)
        yield PageRecord(page, self._links(url, links))
        if follow:
            yield from self._follow(links, pagination_urls(fetched.text, response.url), url, depth)
            yield from self._searches(url, response.url, fetched.text, fetched.encoding, depth, doc)

    def _follows(self, url: str, final_url: str) -> bool:
        """Links of a page are followed only when it stayed in the scope.
        A start URL that redirects (http→https, bare domain→www) moves the
        scope with it."""
        if final_url == url or self.scope.in_scope(final_url):
            return True
        if url in self.start_urls_:
            self.scope = dataclasses.replace(
                self.scope, prefixes=self.scope.prefixes + (prefix_of(final_url),),
                netlocs=self.scope.netlocs | {netloc_of(final_url)})
            self.home_urls = self.home_urls + (final_url,)
            return True
        return False

    def on_rendered(self, response: Response) -> Iterable[Any]:
        st = response.meta["zwgk_static"]
        text = response.text if isinstance(response, TextResponse) else ""
        fetched = Fetched(text, b"", st["encoding"], st["declared"], len(text.encode("utf-8")), False)
        doc = parse_html(text)
        page = make_page(unit=self.unit.id, url=st["url"], response=response, fetched=fetched, depth=st["depth"],
                         referer=st["referer"], role=st["role"], home_urls=self.home_urls,
                         link_texts=[self.link_text.get(st["url"], "")], rendered=True,
                         extra_headers={"X-Zwgk-Render-Reason": st["reason"],
                                        "X-Zwgk-Static-Size": str(st["size"])},
                         elapsed_ms=st["elapsed_ms"] + float(response.meta.get("download_latency") or 0.0) * 1000.0,
                         doc=doc)
        links = self._extract(text, response.url, doc) if page.status is not None and page.status < 400 else []
        yield PageRecord(page, self._links(st["url"], links))
        yield from self._follow(links, pagination_urls(text, response.url), st["url"], st["depth"])
        if links:
            yield from self._searches(st["url"], response.url, text, st["encoding"], st["depth"], doc)

    # -- library search
    def _searches(self, url: str, final_url: str, text: str, encoding: str, depth: int,
                  doc: Any = None) -> Iterable[scrapy.Request]:
        """One query per GET search form of a 规范性文件 library / 政府信息公开
        page: the first library row title (≥ MIN_QUERY_CHARS) the crawl saw."""
        if len(self.search_forms) >= MAX_SEARCH_FORMS or not text:
            return
        label = " ".join(m.group(1).strip() for rx in _LABEL if (m := rx.search(text[:20000])))
        if not is_search_page_label(label):
            return
        if self.search_title is None and "规范性文件" in label:
            for row in list_rows(text, final_url):
                target = self.guard.canonical(row.url)
                if (len(row.title) >= MIN_QUERY_CHARS and target not in (url, final_url)
                        and self.scope.in_scope(target)):
                    self.search_title = (row.title, target)
                    break
        for form in search_forms(doc if doc is not None else text, final_url):
            if self.scope.in_scope(form.action) and (form.action, form.field) not in self.search_forms:
                self.search_forms.add((form.action, form.field))
                self.search_pending.append((form, url, encoding, depth))
            if len(self.search_forms) >= MAX_SEARCH_FORMS:
                break
        if self.search_title is None:
            return                      # asked once a library row title is known
        title, target = self.search_title
        pending, self.search_pending = self.search_pending, []
        for form, page_url, enc, d in pending:
            req = self._request(search_url(form, title, enc), SEARCH, d + 1, page_url)
            if req is not None:
                req.meta["zwgk_extra_headers"] = {
                    "X-Zwgk-Search-Query": title, "X-Zwgk-Search-Form": page_url,
                    "X-Zwgk-Search-Target": target, "X-Zwgk-Search-Field": form.field}
                yield req

    def on_render_error(self, failure: Failure) -> Iterable[Any]:
        """The browser failed: keep the static page, say why on it."""
        meta = failure.request.meta
        st, response = meta["zwgk_static"], meta["zwgk_static_response"]
        fetched = read_body(response, st["url"], self.max_body, False)
        err = "render: 浏览器渲染失败 (browser rendering failed): " + describe(failure)
        doc = parse_html(fetched.text)
        page = make_page(unit=self.unit.id, url=st["url"], response=response, fetched=fetched, depth=st["depth"],
                         referer=st["referer"], role=st["role"], home_urls=self.home_urls,
                         extra_headers={"X-Zwgk-Render-Reason": st["reason"]}, error=err[:500], doc=doc)
        links = self._extract(fetched.text, response.url, doc)
        yield PageRecord(page, self._links(st["url"], links))
        yield from self._follow(links, pagination_urls(fetched.text, response.url), st["url"], st["depth"])

    def on_error(self, failure: Failure) -> Iterable[Any]:
        request = failure.request
        meta = request.meta
        error = describe(failure)
        if failure.check(IgnoreRequest):
            if "robots.txt" in str(failure.value):
                # the site asked not to be crawled there: not a fault of the site
                self.robots_blocked.append(meta.get("zwgk_url", request.url))
                return
            error = f"ignored: 请求被放弃 (request dropped): {failure.value}"[:500]
            if "redirect" in str(failure.value).lower():
                error = f"redirect: 重定向次数过多 (too many redirects): {failure.value}"[:500]
        yield PageRecord(failed_page(unit=self.unit.id, url=meta.get("zwgk_url", request.url),
                                     error=error, depth=meta.get("zwgk_depth", 0),
                                     referer=meta.get("zwgk_referer", ""), role=meta.get("zwgk_role", CHECK),
                                     meta=meta))

    def summary(self) -> dict[str, Any]:
        stats = self.crawler.stats if getattr(self, "crawler", None) is not None else None
        browsers = (stats.get_value("playwright/browser_count", 0) if stats is not None else 0) or 0
        return {"browser_launches": browsers, "crawled": self.crawled, "checked": self.checked, "unchecked_links": self.unchecked,
                "robots_blocked": len(self.robots_blocked), "robots_blocked_urls": self.robots_blocked[:50],
                "traps": dict(self.guard.rejected), "render_reasons": dict(self.render_reasons),
                "scope_prefixes": list(self.scope.prefixes), "excluded_prefixes": list(self.scope.excluded)}

