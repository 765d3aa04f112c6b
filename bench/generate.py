"""Generate a synthetic portal of N items for benchmarks (public tools only).

    python3 bench/generate.py /tmp/site10k --items 10000

Writes a govsite site (site.toml + content/) and, with --peers, the same pages as a
Hugo site (hugo/), an MkDocs project (mkdocs/) and a Pelican project (pelican/), so
every generator renders the same Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

DEPARTMENTS = [f"d{i:02d}" for i in range(20)]
COLUMNS = ["news", "notice", "policy", "interpretation", "planning"]
PARAGRAPH = (
    "为深入贯彻落实市委、市政府决策部署，进一步提升政务服务水平，现就有关工作安排如下。"
    "各单位要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处。"
)


def site_toml() -> str:
    lines = [
        "[site]",
        'title = "基准市人民政府"',
        'base_url = "https://www.bench.gov.cn/"',
        'site_code = "5399000001"',
        'icp = "滇ICP备00000000号-1"',
        'public_security = "滇公网安备53990002000001号"',
        'sponsor = "基准市人民政府办公室"',
        'contact = "0871-60000000"',
        "",
    ]
    for dept in DEPARTMENTS:
        lines += ["[[departments]]", f'id = "{dept}"', f'name = "基准市第{dept[1:]}局"', ""]
    for column in COLUMNS:
        disclosure = "true" if column in ("policy", "interpretation", "planning") else "false"
        kind = {"news": "dynamic"}.get(column, column)
        lines += ["[[columns]]", f'id = "{column}"', f'title = "{column}"', f'kind = "{kind}"', f"disclosure = {disclosure}", ""]
    return "\n".join(lines)


def body(rng: random.Random, number: int) -> str:
    parts = [f"## 一、工作背景\n\n{PARAGRAPH * rng.randint(1, 3)}\n"]
    parts.append(f"## 二、主要任务\n\n1. {PARAGRAPH}\n2. 第{number}项任务按期完成。\n3. 加强督查。\n")
    parts.append("| 项目 | 数量 |\n| --- | --- |\n| 完成 | 12 |\n| 在办 | 3 |\n")
    parts.append(f"## 三、工作要求\n\n{PARAGRAPH * rng.randint(1, 4)}\n")
    return "\n".join(parts)


def generate(target: Path, items: int, peers: bool) -> None:
    if target.exists():
        shutil.rmtree(target)
    rng = random.Random(20261126)
    (target / "content").mkdir(parents=True)
    (target / "site.toml").write_text(site_toml(), encoding="utf-8")
    start = dt.date(2025, 1, 1)
    for number in range(items):
        dept = DEPARTMENTS[number % len(DEPARTMENTS)]
        column = COLUMNS[(number // len(DEPARTMENTS)) % len(COLUMNS)]
        date = start + dt.timedelta(days=rng.randint(0, 690))
        title = f"关于做好第{number}项重点工作的通知"
        text = body(rng, number)
        folder = target / "content" / dept / column
        folder.mkdir(parents=True, exist_ok=True)
        index_no = f"\nindex_no: B{number:06d}/{date.year}-{number:05d}" if column in ("policy", "interpretation", "planning") else ""
        (folder / f"item-{number:05d}.md").write_text(
            f"---\ntitle: {title}\ndate: {date}\nreview:\n  status: approved\n  level: general\n"
            f"  editor: 编辑甲\n  reviewer: 审核乙\n  approver: 签发丙\n  approver_role: principal\n"
            f"  approved: {date}{index_no}\n---\n\n{text}",
            encoding="utf-8",
        )
        if peers:
            write_peers(target, dept, column, number, title, date, text)
    if peers:
        write_peer_configs(target)


def write_peers(target: Path, dept: str, column: str, number: int, title: str, date: dt.date, text: str) -> None:
    hugo = target / "hugo" / "content" / dept / column
    hugo.mkdir(parents=True, exist_ok=True)
    (hugo / f"item-{number:05d}.md").write_text(f'---\ntitle: "{title}"\ndate: {date}\n---\n\n{text}', encoding="utf-8")
    docs = target / "mkdocs" / "docs" / dept / column
    docs.mkdir(parents=True, exist_ok=True)
    (docs / f"item-{number:05d}.md").write_text(f"# {title}\n\n{text}", encoding="utf-8")
    pelican = target / "pelican" / "content" / dept
    pelican.mkdir(parents=True, exist_ok=True)
    (pelican / f"item-{number:05d}.md").write_text(
        f"Title: {title}\nDate: {date}\nCategory: {column}\nSlug: {dept}-item-{number:05d}\n\n{text}", encoding="utf-8"
    )


def write_peer_configs(target: Path) -> None:
    (target / "hugo" / "hugo.toml").write_text(
        'baseURL = "https://www.bench.gov.cn/"\ntitle = "基准市"\ndisableKinds = ["taxonomy", "term"]\n'
        "[markup.goldmark.renderer]\nunsafe = false\n",
        encoding="utf-8",
    )
    layouts = target / "hugo" / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (layouts / "single.html").write_text(
        "<!doctype html><html lang=zh-CN><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}</html>\n",
        encoding="utf-8",
    )
    (layouts / "list.html").write_text(
        "<!doctype html><html lang=zh-CN><title>{{ .Title }}</title><ul>{{ range .Paginator.Pages }}"
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>'
        "{{ end }}</ul></html>\n",
        encoding="utf-8",
    )
    (target / "mkdocs" / "mkdocs.yml").write_text("site_name: 基准市\nuse_directory_urls: true\n", encoding="utf-8")
    (target / "pelican" / "pelicanconf.py").write_text(
        "SITENAME = '基准市'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'Asia/Shanghai'\nDEFAULT_LANG = 'zh'\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nDEFAULT_PAGINATION = 20\nRELATIVE_URLS = True\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path)
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--peers", action="store_true", help="also write Hugo, MkDocs and Pelican copies")
    args = parser.parse_args()
    generate(args.target, args.items, args.peers)


if __name__ == "__main__":
    main()
