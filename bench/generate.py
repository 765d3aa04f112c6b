"""Generate a realistic synthetic portal for benchmarks (public tools only).

    python3 bench/generate.py /tmp/site10k --items 10000 --peers

Writes a govsite site (site.toml, content/) shaped like a real city portal: 16
departments of very different sizes, eight columns, front matter with review chains,
document and index numbers, reposts with their source, 1–4 KB Chinese bodies with
headings, nested lists, tables, internal links (by file and by URL), external links,
images declared in ``media`` and PDF/DOCX attachments, an annual report (consistent with
the published documents) and a new-media registry per department. Everything derives
from one seed, so two runs write the same bytes. With ``--peers`` the same Markdown is
written as a Hugo site (``hugo/``) and a Pelican project (``pelican/``), media included,
so every generator renders the same text.

The portal passes ``govsite check --as-of 2026-11-26`` without errors (a few warnings
such as stale columns of small departments are expected), so ``govsite build`` publishes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import shutil
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20261126
AS_OF = dt.date(2026, 11, 26)
FIRST_DAY = dt.date(2024, 1, 2)

# id, full name, short name, weight (share of the items): real portals are lopsided.
DEPARTMENTS = [
    ("gov", "基准市人民政府办公室", "市政府办", 16),
    ("drc", "基准市发展和改革委员会", "市发展改革委", 12),
    ("edu", "基准市教育体育局", "市教体局", 11),
    ("health", "基准市卫生健康委员会", "市卫生健康委", 10),
    ("hrss", "基准市人力资源和社会保障局", "市人社局", 9),
    ("housing", "基准市住房和城乡建设局", "市住建局", 8),
    ("transport", "基准市交通运输局", "市交通运输局", 7),
    ("nr", "基准市自然资源和规划局", "市自然资源规划局", 6),
    ("ee", "基准市生态环境局", "市生态环境局", 5),
    ("finance", "基准市财政局", "市财政局", 4),
    ("emergency", "基准市应急管理局", "市应急管理局", 3),
    ("market", "基准市市场监督管理局", "市市场监管局", 3),
    ("agri", "基准市农业农村局", "市农业农村局", 2),
    ("culture", "基准市文化和旅游局", "市文旅局", 2),
    ("civil", "基准市民政局", "市民政局", 1),
    ("justice", "基准市司法局", "市司法局", 1),
]
DEPARTMENTS_BY_ID = {d[0]: d for d in DEPARTMENTS}
# id, title, kind, disclosure, weight
COLUMNS = [
    ("news", "工作动态", "dynamic", False, 40),
    ("notice", "通知公告", "notice", False, 22),
    ("policy", "政策文件", "policy", True, 10),
    ("interpretation", "政策解读", "interpretation", True, 8),
    ("personnel", "人事信息", "personnel", True, 7),
    ("planning", "规划计划", "planning", True, 13),
    ("guide", "政府信息公开指南", "guide", True, 0),
    ("rules", "政府信息公开制度", "rules", True, 0),
]
TOPICS = [
    "教育",
    "医疗卫生",
    "交通运输",
    "住房保障",
    "社会保障",
    "生态环境",
    "农业农村",
    "文化旅游",
    "市场监管",
    "应急管理",
    "财政预算",
    "城乡建设",
    "就业创业",
    "养老服务",
]
PLACES = [
    "城东片区",
    "城西片区",
    "高新区",
    "经开区",
    "北部新城",
    "滨江新区",
    "老城片区",
    "南部园区",
]
ACTIONS = ["推进", "部署", "落实", "开展", "完善", "加强", "优化", "深化", "规范", "提升"]
THINGS = [
    "政务服务",
    "营商环境",
    "民生实事",
    "安全生产",
    "项目建设",
    "基层治理",
    "数字政府",
    "公共服务",
    "信息公开",
    "质量监管",
    "防汛抗旱",
    "乡村振兴",
    "城市更新",
    "就业服务",
]
OPENERS = [
    "为深入贯彻落实市委、市政府决策部署",
    "根据省有关文件精神",
    "按照年度重点工作安排",
    "为进一步提升群众满意度",
    "为切实保障人民群众合法权益",
    "结合本市实际",
]
CLAUSES = [
    "各单位要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处",
    "要坚持问题导向，聚焦群众急难愁盼问题，及时回应社会关切",
    "牵头单位要会同有关部门建立工作台账，定期调度工作进展",
    "要统筹发展和安全，守牢安全底线，防范化解各类风险",
    "各县（市、区）要结合实际制定具体实施方案，细化工作措施",
    "要加强宣传引导，营造全社会共同参与的良好氛围",
    "对工作推进不力的单位，将予以通报并督促整改",
    "要强化资金保障，规范资金使用管理，提高资金使用效益",
    "要充分运用信息化手段，推动数据共享和业务协同",
    "要建立健全长效机制，推动工作常态化、制度化、规范化",
]
LEADERS = ["周建国", "吴海燕", "郑立新", "王志明", "冯立群", "陈晓东", "褚国华", "卫明轩"]
EDITORS = ["赵晓琳", "钱文博", "孙悦", "李静怡", "周子涵", "吴思远", "郑雅文", "王浩然"]
REVIEWERS = ["钱文博", "孙德明", "李建华", "周玉兰", "吴国强", "郑晓梅"]
REPOST_SOURCES = [
    ("中国政府网", "https://www.gov.cn/zhengce/content/2026-{n:05d}.htm"),
    ("新华社", "https://www.news.cn/politics/2026/{n:05d}.htm"),
    ("人民日报", "http://politics.people.com.cn/n1/2026/{n:05d}.html"),
]
EXTERNAL = [
    "https://www.gov.cn/zhengce/",
    "https://www.yn.gov.cn/zwgk/",
    "https://www.news.cn/",
    "https://zwfw.yn.gov.cn/",
    "https://www.creditchina.gov.cn/",
]


@dataclass
class Item:
    number: int
    dept: str
    column: str
    slug: str
    date: dt.date
    title: str
    front: str = ""
    body: str = ""
    media: list[tuple[str, bytes]] = field(default_factory=list)  # (name, bytes)


def credit_code(index: int) -> str:
    """A unified social credit code (GB 32100-2015) with a valid check character."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    stem = f"11539900MB{index:07d}"
    total = sum(alphabet.index(c) * w for c, w in zip(stem, weights, strict=True))
    return stem + alphabet[(31 - total % 31) % 31]


