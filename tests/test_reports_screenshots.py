"""Screenshots as evidence, against pages served on the loopback."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from reports.browser import chromium_path
from reports.screenshots import ERROR_KEY, capture_screenshots, shot_name
from zwgk_audit.model import Evidence, Finding, Status

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium")]

PAGES = {
    "/home.html": "<html><body><h1>示例县</h1><p>正文</p><div id='footer'>备案号：粤ICP备1234号-</div></body></html>",
    "/alert.html": "<html><body><script>alert('hi')</script><p>弹窗页面</p></body></html>",
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = PAGES.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def F(url: str, status: Status = Status.FAIL, value: str = "", key: str = "") -> Finding:
    return Finding(check_id="footer.identity", status=status, title="t", message="m", unit="u", url=url,
                   key=key, evidence=Evidence(value=value))


def _marked_pixels(path: Path) -> int:
    from PIL import Image
    im = Image.open(path).convert("RGB")
    colours = im.getcolors(maxcolors=1 << 24) or []
    return sum(n for n, (r, g, b) in colours if r > 200 and g < 40 and b < 40)


def test_findings_get_a_screenshot_with_the_value_outlined(server, tmp_path):
    url = server + "/home.html"
    fs = [F(url, value="粤ICP备1234号-", key="icp"), F(url, key="psb"), F(url, Status.PASS, key="site_code")]
    out = capture_screenshots(fs, tmp_path)
    assert out[0].evidence.screenshot == f"shots/{shot_name(url)}"
    assert out[1].evidence.screenshot == out[0].evidence.screenshot        # one shot per URL
    assert out[2].evidence.screenshot == ""                                 # passes are not captured
    assert out[0].evidence.captured_at
    png = tmp_path / out[0].evidence.screenshot
    assert png.read_bytes().startswith(b"\x89PNG")
    assert _marked_pixels(png) > 100                                        # the red outline


def test_capture_failures_are_recorded_not_raised(server, tmp_path):
    fs = [F("http://127.0.0.1:9/nothing.html"), F("javascript:alert(1)"), F(server + "/alert.html")]
    out = capture_screenshots(fs, tmp_path, timeout_ms=5000)
    assert ERROR_KEY in out[0].evidence.details and not out[0].evidence.screenshot
    assert out[1] == fs[1]                                   # not http(s): untouched
    assert out[2].evidence.screenshot                        # an alert() on the page does not hang us


def test_shot_limit(server, tmp_path):
    fs = [F(server + "/home.html"), F(server + "/alert.html", Status.WARN)]
    out = capture_screenshots(fs, tmp_path, max_shots=1)
    assert out[0].evidence.screenshot and not out[1].evidence.screenshot
    assert "上限" in out[1].evidence.details[ERROR_KEY]
