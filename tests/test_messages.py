"""Every message in the run's language (zh-CN first, English with ``--lang en``): the
command line's help and argparse's own words, rule titles, template errors, values found
where others were expected, expected formats, JSON as it is, audit times in the site's
time zone."""

from __future__ import annotations

import argparse
import gettext
import json
import re

import pytest

from govsite.cli import make_parser
from govsite.i18n import MESSAGES, Translator
from govsite.rules import RULES
from tests.conftest import SITE_TOML, item, tree_bytes

NEWS = "content/edu/news/a.md"
ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:")
COMMANDS = ("build", "check", "serve", "new", "new-department", "import", "verify", "init")
COMMANDS += ("report", "rules")


def subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                yield from ((f"{name} {n}", s) for n, s in subparsers(sub))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_option_of_every_command_has_help(lang):
    parser = make_parser(Translator(lang))
    names = {name for name, _ in subparsers(parser)}
    assert names >= {*COMMANDS, "report annual"}
    for name, sub in [("govsite", parser), *subparsers(parser)]:
        assert sub.description, name
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue  # listed under its own title, each command with its help
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)


@pytest.mark.parametrize("command", ["", *COMMANDS, "report annual"])
def test_chinese_help_has_no_english_left(capsys, command):
    from govsite.cli import main

    with pytest.raises(SystemExit) as stopped:
        main([*command.split(), "--help", "--lang", "zh"])
    assert stopped.value.code == 0
    zh = capsys.readouterr().out
    assert zh.startswith("用法：") and "选项：" in zh
    assert not any(word in zh for word in ARGPARSE_ENGLISH), zh
    with pytest.raises(SystemExit):
        main([*command.split(), "--help", "--lang", "en"])
    en = capsys.readouterr().out.replace("国办公开办函〔2021〕30号", "")  # a document's number
    assert en.startswith("usage: ") and not re.search(r"[\u4e00-\u9fff]", en), en


def test_help_texts(capsys):
    from govsite.cli import main

    with pytest.raises(SystemExit):
        main(["check", "--help"])
    zh = capsys.readouterr().out
    assert zh.startswith("用法：govsite check")
    assert "选项：" in zh and "位置参数：" in zh and "显示本帮助并退出" in zh
    assert "--staged" in zh and "删除、改名后在各部门失效的链接" in zh
    assert not any(word in zh for word in ARGPARSE_ENGLISH)
    with pytest.raises(SystemExit):
        main(["check", "--help", "--lang", "en"])
    en = capsys.readouterr().out
    assert en.startswith("usage: govsite check") and "options:" in en
    assert "the links its deletions and renames break" in " ".join(en.split())
    assert not re.search(r"[\u4e00-\u9fff]", en)
    # argparse is left as it was found
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["new"],
            "错误：缺少必需的参数：DEPT, COLUMN, TITLE",
            "error: the following arguments are required: DEPT, COLUMN, TITLE",
        ),
        (
            ["chek"],
            "'chek' 不是可选的值（可选：'build'",
            "invalid choice: 'chek' (choose from 'build'",
        ),
        (
            ["check", "--format", "xml"],
            "参数 --format：'xml' 不是可选的值",
            "argument --format: invalid choice: 'xml'",
        ),
        (
            ["check", "--as-of", "2026-02-30"],
            "参数 --as-of：日期 '2026-02-30' 无效：应为 YYYY-MM-DD 格式的真实日期，如 2026-03-02",
            "argument --as-of: date '2026-02-30' is not valid: give a real date as YYYY-MM-DD",
        ),
        (
            ["serve", "--port", "八千"],
            "参数 --port：端口 '八千' 无效：应为 0 到 65535 之间的整数",
            "argument --port: port '八千' is not valid",
        ),
        (
            ["report", "annual", "--year", "去年"],
            "参数 --year：年份 '去年' 应为四位数字，如 2025",
            "argument --year: year '去年' must be four digits",
        ),
        (
            ["check", "--nope"],
            "错误：无法识别的参数：--nope",
            "error: unrecognized arguments: --nope",
        ),
        (
            ["check", "--staged", "--since", "main"],
            "参数 --since：不能与参数 --staged 同时使用",
            "argument --since: not allowed with argument --staged",
        ),
        (
            ["check", "--since"],
            "参数 --since：需要一个值",
            "argument --since: expected one argument",
        ),
    ],
)
def test_argparse_errors_in_both_languages(capsys, args, zh, en):
    from govsite.cli import main

    with pytest.raises(SystemExit) as stopped:
        main([*args, "--lang", "zh"])
    assert stopped.value.code == 2
    assert zh in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*args, "--lang", "en"])
    assert en in capsys.readouterr().err