def site_toml() -> str:
    lines = [
        "[site]",
        'title = "基准市人民政府"',
        'base_url = "https://www.bench.gov.cn/"',
        'language = "zh-CN"',
        'site_code = "5399000001"',
        'icp = "滇ICP备00000000号-1"',
        'public_security = "滇公网安备53990002000001号"',
        'sponsor = "基准市人民政府办公室"',
        'operator = "基准市大数据中心"',
        'contact = "0871-60000000"',
        'address = "基准市行政中心1号楼"',
        "",
    ]
    for index, (dept, name, short, _) in enumerate(DEPARTMENTS):
        lines += [
            "[[departments]]",
            f'id = "{dept}"',
            f'name = "{name}"',
            f'short_name = "{short}"',
            f'credit_code = "{credit_code(index + 1)}"',
            f'phones = ["0871-6{index + 1:03d}0000"]',
            "",
        ]
    for column, title, kind, disclosure, _ in COLUMNS:
        lines += ["[[columns]]", f'id = "{column}"', f'title = "{title}"', f'kind = "{kind}"']
        lines += [f"disclosure = {'true' if disclosure else 'false'}", ""]
    return "\n".join(lines)


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(OPENERS)}，{rng.choice(ACTIONS)}{rng.choice(PLACES)}{rng.choice(THINGS)}工作，"
        f"{rng.choice(CLAUSES)}。"
    )


def paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(sentence(rng) for _ in range(sentences))


