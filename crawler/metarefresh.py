"""Meta-refresh redirects without decoding every page to look for one.

Scrapy's ``MetaRefreshMiddleware`` decodes each HTML body (``response.text``,
with encoding detection) to search its first 4096 characters for
``<meta http-equiv="refresh" …>``; the spider decodes the page again its
own way.  A body whose bytes contain neither ``refresh`` (any case) nor a
numeric character reference (``&#…;`` could spell it) has no meta refresh,
whatever its ASCII-compatible encoding: it is passed on untouched.  Bodies
with NUL bytes (UTF-16/32) and all others go through Scrapy's check.
"""

from __future__ import annotations

import re

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Response

_MAYBE_REFRESH = re.compile(rb"(?i)refresh|&#")


class QuickMetaRefreshMiddleware(MetaRefreshMiddleware):
    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if isinstance(response, HtmlResponse):
            body = response.body
            if b"\x00" not in body and _MAYBE_REFRESH.search(body) is None:
                return response
        return super().process_response(request, response)
