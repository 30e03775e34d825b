"""Referer headers without a spider-middleware pass over every item.

Scrapy's ``RefererMiddleware`` does two jobs: it sets the Referer of each
request a callback yields (``process_spider_output``, one more async layer
over every page and link), and ``RedirectMiddleware`` asks it for the
Referer of a redirected request.  The spider already sets the Referer of
every request it yields, so only the second job is left:
``RedirectRefererMiddleware`` is registered for it and takes no part in the
spider's output.  ``referer_for`` gives the header the policy would have set
(the spider uses it for the browser's second fetch of a page).
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.spidermiddlewares.referer import RefererMiddleware


class RedirectRefererMiddleware(RefererMiddleware):
    process_spider_output: Any = None
    process_spider_output_async: Any = None


def referer_for(crawler: Any, request: Request, response: Response) -> Request:
    """Set ``request``'s Referer as RefererMiddleware would, yielded from
    ``response``'s callback (unchanged when referers are disabled)."""
    mw = crawler.get_spider_middleware(RefererMiddleware) if crawler is not None else None
    if mw is not None:
        mw.get_processed_request(request, response)
    return request
