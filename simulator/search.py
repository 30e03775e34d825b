"""The simulated 规范性文件 library search: exact-title lookup served by nginx.

The library list page carries ``<form action="<dir>search/index.html"
method="get"><input name="q">``.  nginx answers
``<dir>search/index.html?q=…`` with the file ``<dir>search/q/<q>.html``
where ``<q>`` is the query exactly as sent (percent-encoded bytes of the
page's charset, ``quote_plus`` form, as a browser or the crawler submits
it), else ``<dir>search/none.html`` (未找到相关结果).  A percent-encoded
Chinese title is longer than a file name may be, so the encoded query is
cut into directories of ``CHUNK`` characters (at most ``MAX_PARTS``; the
rest stays in the last) — ``server.py``'s ``map`` cuts it the same way.
"""

from __future__ import annotations

from urllib.parse import quote_plus

CHUNK = 120
MAX_PARTS = 4
FIELD = "q"


def encoded_query(query: str, encoding: str = "utf-8") -> str:
    return quote_plus(query, encoding=encoding or "utf-8", errors="xmlcharrefreplace")


def result_file(search_dir: str, query: str, encoding: str = "utf-8") -> str:
    """Path of the result page for ``query`` under ``search_dir`` (ends with /)."""
    s = encoded_query(query, encoding)
    parts: list[str] = []
    while len(s) > CHUNK and len(parts) < MAX_PARTS - 1:
        parts.append(s[:CHUNK])
        s = s[CHUNK:]
    parts.append(s)
    return f"{search_dir}q/{'/'.join(parts)}.html"


def nginx_map(variable: str = "$zwgk_search_q") -> str:
    """http-level ``map`` cutting ``$arg_q`` like ``result_file`` (refusing
    a raw '/' or '..' so a query cannot leave the search directory)."""
    lines = [f"    map $arg_{FIELD} {variable} {{", f"        default $arg_{FIELD};",
             '        "~/|\\.\\." "";']
    for n in range(MAX_PARTS, 1, -1):
        groups = "".join(f"(.{{{CHUNK}}})" for _ in range(n - 1)) + "(.+)"
        value = "/".join(f"${i}" for i in range(1, n + 1))
        lines.append(f'        "~^{groups}$" {value};')
    lines.append("    }")
    return "\n".join(lines)


def nginx_location(variable: str = "$zwgk_search_q") -> str:
    """Serve ``<any dir>/search/index.html`` from the result files."""
    return ("        location ~ ^(?<zwgk_sdir>/(?:.*/)?)search/index\\.html$ {\n"
            f"            try_files ${{zwgk_sdir}}search/q/{variable}.html ${{zwgk_sdir}}search/none.html =404;\n"
            "        }\n")
