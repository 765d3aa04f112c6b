"""The compliance dashboard (``--report FILE``): one self-contained HTML page for the web
office — findings by department, rule and column, the freshness of every column, the
national inspection's veto indicators, and every waiver."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from jinja2 import Environment

from govsite.content.model import Status
from govsite.findings import Finding, Severity
from govsite.rules import RULES
from govsite.rules.freshness import DEFAULT_MAX_AGE, EMPTY_COLUMN_VETO
from govsite.site import Analysis

VETO_STALE_KINDS = ("dynamic", "notice", "policy")


@dataclass(frozen=True)
class ColumnHealth:
    department: str
    column: str
    kind: str
    items: int
    newest: dt.date | None
    age: int | None
    limit: int | None

    @property
    def state(self) -> str:
        if self.newest is None:
            return "空白"
        if self.limit is not None and self.age is not None and self.age > self.limit:
            return "超期"
        return "正常"


TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govsite dashboard">
<title>{{ site.title }}合规检查报告（{{ as_of }}）</title>
<style>
body{font:15px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#1a1a1a}
h1{font-size:1.5em}h2{border-bottom:2px solid #b31b1b;padding-bottom:4px;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right}.bad{color:#a00;font-weight:bold}.ok{color:#176b2c}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ccc;padding:8px 14px;min-width:150px}
.card strong{display:block;font-size:1.6em}.bar{display:inline-block;height:12px;background:#b31b1b;vertical-align:middle}
code{background:#f6f6f6;padding:0 3px}
</style></head><body>
<h1>{{ site.title }}合规检查报告</h1>
<p>检查日期：{{ as_of }}；检查文件 {{ files }} 个，可发布页面 {{ pages }} 个。</p>
<div class="cards">
  <div class="card">错误<strong class="{{ 'bad' if errors else 'ok' }}">{{ errors }}</strong></div>
  <div class="card">警告<strong>{{ warnings }}</strong></div>
  <div class="card">豁免<strong>{{ waived|length }}</strong></div>
  <div class="card">其中在草稿中<strong>{{ drafts }}</strong></div>
</div>

<h2>国家检查单项否决指标</h2>
<table><thead><tr><th scope="col">指标</th><th scope="col">本站</th><th scope="col">否决条件</th><th scope="col">状态</th></tr></thead><tbody>
{% for v in vetoes %}<tr><td>{{ v.name }}</td><td class="num">{{ v.value }}</td><td>{{ v.threshold }}</td><td class="{{ 'bad' if v.failed else 'ok' }}">{{ '触发否决' if v.failed else '未触发' }}</td></tr>
{% endfor %}</tbody></table>
{% if notes %}<p>未能判断：{% for n in notes %}<code>{{ n.rule }}</code> {{ n.message }}{% if not loop.last %}；{% endif %}{% endfor %}</p>{% endif %}

<h2>国家检查扣分指标</h2>
<table><thead><tr><th scope="col">指标</th><th scope="col">本站</th><th scope="col">说明</th></tr></thead><tbody>
{% for d in deductions %}<tr><td>{{ d.name }}</td><td class="num {{ 'bad' if d.value else 'ok' }}">{{ d.value }}</td><td>{{ d.note }}</td></tr>
{% endfor %}</tbody></table>

<h2>按部门</h2>
<table><thead><tr><th scope="col">部门</th><th scope="col">错误</th><th scope="col">警告</th><th scope="col">分布</th></tr></thead><tbody>
{% for row in by_department %}<tr><td>{{ row.title }} <small><code>{{ row.name }}</code></small></td><td class="num">{{ row.errors }}</td><td class="num">{{ row.warnings }}</td>
<td><span class="bar" style="width:{{ row.width }}px" role="img" aria-label="{{ row.errors + row.warnings }} 个问题"></span></td></tr>
{% else %}<tr><td colspan="4">没有发现问题。</td></tr>{% endfor %}</tbody></table>

<h2>按规则</h2>
<table><thead><tr><th scope="col">规则</th><th scope="col">名称</th><th scope="col">级别</th><th scope="col">依据</th><th scope="col">数量</th></tr></thead><tbody>
{% for row in by_rule %}<tr><td><code>{{ row.code }}</code></td><td>{{ row.title }} <small><code>{{ row.name }}</code></small></td><td>{{ row.severity }}</td><td>{{ row.article }}</td><td class="num">{{ row.count }}</td></tr>
{% else %}<tr><td colspan="5">没有发现问题。</td></tr>{% endfor %}</tbody></table>

<h2>按栏目</h2>
<table><thead><tr><th scope="col">栏目</th><th scope="col">问题</th></tr></thead><tbody>
{% for name, count in by_column %}<tr><td>{{ name }}</td><td class="num">{{ count }}</td></tr>
{% else %}<tr><td colspan="2">没有发现问题。</td></tr>{% endfor %}</tbody></table>

<h2>栏目更新情况</h2>
<table><thead><tr><th scope="col">部门</th><th scope="col">栏目</th><th scope="col">信息数</th><th scope="col">最新发布</th><th scope="col">距今（天）</th><th scope="col">时限（天）</th><th scope="col">状态</th></tr></thead><tbody>
{% for c in health %}<tr><td>{{ c.department }}</td><td>{{ c.column }}</td><td class="num">{{ c.items }}</td><td>{{ c.newest or '—' }}</td><td class="num">{{ c.age if c.age is not none else '—' }}</td><td class="num">{{ c.limit or '—' }}</td><td class="{{ 'ok' if c.state == '正常' else 'bad' }}">{{ c.state }}</td></tr>
{% endfor %}</tbody></table>

<h2>豁免</h2>
<table><thead><tr><th scope="col">位置</th><th scope="col">规则</th><th scope="col">理由（批准人）</th></tr></thead><tbody>
{% for f in waived %}<tr><td>{{ f.path }}{% if f.line %}:{{ f.line }}{% endif %}</td><td><code>{{ f.rule }}</code></td><td>{{ f.waiver_reason }}</td></tr>
{% else %}<tr><td colspan="3">没有豁免。</td></tr>{% endfor %}</tbody></table>

<h2>全部问题</h2>
<table><thead><tr><th scope="col">位置</th><th scope="col">规则</th><th scope="col">级别</th><th scope="col">说明</th></tr></thead><tbody>
{% for f in live %}<tr><td>{{ f.path }}{% if f.line %}:{{ f.line }}{% endif %}</td><td><code>{{ f.rule }}</code></td><td>{{ f.severity.value }}{% if f.draft %}（草稿）{% endif %}</td><td>{{ f.message }}</td></tr>
{% else %}<tr><td colspan="4">没有发现问题。</td></tr>{% endfor %}</tbody></table>
</body></html>
"""