def test_argparse_error_text(capsys):
    from govsite.cli import main

    for args, expected in (
        (["new"], "govsite new：错误：缺少必需的参数：DEPT, COLUMN, TITLE"),
        (["serve", "--port", "八千"], "govsite serve：错误：参数 --port：端口 '八千' 无效"),
        (["check", "--format", "xml"], "参数 --format：'xml' 不是可选的值（可选：'text', 'json'"),
    ):
        with pytest.raises(SystemExit):
            main(args)
        err = capsys.readouterr().err
        assert err.startswith("用法：") and expected in err, err
        assert not any(word in err for word in ARGPARSE_ENGLISH), err
        with pytest.raises(SystemExit):
            main([*args, "--lang", "en"])
        err = capsys.readouterr().err
        assert err.startswith("usage: ") and "error: " in err
        assert not re.search(r"[\u4e00-\u9fff]", err.replace("八千", "")), err


def test_the_site_language_decides_when_lang_is_not_given(make_site, capsys):
    from govsite.cli import main

    root = make_site(site_toml=SITE_TOML.replace('language = "zh-CN"', 'language = "en"'))
    with pytest.raises(SystemExit):
        main(["new", "--site", str(root)])
    assert "error: the following arguments are required" in capsys.readouterr().err


# ---------------------------------------------------------------- rule titles


def test_every_rule_has_a_title_in_both_languages():
    for code, rule in RULES.items():
        zh, en = MESSAGES[f"rule.title.{code}"]
        assert re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"[\u4e00-\u9fff]", en), code
        assert rule.title() == zh and rule.title("en") == en


def test_rules_lists_chinese_titles_and_keeps_the_code_names(cli):
    zh = cli("rules").out.splitlines()
    line = next(line for line in zh if line.startswith("PV002"))
    assert line.split() == ["PV002", "错误", "手机号码未脱敏", "mobile-phone-number", "第二十一条"]
    en = cli("rules", "--lang", "en").out
    assert re.search(
        r"^PV002\s+error\s+mobile phone number unmasked\s+mobile-phone-number", en, re.M
    )
    one = cli("rules", "PV002").out.splitlines()[0]
    assert one == "PV002 手机号码未脱敏（mobile-phone-number，错误，《办法》第二十一条）"
    missing = cli("rules", "PV0002")
    assert missing.code == 2 and "没有规则 PV0002；是否想写 'PV002'？" in missing.err


# ---------------------------------------------------------------- template errors


@pytest.mark.parametrize(
    ("template", "zh", "en"),
    [
        (
            "{% extends 'base.html' %}\n{% block content %}{{ item.titel }}{% endblock %}",
            "templates/item.html:2: 稿件没有 `titel` 这一项（可用：body、column、date",
            "templates/item.html:2: the item has no `titel` (available: body, column, date",
        ),
        (
            "{% extends 'base.html' %}\n{% block content %}\n{{ nope }}{% endblock %}",
            "templates/item.html:3: 模板中没有名为 `nope` 的变量",
            "templates/item.html:3: the template has no variable `nope`",
        ),
        (
            "{% extends 'base.html' %}\n{% block content %}{% include 'nope.html' %}{% endblock %}",
            "templates/item.html:2: 找不到模板 `nope.html`",
            "templates/item.html:2: template `nope.html` not found",
        ),
        (
            "{% extends 'base.html' %}\n{% block content %}{% if %}{% endblock %}",
            "templates/item.html:2: 模板语法错误（Jinja2）：",
            "templates/item.html:2: template syntax error (Jinja2): ",
        ),
    ],
)
def test_template_errors_name_file_line_and_what_is_missing(make_site, cli, template, zh, en):
    root = make_site({NEWS: item(), "templates/item.html": template})
    result = cli("build", "--site", root)
    assert result.code == 2 and zh in result.err, result.err
    assert "Error" not in result.err and "govsite.render" not in result.err
    assert "object" not in result.err
    english = cli("build", "--site", root, "--lang", "en")
    assert english.code == 2 and en in english.err, english.err
    if "titel" in template:
        assert "；是否想写 'title'？" in result.err and "; did you mean 'title'?" in english.err


# ---------------------------------------------------------------- values found, formats expected


def test_no_python_type_names_in_what_was_found(make_site, cli):
    toml = SITE_TOML.replace("disclosure = true", "disclosure = [1, 2]").replace(
        'title = "测试市人民政府"', "title = 2026"
    )
    root = make_site(site_toml=toml)
    zh = cli("check", "--site", root).err
    assert "配置项 `site.title` 应为文本，实际为整数 2026" in zh
    assert "应为布尔值 true/false，实际为列表 [1, 2]" in zh
    en = cli("check", "--site", root, "--lang", "en").err
    assert "key `site.title`: expected text, got an integer 2026" in en
    assert "expected a boolean, got a list [1, 2]" in en

    root = make_site(
        {
            NEWS: item(extra="keywords: 教育\nsummary: [一, 二]\nwritten: true\ntopic:\n  a: 1\n"),
        },
        site_toml=SITE_TOML,
    )
    out = cli("check", "--site", root).out
    assert "实际为布尔值 true" in out and "实际为列表 ['一', '二']" in out
    assert "实际为映射（键: 值） {a: 1}" in out
    for python in ("str", "int", "bool", "dict", "list ", "NoneType", "datetime."):
        assert f"实际为{python}" not in out and f"got {python}" not in out


