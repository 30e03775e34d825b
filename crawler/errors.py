"""Turn a download failure into the message recorded on the page.

Messages start with a stable kind (``dns``, ``timeout``, ``refused`` …) that
checks may match on, then say it in Chinese and English.
"""

from __future__ import annotations

import scrapy.exceptions as sx
from twisted.internet import error as tx_error
from twisted.python.failure import Failure

_DNS = "dns: 域名解析失败 (DNS lookup failed)"
_TIMEOUT = "timeout: 请求超时 (timed out)"
_REFUSED = "refused: 连接被拒绝 (connection refused)"

_KINDS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((sx.CannotResolveHostError, tx_error.DNSLookupError), _DNS),
    ((sx.DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError), _TIMEOUT),
    ((sx.DownloadConnectionRefusedError, tx_error.ConnectionRefusedError), _REFUSED),
    ((sx.ResponseDataLossError,), "dataloss: 响应不完整 (response body incomplete)"),
    ((tx_error.NoRouteError,), "unreachable: 无法到达主机 (no route to host)"),
    ((tx_error.ConnectionLost, tx_error.ConnectionDone), "connection_lost: 连接中断 (connection lost)"),
    ((sx.DownloadFailedError,), "failed: 下载失败 (download failed)"),
)


def describe(failure: Failure | BaseException) -> str:
    """``"<kind>: <中文> (<english>): <detail>"``, at most 500 characters."""
    exc = failure.value if isinstance(failure, Failure) else failure
    chain: list[BaseException] = []
    e: BaseException | None = exc
    while e is not None and e not in chain:
        chain.append(e)
        e = e.__cause__ or e.__context__
    detail = str(exc) or type(exc).__name__
    for cand in chain:
        for classes, msg in _KINDS:
            if isinstance(cand, classes):
                return f"{msg}: {detail}"[:500]
    name = type(exc).__name__
    if "TLS" in name or "SSL" in name:
        return f"tls: TLS 握手失败 (TLS error): {detail}"[:500]
    if "Timeout" in name:
        return f"{_TIMEOUT}: {detail}"[:500]
    return f"error: {name}: {detail}"[:500]
