"""Downloader middleware: hand compressed bodies to Scrapy's
HttpCompressionMiddleware as plain ``Response`` objects.

Scrapy builds an ``HtmlResponse`` for a gzip body before decompressing it,
and ``HttpCompressionMiddleware`` then calls ``response.replace()``, which
reads ``response.encoding`` of the *compressed* bytes: with no charset in
the Content-Type that means charset_normalizer over binary gzip data on
every page (it dominated the crawl's CPU time).  The decompressed response
is typed and decoded as before; only the pointless sniffing is skipped.

Runs just before HttpCompressionMiddleware (590) on the way back from the
downloader, i.e. with a larger order number.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response, TextResponse

ORDER = 595


class PlainCompressedResponse:
    def process_response(self, request: Request, response: Response) -> Response:
        if isinstance(response, TextResponse) and response.headers.get(b"Content-Encoding"):
            return Response(**{name: getattr(response, name) for name in Response.attributes})
        return response