@pytest.mark.parametrize(
    ("key", "value", "zh", "en"),
    [
        (
            "site_code",
            "12345",
            "应为 10 位数字的网站标识码（如 5399000001），或 bm 加 8 位数字",
            "expected the 10-digit site code",
        ),
        (
            "icp",
            "ICP备12345678",
            "应为“省份简称 + ICP备 + 6 至 10 位数字 + 号”，可带“-序号”，如 滇ICP备12345678号-1",
            "e.g. 滇ICP备12345678号-1",
        ),
        (
            "public_security",
            "公网安备123号",
            "应为“省份简称 + 公网安备 + 14 位数字 + 号”，如 滇公网安备53010202000001号",
            "14 digits",
        ),
    ],
)
def test_format_errors_give_the_expected_format(make_site, cli, key, value, zh, en):
    old = re.search(rf'^{key} = "[^"]*"$', SITE_TOML, re.M)
    assert old is not None
    root = make_site(site_toml=SITE_TOML.replace(old.group(0), f'{key} = "{value}"'))
    assert zh in cli("check", "--site", root).out
    assert en in cli("check", "--site", root, "--lang", "en").out


def test_index_number_and_date_errors_give_the_expected_format(make_site, cli):
    root = make_site(
        {
            "content/edu/policy/a.md": item(extra='index_no: "2026-12"\n'),
            "content/edu/policy/b.md": item(extra="written: 2026年3月1日\n"),
        }
    )
    zh = cli("check", "--site", root).out
    assert (
        "索引号 '2026-12' 格式不对，应为“单位代码/年份-流水号”，如 11539900MB00000036/2026-00012"
        in zh
    )
    assert "字段 `written` 应为日期（YYYY-MM-DD）" in zh
    en = cli("check", "--site", root, "--lang", "en").out
    assert "expected <unit code>/<year>-<serial>, e.g. 11539900MB00000036/2026-00012" in en


# ---------------------------------------------------------------- JSON and the audit log


def test_json_outputs_keep_chinese_as_it_is(make_site, cli):
    root = make_site({NEWS: item(body="联系 13912345678。\n")})
    for args in (["check", "--format", "json"], ["check", "--format", "sarif"]):
        out = cli(*args, "--site", root).out
        assert "\\u" not in out and "手机号码" in out
    report = cli("report", "annual", "--year", "2025", "--site", root, "--format", "json").out
    assert "\\u" not in report and json.loads(report)


def _audit_times(root) -> list[str]:
    lines = (root / ".govsite/audit.log").read_text("utf-8").splitlines()
    return [json.loads(line)["at"] for line in lines]


def test_audit_log_is_in_the_site_time_zone_and_output_does_not_depend_on_it(
    make_site, cli, tmp_path
):
    root = make_site({NEWS: item()})
    assert cli("build", "--site", root, "--as-of", "2026-06-01").code == 0
    (stamp,) = _audit_times(root)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", stamp), stamp
    first = {
        k: v for k, v in tree_bytes(root / "public").items() if not k.startswith("search/pagefind/")
    }
    # another time zone: the audit times move, the published files do not
    toml = (
        (root / "site.toml")
        .read_text("utf-8")
        .replace(
            'contact = "0871-69999999"', 'contact = "0871-69999999"\ntimezone = "America/New_York"'
        )
    )
    (root / "site.toml").write_text(toml, "utf-8")
    (root / NEWS).write_text(item(body="修改后的正文。\n"), "utf-8")
    assert cli("build", "--site", root, "--as-of", "2026-06-01", "--out", tmp_path / "o2").code == 0
    stamp = _audit_times(root)[-1]
    assert stamp.endswith(("-04:00", "-05:00")), stamp
    (root / NEWS).write_text(item(), "utf-8")
    assert cli("build", "--site", root, "--as-of", "2026-06-01", "--out", tmp_path / "o3").code == 0
    third = {
        k: v for k, v in tree_bytes(tmp_path / "o3").items() if not k.startswith("search/pagefind/")
    }
    assert third.keys() == first.keys()
    assert {k for k in first if first[k] != third[k]} <= {"manifest.json"}


def test_a_bad_time_zone_is_a_configuration_error(make_site, cli):
    toml = SITE_TOML.replace(
        'contact = "0871-69999999"', 'contact = "0871-69999999"\ntimezone = "北京时间"'
    )
    root = make_site(site_toml=toml)
    result = cli("check", "--site", root)
    assert result.code == 2
    assert (
        "site.toml:10:1: 配置项 `site.timezone`：'北京时间' 不是时区名称：应为 IANA 时区名，如 Asia/Shanghai（默认）"
        in result.err
    )


def test_import_errors_name_no_python_exception(make_site, cli, tmp_path):
    root = make_site()
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    result = cli("import", broken, "edu", "news", "--site", root)
    assert result.code == 2 and "（不是 .docx 格式，或文件已损坏）" in result.err
    assert "BadZip" not in result.err and "Error" not in result.err
    result = cli("import", tmp_path / "无.docx", "edu", "news", "--site", root, "--lang", "en")
    assert result.code == 2 and "(the file is missing or cannot be opened)" in result.err