def png(rng: random.Random) -> bytes:
    """A small valid PNG of one random colour (each image distinct)."""
    width, height = 64, 40
    pixel = bytes(rng.randrange(256) for _ in range(3))
    raw = b"".join(b"\x00" + pixel * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def pdf(rng: random.Random, title: str, pages: int) -> bytes:
    """A text PDF (Helvetica, so the text is Latin) that pypdf can read."""
    words = [
        "budget",
        "project",
        "district",
        "service",
        "quarter",
        "progress",
        "total",
        "completed",
        "planned",
        "review",
        "schedule",
        "report",
        "public",
        "works",
    ]
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * p} 0 R" for p in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for page in range(pages):
        lines = [f"{title} - page {page + 1}"]
        lines += [" ".join(rng.choice(words) for _ in range(9)) for _ in range(30)]
        text = "".join(f"({line}) Tj T* " for line in lines)
        stream = f"BT /F1 10 Tf 14 TL 50 780 Td {text}ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * page} 0 R "
            f"/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx(rng: random.Random, title: str, paragraphs: int) -> bytes:
    """A minimal Word document (fixed zip timestamps, so the bytes are reproducible)."""
    texts = [title] + [paragraph(rng, 2) for _ in range(paragraphs)]
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in texts)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("[Content_Types].xml", DOCX_TYPES),
            ("_rels/.rels", DOCX_RELS),
            ("word/document.xml", document),
        ):
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def plan(items: int, rng: random.Random) -> list[Item]:
    """Which items exist: department, column, date and slug of each."""
    dept_weights = [d[3] for d in DEPARTMENTS]
    col_weights = [c[4] for c in COLUMNS]
    days = (AS_OF - FIRST_DAY).days - 2
    planned: list[Item] = []
    # Every department has its disclosure guide and rules (DS005).
    for dept, name, _, _ in DEPARTMENTS:
        for column, title in (("guide", "政府信息公开指南"), ("rules", "政府信息公开制度")):
            date = FIRST_DAY + dt.timedelta(days=rng.randrange(60))
            planned.append(Item(len(planned), dept, column, column, date, f"{name}{title}"))
    while len(planned) < items:
        dept = rng.choices(DEPARTMENTS, dept_weights)[0][0]
        column = rng.choices(COLUMNS, col_weights)[0][0]
        # Newer items are more frequent (portals grow), and every column stays fresh.
        date = AS_OF - dt.timedelta(days=int(days * rng.random() ** 1.6) + 1)
        number = len(planned)
        thing = rng.choice(THINGS)
        title = {
            "news": f"{rng.choice(PLACES)}{rng.choice(ACTIONS)}{thing}工作取得新进展（{number}）",
            "notice": f"关于做好{date.year}年{thing}工作的通知（{number}）",
            "policy": f"关于印发《基准市{thing}管理办法》的通知（{number}）",
            "interpretation": f"《基准市{thing}管理办法》政策解读（{number}）",
            "personnel": f"{date.year}年公开招聘{thing}工作人员公告（{number}）",
            "planning": f"基准市{date.year}年{thing}工作要点（{number}）",
        }[column]
        planned.append(
            Item(number, dept, column, f"{date.year}-{column}-{number:05d}", date, title)
        )
    return planned


def front_matter(item: Item, rng: random.Random, serial: dict, codes: dict) -> str:
    level = rng.choices(["general", "important", "major"], [80, 17, 3])[0]
    role = {"general": "principal", "important": "deputy-leader", "major": "city-leader"}[level]
    editor = rng.choice(EDITORS)
    reviewer = rng.choice([r for r in REVIEWERS if r != editor])
    approved = item.date - dt.timedelta(days=rng.randrange(0, 3))
    lines = [
        "---",
        f"title: {item.title}",
        f"date: {item.date.isoformat()}",
        "review:",
        "  status: approved",
        f"  level: {level}",
        f"  editor: {editor}",
        f"  reviewer: {reviewer}",
        f"  approver: {rng.choice(LEADERS)}",
        f"  approver_role: {role}",
        f"  approved: {approved.isoformat()}",
    ]
    disclosure = {c[0]: c[3] for c in COLUMNS}[item.column]
    if item.column == "policy":
        lines.append(f"doc_no: 基{item.dept}发〔{item.date.year}〕{item.number}号")
        doc_type = "normative" if rng.random() < 0.4 else "regulation"
        written = approved - dt.timedelta(days=rng.randrange(1, 10))
        lines.append(f"doc_type: {doc_type}")
        lines.append(f"written: {written.isoformat()}")
        issued = serial.setdefault(("issued", item.dept, doc_type, written.year), [0])
        issued[0] += 1
    if disclosure:
        key = (item.dept, item.date.year)
        serial[key] = serial.get(key, 0) + 1
        lines.append(f"index_no: {codes[item.dept]}/{item.date.year}-{serial[key]:05d}")
    lines.append(f"topic: {rng.choice(TOPICS)}")
    lines.append(f"keywords: [{rng.choice(THINGS)}, {rng.choice(TOPICS)}]")
    lines.append(f"summary: {sentence(rng)}")
    if item.column == "news" and rng.random() < 0.08:
        name, url = rng.choice(REPOST_SOURCES)
        lines += [
            "origin: repost",
            "source:",
            f"  name: {name}",
            f"  url: {url.format(n=item.number)}",
            f"  title: {item.title}",
        ]
    return "\n".join(lines)


