"""Generate the files of the repository that are derived from code, and check they are current.

``python3 -m govsite.docgen`` (re)writes them; ``python3 -m govsite.docgen --check`` exits 1
naming every stale file (a test runs the same check, as Ruff's generated docs are checked):

- ``docs/rules.md`` and ``docs/rules.en.md``: the rule reference, from the rule registry's
  bilingual docstrings (``govsite rules CODE`` prints the same text);
- ``examples/ci/*.yml`` and ``examples/pre-commit-config.yaml``: the files ``govsite init``
  writes into a new portal, with a placeholder govsite repository.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from govsite import __version__
from govsite.installsource import PLACEHOLDER_URL, GovsiteSource
from govsite.rules import RULES
from govsite.rules.registry import Rule

REPO = Path(__file__).resolve().parent.parent
COMMAND = "python3 -m govsite.docgen"

FAMILIES = {
    "FM": ("前置元数据和文件位置", "Front matter and file placement"),
    "RV": ("审核签发", "Review chain"),
    "PV": ("个人信息", "Personal data"),
    "LK": ("链接", "Links"),
    "AD": ("广告、违法内容和原始 HTML", "Advertising, illegal content, raw HTML"),
    "MD": ("图片、视频和地图", "Images, video and maps"),
    "SR": ("转载", "Reposts"),
    "WD": ("表述和错别字", "Wording and typos"),
    "FR": ("栏目更新", "Column freshness"),
    "DS": ("政府信息公开", "Information disclosure"),
    "NM": ("政务新媒体", "Government new media"),
    "ST": ("网站身份", "Site identity"),
    "WV": ("豁免", "Waivers"),
    "AT": ("附件", "Attachments"),
    "LD": ("领导同志姓名和职务", "Leaders' names and titles"),
    "IN": ("政策解读", "Policy interpretations"),
}
SEVERITY = {
    "zh": {"error": "错误（阻止发布）", "warning": "警告", "info": "提示"},
    "en": {"error": "error (blocks publishing)", "warning": "warning", "info": "info"},
}
TEXT = {
    "zh": {
        "title": "# 规则参考",
        "intro": (
            "govsite 的全部检查规则。本文件由 `{command}` 根据规则注册表生成，请勿手工修改："
            "规则的说明写在 `govsite/rules/` 中各规则函数的文档字符串里，改完后重新生成。"
            "命令行中 `govsite rules CODE` 显示同样的内容。级别是默认级别，门户可以在规则包的 "
            "`levels.yaml` 中调整（见 [规则包](rule-pack.md)）。English: [rules.en.md](rules.en.md)."
        ),
        "table": "| 代码 | 名称 | 默认级别 | 依据 | 范围 |\n| --- | --- | --- | --- | --- |",
        "scope": {"page": "每页", "site": "全站"},
        "meta": "默认级别：{severity} · 依据：{article} · 范围：{scope}",
    },
    "en": {
        "title": "# Rule reference",
        "intro": (
            "Every rule govsite checks. Generated from the rule registry by `{command}`; do not "
            "edit: a rule's documentation is its function's docstring under `govsite/rules/`. "
            "`govsite rules CODE --lang en` prints the same text. Levels are defaults; a portal "
            "changes them in its rule pack's `levels.yaml` (see [the rule pack](rule-pack.md)). "
            "中文：[rules.md](rules.md)。"
        ),
        "table": "| code | name | default level | basis | scope |\n| --- | --- | --- | --- | --- |",
        "scope": {"page": "page", "site": "site"},
        "meta": "Default level: {severity} · basis: {article} · scope: {scope}",
    },
}


NUMERALS = dict(zip("一二三四五六七八九", range(1, 10), strict=True))


def _number(chinese: str) -> int:
    """一 … 九十九 as an integer (the article numbers of the Measures)."""
    tens, _, units = chinese.rpartition("十")
    if "十" not in chinese:
        return NUMERALS[chinese]
    return NUMERALS.get(tens, 1) * 10 + (NUMERALS[units] if units else 0)


def _article(rule: Rule, lang: str) -> str:
    if not rule.article.startswith("第"):
        return rule.article
    if lang == "zh":
        return f"《办法》{rule.article}"
    numbers = [str(_number(n)) for n in re.findall(r"第([一二三四五六七八九十]+)条", rule.article)]
    return f"Measures, Art. {', '.join(numbers)}"


def _demote(markdown: str) -> str:
    """Rule docs use ``##`` sections; under a rule's own ``##`` heading they become ``####``.

    Lines inside fenced code (YAML and TOML comments start with ``#``) stay as written.
    """
    out, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,4} ", line):
            line = "##" + line
        out.append(line)
    return "\n".join(out)


def rules_markdown(lang: str) -> str:
    text = TEXT[lang]
    rules = sorted(RULES.values(), key=lambda r: r.code)
    out = [text["title"], "", text["intro"].format(command=COMMAND), ""]
    out += [text["table"]]
    for rule in rules:
        severity = SEVERITY[lang].get(rule.severity.value, rule.severity.value)
        scope = text["scope"].get(rule.scope, rule.scope)
        row = f"| [{rule.code}](#{rule.code.lower()}) | {rule.name} | {severity} "
        out.append(row + f"| {_article(rule, lang)} | {scope} |")
    family = None
    for rule in rules:
        prefix = rule.code[:2]
        if prefix != family:
            family = prefix
            names = FAMILIES.get(prefix)
            name = (names[0] if lang == "zh" else names[1]) if names else prefix
            out += ["", f"# {prefix} · {name}" if names else f"# {prefix}"]
        severity = SEVERITY[lang].get(rule.severity.value, rule.severity.value)
        meta = text["meta"].format(
            severity=severity,
            article=_article(rule, lang),
            scope=text["scope"].get(rule.scope, rule.scope),
        )
        out += ["", f"## {rule.code}", "", f"`{rule.name}` · {meta}", ""]
        out.append(_demote(rule.doc_in(lang)))
    return "\n".join(out).rstrip() + "\n"


def example_source() -> GovsiteSource:
    """The placeholder a portal replaces with its govsite repository (``init`` fills it in)."""
    return GovsiteSource(PLACEHOLDER_URL, f"v{__version__}", False)


def _ci_file(name: str) -> Callable[[], str]:
    def render() -> str:
        from govsite.scaffold import render_ci_file

        return render_ci_file(name, example_source())

    return render


GENERATED: dict[str, Callable[[], str]] = {
    "docs/rules.md": lambda: rules_markdown("zh"),
    "docs/rules.en.md": lambda: rules_markdown("en"),
    "examples/ci/github-actions.yml": _ci_file("github-actions.yml"),
    "examples/ci/gitlab-ci.yml": _ci_file("gitlab-ci.yml"),
    "examples/pre-commit-config.yaml": _ci_file("pre-commit-config.yaml"),
}


def stale(root: Path = REPO) -> list[str]:
    """The generated files whose committed text differs from what the code generates."""
    result = []
    for rel, render in GENERATED.items():
        path = root / rel
        current = path.read_text("utf-8") if path.is_file() else None
        if current != render():
            result.append(rel)
    return result


def write(root: Path = REPO) -> list[str]:
    written = []
    for rel, render in GENERATED.items():
        path = root / rel
        text = render()
        if not path.is_file() or path.read_text("utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(rel)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--check"]:
        outdated = stale()
        for rel in outdated:
            print(f"{rel} is stale; run: {COMMAND}", file=sys.stderr)
        return 1 if outdated else 0
    if args:
        print(f"usage: {COMMAND} [--check]", file=sys.stderr)
        return 2
    for rel in write():
        print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