def inspection_vetoes(rule_counts: Counter) -> list[dict]:
    """The veto items of the national inspection that issue #14's rules measure."""
    return [
        {
            "name": "领导同志姓名、职务、排序错误（LD001，严重表述错误）",
            "value": rule_counts["LD001"],
            "threshold": "≥ 1 处",
            "failed": rule_counts["LD001"] > 0,
        },
        {
            "name": "伪造发稿日期（RV006，弄虚作假）",
            "value": rule_counts["RV006"],
            "threshold": "≥ 1 处",
            "failed": rule_counts["RV006"] > 0,
        },
        {
            "name": "政务新媒体 2 周内无更新（NM005）",
            "value": rule_counts["NM005"],
            "threshold": "≥ 1 个账号（该账号否决）",
            "failed": rule_counts["NM005"] > 0,
        },
    ]


def inspection_deductions(live: list[Finding], analysis: Analysis) -> list[dict]:
    """Deduction items (扣分指标): unusable links, counted on the home page and elsewhere as
    the monitors do, and policies without interpretation."""
    from govsite.links_check import load_cache

    home = sum(
        f.rule == "LK005" and f.path == "site.toml" and f.severity is Severity.WARNING for f in live
    )
    other = sum(
        (f.rule == "LK002")
        or (f.rule == "LK005" and f.path != "site.toml" and f.severity is Severity.WARNING)
        for f in live
    )
    cache = load_cache(analysis.config.root)
    checked = max((r.checked[:10] for r in cache.results.values()), default="")
    external = (
        f"外部链接上次检查：{checked}"
        if checked
        else "外部链接尚未检查（govsite links --external）"
    )
    return [
        {"name": "首页不可用链接", "value": home, "note": external},
        {"name": "其他页面不可用链接（站内 LK002、外部 LK005）", "value": other, "note": external},
        {
            "name": "政策文件未按时解读（IN001）",
            "value": sum(f.rule == "IN001" for f in live),
            "note": "发布解读：政策文件发布后在栏目规定天数内应有解读",
        },
        {
            "name": "解读指向错误（IN002）",
            "value": sum(f.rule == "IN002" for f in live),
            "note": "解读稿件的 interprets 应指向已发布的政策文件",
        },
    ]