def body_of(item: Item, rng: random.Random, earlier: list[Item], media: list[str]) -> str:
    """1–4 KB of Chinese Markdown with the structures real articles use."""
    parts = [paragraph(rng, rng.randint(2, 4))]
    headings = ["一、总体要求", "二、主要任务", "三、保障措施", "四、工作要求", "五、其他事项"]
    for number, heading in enumerate(headings[: rng.randint(2, 5)]):
        parts.append(f"## {heading}")
        parts.append(paragraph(rng, rng.randint(1, 3)))
        if number == 0 and rng.random() < 0.5:
            parts.append(f"### （一）{rng.choice(THINGS)}")
            parts.append(paragraph(rng, 1))
        if number == 1:
            entries = []
            for index in range(rng.randint(2, 4)):
                entries.append(f"{index + 1}. {sentence(rng)}")
                if rng.random() < 0.4:
                    entries += [
                        f"   - {rng.choice(PLACES)}：{rng.choice(CLAUSES)}。" for _ in range(2)
                    ]
            parts.append("\n".join(entries))
        if number == 2 and rng.random() < 0.6:
            rows = ["| 项目 | 责任单位 | 完成时限 | 进度 |", "| --- | --- | --- | --- |"]
            for _ in range(rng.randint(3, 8)):
                rows.append(
                    f"| {rng.choice(THINGS)} | {rng.choice(DEPARTMENTS)[2]} | "
                    f"{item.date.year}年{rng.randint(1, 12)}月 | {rng.choice(['已完成', '推进中', '未开始'])} |"
                )
            parts.append("\n".join(rows))
    links = []
    same = [e for e in earlier if e.dept == item.dept]
    if same and rng.random() < 0.7:
        target = rng.choice(same[-200:])
        links.append(f"[{target.title}](../{target.column}/{target.slug}.md)")
    if earlier and rng.random() < 0.3:
        target = rng.choice(earlier[-500:])
        links.append(f"[{target.title}](/{target.dept}/{target.column}/{target.slug}/)")
    if rng.random() < 0.5:
        links.append(f"[相关政策]({rng.choice(EXTERNAL)})")
    for name in media:
        if name.endswith(".png"):
            parts.insert(2, f"![{rng.choice(THINGS)}现场图片](../media/{name})")
        else:
            links.append(f"[附件：{item.title}](../media/{name})")
    if links:
        parts.append("相关链接：\n\n" + "\n".join(f"- {link}" for link in links))
    parts.append(
        f"{DEPARTMENTS_BY_ID[item.dept][1]}\n{item.date.year}年{item.date.month}月{item.date.day}日"
    )
    return "\n\n".join(parts) + "\n"


def generate(target: Path, items: int, peers: bool) -> None:
    if target.exists():
        shutil.rmtree(target)
    rng = random.Random(SEED)
    (target / "content").mkdir(parents=True)
    (target / "site.toml").write_text(site_toml(), encoding="utf-8")
    codes = {d[0]: credit_code(i + 1) for i, d in enumerate(DEPARTMENTS)}
    planned = plan(items, rng)
    serial: dict = {}
    for index, item in enumerate(planned):
        names = []
        media_lines = []
        if item.column not in ("guide", "rules") and rng.random() < 0.25:
            name = f"{item.slug}-photo.png"
            item.media.append((name, png(rng)))
            names.append(name)
            media_lines.append(
                f"  - {{file: ../media/{name}, source: {DEPARTMENTS_BY_ID[item.dept][1]}, license: 本单位原创}}"
            )
        if item.column in ("notice", "policy", "planning", "personnel") and rng.random() < 0.3:
            if rng.random() < 0.5:
                name = f"{item.slug}-attachment.pdf"
                item.media.append((name, pdf(rng, item.slug, rng.randint(1, 3))))
            else:
                name = f"{item.slug}-attachment.docx"
                item.media.append((name, docx(rng, item.title, rng.randint(3, 12))))
            names.append(name)
        front = front_matter(item, rng, serial, codes)
        if media_lines:
            front += "\nmedia:\n" + "\n".join(media_lines)
        item.front = front + "\n---\n\n"
        item.body = body_of(item, rng, planned[:index], names)
        write(
            target / "content" / item.dept / item.column / f"{item.slug}.md", item.front + item.body
        )
        for name, data in item.media:
            write(target / "content" / item.dept / "media" / name, data)
    for dept, name, _, _ in DEPARTMENTS:
        issued = {
            kind: serial.get(("issued", dept, kind, 2025), [0])[0]
            for kind in ("regulation", "normative")
        }
        write(
            target / "content" / dept / "annual-report" / "2025.yaml",
            annual_report(name, rng, issued),
        )
        registry = (
            "accounts:\n"
            f"  - name: {name}\n    platform: wechat\n    opened: 2024-03-01\n"
            "    filed: 2024-03-06\n    status: active\n"
        )
        write(target / "content" / dept / "new-media.yaml", registry)
    if peers:
        write_peers(target, planned)


