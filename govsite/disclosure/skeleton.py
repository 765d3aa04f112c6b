"""``govsite report annual --template YEAR``: a complete YAML skeleton of the national
format, every table, row and column present with its printed label in a comment, all
figures 0, so a department fills it in cell by cell and it loads without findings as it
stands."""

from __future__ import annotations

from pathlib import Path

from govsite.config import load_config
from govsite.disclosure.annual import load_report
from govsite.disclosure.layout import (
    APPLICANT_LABELS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    GRANTED,
    IDENTITY_NOTE,
    NEW,
    OUTCOME_GROUPS,
    PARTIALLY_GRANTED,
    PROACTIVE,
    RESULT_KEYS,
    RESULT_LABELS,
    REVIEW_KINDS,
    SECTIONS,
    TOTAL_HANDLED,
    TOTAL_LABEL,
)
from govsite.i18n import Translator
from govsite.workdays import WorkingCalendar

ZEROS = "[0, 0, 0, 0, 0, 0, 0]"
KEY_WIDTH = 30


def template(year: int, name: str = "", previous_in_force: dict[str, str] | None = None) -> str:
    """The skeleton for ``year``; ``name`` names the department in the heading comment;
    ``previous_in_force`` gives last year's 现行有效件数 per row, shown as a reminder."""
    title = (
        f"{name}{year}年政府信息公开工作年度报告" if name else f"{year}年政府信息公开工作年度报告"
    )
    lines = [
        f"# {title}",
        "# 格式：《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）",
        f"# 保存为 content/<部门>/annual-report/{year}.yaml；填写说明见 docs/annual-report.md。",
        "# 数字照报告所印填写：件数写整数，收费金额写万元、可带小数（如 5949.088667）；",
        "# 不要写千位分隔符；国家格式允许空白的格可写 ——、/ 或留空（按 0 计）。",
        "",
        f"year: {year}",
        "",
        f"# {SECTIONS[0]}：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等情况。",
        "# 在下一行之后逐行缩进两格书写（Markdown）。",
        "overview: |",
        "",
        f"proactive:  # {SECTIONS[1]}",
    ]
    lines += _table_two(previous_in_force or {})
    lines += ["", *_table_three()]
    lines += ["", *_table_four()]
    lines += [
        "",
        f"# {SECTIONS[4]}",
        "problems: |",
        "",
        f"# {SECTIONS[5]}：信息处理费的收取情况，年度政务公开工作要点落实情况，",
        "# 人大代表建议和政协提案办理结果公开情况，政务公开工作创新情况等。",
        "other_matters: |",
        "",
    ]
    return "\n".join(lines)


def _table_two(previous: dict[str, str]) -> list[str]:
    lines = []
    item = None
    for key, article, label, fields in PROACTIVE:
        if article != item:
            item = article
            lines.append(f"  # {article}")
        cells = ", ".join(f"{name}: 0" for name, _ in fields)
        comment = f"{label}：" + "、".join(column for _, column in fields)
        if key in previous:
            comment += f"（上年现行有效 {previous[key]} 件）"
        lines.append(f"  {key + ':':<{KEY_WIDTH - 3}} {{{cells}}}  # {comment}")
    return lines


def _table_three() -> list[str]:
    columns = "、".join([*APPLICANT_LABELS, TOTAL_LABEL])
    lines = [
        f"applications:  # {SECTIONS[2]}",
        f"  # 每行 7 个数：{columns}（前 6 个为申请人类别，第 7 个为总计，可省略）",
        "  # 法人或其他组织：商业企业、科研机构、社会公益组织、法律服务机构、其他",
        f"  # {IDENTITY_NOTE}",
        "  # 有申请记录 applications-<年份>.csv 的部门删除本节，表三由记录计算。",
        _row("new", NEW.label, 2),
        _row("carried_over", CARRIED_OVER.label, 2),
        "  # 三、本年度办理结果",
        _row("granted", GRANTED.label, 2),
        _row("partially_granted", PARTIALLY_GRANTED.label, 2),
    ]
    for group, label, items in OUTCOME_GROUPS:
        lines.append(f"  {group}:  # {label}（报告印有本项小计的，可加 total: […]）")
        lines += [_row(key, item, 4) for key, item in items]
    lines += [
        _row("total_handled", TOTAL_HANDLED.label, 2),
        _row("carried_forward", CARRIED_FORWARD.label, 2),
    ]
    return lines


def _row(key: str, label: str, indent: int) -> str:
    return f"{' ' * indent}{key + ':':<{KEY_WIDTH - indent - 1}} {ZEROS}  # {label}"


def _table_four() -> list[str]:
    keys = (*RESULT_KEYS, "total")
    cells = ", ".join(f"{key}: 0" for key in keys)
    labels = "、".join(RESULT_LABELS)
    lines = [f"reviews_litigation:  # {SECTIONS[3]}（每项：{labels}）"]
    for kind, label in REVIEW_KINDS:
        where = label if kind == "review" else f"行政诉讼·{label}"
        lines.append(f"  {kind + ':':<{KEY_WIDTH - 3}} {{{cells}}}  # {where}")
    return lines


def department_template(site: Path, year: int, dept: str | None, t: Translator) -> str:
    """The skeleton for a department of ``site`` (its name, last year's 现行有效件数), or
    a neutral one without ``dept``."""
    if dept is None:
        return template(year)
    config = load_config(site, t)
    from govsite.named import require_department

    department = require_department(config, dept, t)
    previous: dict[str, str] = {}
    rel = f"content/{dept}/annual-report/{year - 1}.yaml"
    path = site / rel
    if path.is_file() and not path.is_symlink():
        report = load_report(site, rel, dept, WorkingCalendar(), t)
        if report is not None and not any(p.rule == "FM001" for _, p in report.problems):
            for key, values in report.proactive.items():
                if "in_force" in values:
                    previous[key] = report.shown(f"proactive.{key}.in_force", values["in_force"])
    return template(year, department.name, previous)