def column_health(analysis: Analysis) -> list[ColumnHealth]:
    config, as_of = analysis.config, analysis.as_of
    newest: dict[tuple[str, str], dt.date] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for page in analysis.pages:
        if page.meta is None or page.status(as_of) is not Status.PUBLISHED:
            continue
        place = (page.department, page.column)
        counts[place] += 1
        newest[place] = max(newest.get(place, page.meta.date), page.meta.date)
    rows = []
    for dept in config.departments:
        for column in config.columns_of(dept):
            last = newest.get((dept.id, column.id))
            limit = column.max_age_days or DEFAULT_MAX_AGE.get(column.kind)
            age = (as_of - last).days if last else None
            rows.append(
                ColumnHealth(
                    dept.short_name,
                    column.title,
                    column.kind,
                    counts[(dept.id, column.id)],
                    last,
                    age,
                    limit,
                )
            )
    return rows


def dashboard_html(analysis: Analysis, findings: list[Finding], files: int, pages: int) -> str:
    live = [f for f in findings if not f.waived]
    config = analysis.config
    names = {d.id: d.name for d in config.departments}
    per_dept: dict[str, Counter] = {}
    per_column: Counter[str] = Counter()
    for finding in live:
        parts = finding.path.split("/")
        dept = names.get(parts[1], "全站") if parts[0] == "content" and len(parts) > 1 else "全站"
        per_dept.setdefault(dept, Counter())[finding.severity] += 1
        column = config.column(parts[2]) if parts[0] == "content" and len(parts) > 3 else None
        if column is not None:
            per_column[column.title] += 1
    largest = max((sum(c.values()) for c in per_dept.values()), default=1) or 1
    by_department = [
        {
            "name": name,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "width": round(300 * sum(counts.values()) / largest),
        }
        for name, counts in sorted(per_dept.items(), key=lambda item: -sum(item[1].values()))
    ]
    rule_counts = Counter(f.rule for f in live)
    by_rule = [
        {
            "code": code,
            "name": RULES[code].name,
            "title": RULES[code].title(),
            "severity": RULES[code].severity.value,
            "article": RULES[code].article,
            "count": count,
        }
        for code, count in sorted(rule_counts.items())
    ]
    health = column_health(analysis)
    empty = sum(c.state == "空白" for c in health)
    stale = sum(c.state == "超期" and c.kind in VETO_STALE_KINDS for c in health)
    vetoes = [
        {
            "name": "空白栏目",
            "value": empty,
            "threshold": f"≥ {EMPTY_COLUMN_VETO} 个",
            "failed": empty >= EMPTY_COLUMN_VETO,
        },
        {
            "name": "动态、通知公告、政策文件类栏目未按时更新",
            "value": stale,
            "threshold": "≥ 5 个",
            "failed": stale >= 5,
        },
        {
            "name": "严重表述错误（WD001）",
            "value": rule_counts["WD001"],
            "threshold": "≥ 1 处",
            "failed": rule_counts["WD001"] > 0,
        },
        {
            "name": "违法有害信息（AD002）",
            "value": rule_counts["AD002"],
            "threshold": "≥ 1 处",
            "failed": rule_counts["AD002"] > 0,
        },
        *inspection_vetoes(rule_counts),
    ]
    environment = Environment(autoescape=True)
    return environment.from_string(TEMPLATE).render(
        site=config.site,
        as_of=analysis.as_of.isoformat(),
        files=files,
        pages=pages,
        errors=sum(f.severity is Severity.ERROR for f in live),
        warnings=sum(f.severity is Severity.WARNING for f in live),
        waived=[f for f in findings if f.waived],
        drafts=sum(f.draft for f in live),  # pending: they block no publication (drafts.py)
        vetoes=vetoes,
        deductions=inspection_deductions(live, analysis),
        notes=getattr(analysis, "notes", ()),
        by_department=by_department,
        by_rule=by_rule,
        by_column=sorted(per_column.items(), key=lambda item: -item[1]),
        health=health,
        live=live,
    )