def annual_report(name: str, rng: random.Random, issued: dict[str, int]) -> str:
    """A consistent annual report (the national table's arithmetic holds, and it declares
    the documents the department published that year)."""
    new = rng.randint(5, 60)
    return f"""year: 2025
overview: |
  2025年，{name}坚持以公开为常态、不公开为例外，全年主动公开政府信息{rng.randint(100, 900)}条。
  **（一）依申请公开。** 全年新收政府信息公开申请{new}件。
proactive:
  regulations:          {{issued: {issued["regulation"]}, repealed: 0, in_force: {issued["regulation"] + 3}}}
  normative_documents:  {{issued: {issued["normative"]}, repealed: 0, in_force: {issued["normative"] + 5}}}
  licensing:            {{decisions: {rng.randint(0, 5000)}}}
  penalties:            {{decisions: {rng.randint(0, 50)}}}
  enforcement:          {{decisions: 0}}
  fees:                 {{amount_wan_yuan: 0.0}}
applications:
  new: [{new}, 0, 0, 0, 0, 0]
  granted: [{new}, 0, 0, 0, 0, 0]
reviews_litigation:
  review:                  {{upheld: 0, corrected: 0, other: 0, pending: 0}}
  litigation_direct:       {{upheld: 0, corrected: 0, other: 0, pending: 0}}
  litigation_after_review: {{upheld: 0, corrected: 0, other: 0, pending: 0}}
problems: |
  依申请公开办理效率有待提高，政策解读形式较为单一。改进措施：完善内部会商机制，丰富解读形式。
other_matters: |
  本年度未收取信息处理费。
"""


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def write_peers(target: Path, planned: list[Item]) -> None:
    """The same Markdown and media for Hugo and Pelican."""
    hugo = target / "hugo"
    pelican = target / "pelican"
    for item in planned:
        # Hugo reads the YAML front matter as it is (unknown keys are kept as params).
        write(
            hugo / "content" / item.dept / item.column / f"{item.slug}.md", item.front + item.body
        )
        meta = (
            f"Title: {item.title}\nDate: {item.date.isoformat()}\nCategory: {item.column}\n"
            f"Slug: {item.dept}-{item.column}-{item.slug}\nAuthors: {item.dept}\n\n"
        )
        write(pelican / "content" / item.dept / f"{item.column}-{item.slug}.md", meta + item.body)
        for name, data in item.media:
            write(hugo / "static" / item.dept / "media" / name, data)
            write(pelican / "content" / item.dept / "media" / name, data)
    for dept, name, _, _ in DEPARTMENTS:
        write(hugo / "content" / dept / "_index.md", f"---\ntitle: {name}\n---\n")
        for column, title, *_ in COLUMNS:
            write(hugo / "content" / dept / column / "_index.md", f"---\ntitle: {title}\n---\n")
    write(
        hugo / "hugo.toml",
        'baseURL = "https://www.bench.gov.cn/"\ntitle = "基准市人民政府"\nlanguageCode = "zh-CN"\n'
        'hasCJKLanguage = true\ndisableKinds = ["taxonomy", "term"]\n'
        "[pagination]\npagerSize = 20\n[markup.goldmark.renderer]\nunsafe = false\n",
    )
    layouts = hugo / "layouts" / "_default"
    head = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - '
        '{{ site.Title }}</title></head><body><header><a href="/">{{ site.Title }}</a></header>'
    )
    write(
        layouts / "single.html",
        head + '<main data-pagefind-body><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }} '
        "{{ .Params.index_no }} {{ .Params.doc_no }}</p>{{ .Content }}</main></body></html>\n",
    )
    write(
        layouts / "list.html",
        head + "<main><h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}"
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>'
        '{{ end }}</ul>{{ template "_internal/pagination.html" . }}</main></body></html>\n',
    )
    write(
        pelican / "pelicanconf.py",
        "SITENAME = '基准市人民政府'\nSITEURL = ''\nPATH = 'content'\n"
        f"ARTICLE_EXCLUDES = STATIC_PATHS = {[f'{d[0]}/media' for d in DEPARTMENTS]!r}\n"
        "TIMEZONE = 'Asia/Shanghai'\nDEFAULT_LANG = 'zh'\nFEED_ALL_ATOM = None\n"
        "CATEGORY_FEED_ATOM = None\nDEFAULT_PAGINATION = 20\nRELATIVE_URLS = True\n",
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("target", type=Path)
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--peers", action="store_true", help="also write Hugo and Pelican copies")
    args = parser.parse_args()
    generate(args.target, args.items, args.peers)


if __name__ == "__main__":
    main()
