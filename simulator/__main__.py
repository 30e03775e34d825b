"""``python -m simulator generate|serve``."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import time
from pathlib import Path

from simulator.defects import REGISTRY, DefectError
from simulator.server import ServerError


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m simulator", description="政府网站模拟器：生成、提供模拟门户网站")
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="生成站点目录和 truth.json")
    g.add_argument("--seed", type=int, default=7)
    g.add_argument("--scale", type=int, default=150, help="大约的页面数（10 至 100000）")
    g.add_argument("--out", type=Path, required=True)
    g.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="基准日期 YYYY-MM-DD（默认今天）")
    g.add_argument("--defects", default=None, help="逗号分隔的缺陷列表；省略则用演示列表，空串表示无缺陷")
    sub.add_parser("defects", help="列出可用的缺陷类型")
    s = sub.add_parser("serve", help="用 nginx 提供已生成的站点，Ctrl-C 结束")
    s.add_argument("dir", type=Path)
    a = p.parse_args(argv)
    try:
        if a.cmd == "defects":
            for k, v in sorted(REGISTRY.items()):
                args = f"  参数: {'/'.join(v.args)}" if v.args else ""
                print(f"{k}\t{v.description}{args}")
            return 0
        if a.cmd == "generate":
            from simulator.generate import generate
            defects = None if a.defects is None else [x for x in a.defects.split(",") if x.strip()]
            t0 = time.monotonic()
            gen = generate(a.out, seed=a.seed, scale=a.scale, as_of=a.as_of, defects=defects)
            print(f"已生成 {gen.pages} 个页面、{gen.files} 个文件，用时 {time.monotonic() - t0:.1f} 秒；"
                  f"真值 {len(gen.truth['findings'])} 条：{gen.truth_path}")
            return 0
        from simulator.demo import serve_generated
        srv = serve_generated(a.dir)
        for name in srv._ports:
            print(f"{name}: {srv.base_url(name)}index.html  {srv.base_url(name, 6)}index.html")
        print("按 Ctrl-C 结束")
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        try:
            while srv.running:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            srv.stop()
        return 0
    except (DefectError, ValueError, ServerError) as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
