"""Binary attachments: a minimal valid PDF, a PNG, and DOCX files made with
python-docx (one template, text swapped per file so 10,000 files stay fast)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from functools import lru_cache
from xml.sax.saxutils import escape


def pdf_bytes(title: str) -> bytes:
    """A one-page PDF whose text is ``title`` (ASCII-hex encoded in a CID-less
    font is overkill for a fixture: the title goes in the Info dictionary as
    UTF-16 and the page shows a Latin caption)."""
    info_title = "<FEFF" + title.encode("utf-16-be").hex().upper() + ">"
    stream = b"BT /F1 12 Tf 72 720 Td (Shili County Government Document) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title " + info_title.encode("ascii") + b" /Producer (zwgk-simulator) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, len(objs), xref)
    return bytes(out)


@lru_cache(maxsize=1)
def png_bytes() -> bytes:
    """A 16×16 red-and-white PNG."""
    w = h = 16
    raw = b"".join(b"\x00" + b"".join(b"\xcc\x00\x00" if (x // 4 + y // 4) % 2 else b"\xff\xff\xff" for x in range(w)) for y in range(h))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


_MARK = "ZWGKTITLEMARK"


@lru_cache(maxsize=1)
def _docx_template() -> tuple[dict[str, bytes], str]:
    import docx  # python-docx
    d = docx.Document()
    d.add_heading(_MARK, level=1)
    d.add_paragraph("示例县人民政府")
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    return parts, "word/document.xml"


@lru_cache(maxsize=4096)   # titles repeat; deflating the parts per file dominated run time
def docx_bytes(title: str) -> bytes:
    parts, doc_part = _docx_template()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name == doc_part:
                data = data.replace(_MARK.encode(), escape(title).encode("utf-8"))
            z.writestr(name, data)
    return out.getvalue()
