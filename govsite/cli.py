"""The ``govsite`` command line: parse arguments, call the library, print, exit.

Exit codes (SPEC 4): 0 success; 1 blocked by findings (errors, or warnings with
``--strict``); 2 usage or configuration error. Verbosity never changes an exit code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from govsite import __version__
from govsite.build import BuildError, BuildOptions, build
from govsite.config import ConfigError, load_config
from govsite.errors import UsageError
from govsite.findings import Finding, Summary, blocks_publishing
from govsite.i18n import Translator, language_of
from govsite.report import FORMATS, REPORTERS
from govsite.report.text import printable
from govsite.safepath import UnsafePath, check_report
from govsite.site import analyse
from govsite.yamlsource import checked_date

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
ANNUAL_HELP = """\
校验并输出政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。

  govsite report annual --year 2025 --dept edu    一个部门的报告（退出码 1：有错误）
  govsite report annual --year 2025               全市汇总
  govsite report annual --template 2025 --dept edu -o content/edu/annual-report/2025.yaml
                                                  写出填写模板（全部为 0，附各表各行各列名称）
"""
ANNUAL_EPILOG = """\
数字照报告所印填写：件数为整数，收费金额（万元）可带小数，按所写位数原样发布；
空白格（留空、——、/）按 0 计，页面照印；印出的合计（各行总计、小计、（七）总计、
表四总计）都会与其下一层数字核对（DS002）；上一年度报告在仓库中时核对现行有效件数（DS008）。
详见 docs/annual-report.md。
"""


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    t = Translator(args.lang or _site_language(getattr(args, "site", None)))
    try:
        return args.handler(args, t)
    except ConfigError as error:
        for problem in error.problems:
            print(
                printable(f"{_display(args, problem.path)}{str(problem)[len(problem.path) :]}"),
                file=sys.stderr,
            )
        return EXIT_ERROR
    except UnsafePath as error:
        print(printable(f"govsite: {error.message(t)}"), file=sys.stderr)
        return EXIT_ERROR
    except (UsageError, BuildError) as error:
        print(printable(f"govsite: {error}"), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _site_language(site: str | None) -> str:
    """The CLI speaks the site's language; English if the site says so."""
    try:
        return language_of(load_config(Path(site or "."), Translator()).site.language)
    except ConfigError:
        return "zh"


def _display(args: argparse.Namespace, path: str) -> str:
    site = Path(getattr(args, "site", None) or ".")
    return path if site == Path(".") else (site / path).as_posix()


def _date(value: str) -> dt.date:
    checked = checked_date(value)  # the same bounds as every date in content
    if isinstance(checked, dt.date):
        return checked
    raise argparse.ArgumentTypeError(Translator()("cli.bad_date", value=value))


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govsite", description="政府门户网站构建与合规检查工具")
    parser.add_argument("--version", action="version", version=f"govsite {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), help="输出语言（默认随站点）")
    site = argparse.ArgumentParser(add_help=False)
    site.add_argument("--site", default=".", help="站点目录（默认当前目录）")
    site.add_argument("--as-of", type=_date, default=None, help="把“今天”固定为 YYYY-MM-DD")
    site.add_argument("--format", choices=FORMATS, default="text", help="输出格式")
    commands = parser.add_subparsers(metavar="COMMAND")

    p = commands.add_parser("build", parents=[common, site], help="检查并构建门户到 public/")
    p.add_argument("--out", default=None, help="输出目录（默认 <站点>/public）")
    p.add_argument("--strict", action="store_true", help="警告也阻止发布")
    p.add_argument("--withhold", action="store_true", help="暂缓有错误的条目，发布其余内容")
    p.add_argument("--report", default=None, metavar="FILE", help="写出合规检查报告（HTML）")
    p.add_argument(
        "--sign-key",
        default=None,
        metavar="FILE",
        help="用 Ed25519 私钥签名 manifest.json（写出 manifest.json.sig；"
        "也可用环境变量 GOVSITE_SIGN_KEY 指定；私钥不得放在站点目录中）",
    )
    p.set_defaults(handler=cmd_build)

    p = commands.add_parser("check", parents=[common, site], help="只检查，不发布")
    p.add_argument("paths", nargs="*", metavar="PATH", help="只报告这些文件或目录")
    p.add_argument("--report", default=None, metavar="FILE", help="写出合规检查报告（HTML）")
    p.add_argument("--strict", action="store_true", help="警告也算失败")
    p.set_defaults(handler=cmd_check)

    p = commands.add_parser("serve", parents=[common], help="本地预览：自动重建、自动刷新")
    p.add_argument("--site", default=".")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认仅本机）")
    p.add_argument("--port", type=int, default=8000, help="端口（0 表示任选空闲端口）")
    p.add_argument("--open", action="store_true", help="在浏览器中打开")
    p.set_defaults(handler=cmd_serve)

    p = commands.add_parser("new", parents=[common], help="新建一篇稿件")
    p.add_argument("department")
    p.add_argument("column")
    p.add_argument("title")
    p.add_argument("--site", default=".")
    p.add_argument("--slug", default=None)
    p.add_argument("--date", type=_date, default=None)
    p.set_defaults(handler=cmd_new)

    p = commands.add_parser("import", parents=[common], help="把 Word 文档（.docx）导入为稿件草稿")
    p.add_argument("document", help="Word 文档（.docx）")
    p.add_argument("department")
    p.add_argument("column")
    p.add_argument("--site", default=".")
    p.add_argument("--slug", default=None)
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser("verify", parents=[common], help="核对已部署的网站与构建清单是否一致")
    p.add_argument("directory", help="已部署网站的目录")
    p.add_argument("--site", default=".")
    p.add_argument(
        "--manifest",
        default=None,
        help="可信的构建清单（默认：站点上次构建输出中的 manifest.json）",
    )
    p.add_argument(
        "--public-key",
        default=None,
        metavar="FILE",
        help="Ed25519 公钥（PEM）：先核验 manifest.json.sig 签名，签名缺失或不符即判为被篡改",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=cmd_verify)

    p = commands.add_parser("keygen", parents=[common], help="生成签名构建清单用的 Ed25519 密钥对")
    p.add_argument("private_key", metavar="PRIVATE_KEY", help="私钥文件（放在站点目录之外）")
    p.add_argument(
        "--public-key", default=None, metavar="FILE", help="公钥文件（默认：私钥文件名加 .pub）"
    )
    p.add_argument("--site", default=".", help="站点目录：私钥不得写在其中")
    p.set_defaults(handler=cmd_keygen)

    p = commands.add_parser("init", parents=[common], help="新建一个门户站点")
    p.add_argument("directory")
    p.add_argument(
        "--govsite-repo",
        default=None,
        help="CI 和 pre-commit 安装 govsite 的仓库地址（默认自动识别）",
    )
    p.add_argument("--govsite-rev", default=None, help="固定的 govsite 版本：标签或提交号")
    p.set_defaults(handler=cmd_init)

    p = commands.add_parser("report", parents=[common], help="年度报告")
    reports = p.add_subparsers(metavar="KIND")
    q = reports.add_parser(
        "annual",
        parents=[common],
        help="校验并输出政府信息公开工作年度报告，或生成填写模板",
        description=ANNUAL_HELP,
        epilog=ANNUAL_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    q.add_argument("--year", type=int, default=None, help="报告年度，如 2025")
    q.add_argument("--dept", default=None, help="部门 id（默认：全市汇总）")
    q.add_argument("--site", default=".", help="站点目录（默认：当前目录）")
    q.add_argument("--as-of", type=_date, default=None, help="以此日期为“今天”（YYYY-MM-DD）")
    q.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text：按国家格式逐行列出；json：与 report.json 相同的数据加检查结果",
    )
    q.add_argument(
        "--template",
        type=int,
        default=None,
        metavar="YEAR",
        help="不校验，写出 YEAR 年度报告的完整 YAML 模板（每个表格、行、列，附国家格式名称）",
    )
    q.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="FILE",
        help="模板写入此文件（须在站点目录内，不覆盖已有文件；默认输出到屏幕）",
    )
    q.set_defaults(handler=cmd_report_annual)

    p = commands.add_parser(
        "links", parents=[common, site], help="检查链接（--external：请求外部链接）"
    )
    p.add_argument("--external", action="store_true", help="逐个请求外部链接（结果缓存）")
    p.add_argument("--strict", action="store_true", help="警告也算失败")
    p.set_defaults(handler=cmd_links)

    p = commands.add_parser("rules", parents=[common], help="列出规则或解释一条规则")
    p.add_argument("code", nargs="?")
    p.add_argument(
        "--pack", action="store_true", help="列出站点实际使用的规则包条目及其来源（默认或 checks/）"
    )
    p.add_argument("--site", default=".", help="站点目录（默认当前目录；用于 --pack）")
    p.set_defaults(handler=cmd_rules)
    return parser


def _report(findings: list[Finding], summary: Summary, fmt: str, t: Translator) -> None:
    sys.stdout.write(REPORTERS[fmt](findings, summary, t))


def _dashboard(path: str | None, analysis, findings: list[Finding], summary: Summary) -> None:
    """Write the compliance dashboard when ``--report FILE`` was given (even if blocked);
    the path was checked before the run (``check_report``)."""
    if path is None:
        return
    from govsite.report.dashboard import dashboard_html

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        dashboard_html(analysis, findings, summary.files, summary.pages), encoding="utf-8"
    )


def _sign_key(args: argparse.Namespace, root: Path):
    """The private key named by ``--sign-key`` or ``GOVSITE_SIGN_KEY``, or None."""
    from govsite.signing import KEY_ENV, load_private_key

    name = args.sign_key or os.environ.get(KEY_ENV)
    return load_private_key(Path(name), root) if name else None


def _notes(analysis) -> None:
    """What a rule could not judge (never a finding): once, on stderr, in every format."""
    for note in analysis.notes:
        print(printable(f"govsite: {note.rule}: {note.message}"), file=sys.stderr)


def cmd_build(args: argparse.Namespace, t: Translator) -> int:
    root = Path(args.site)
    out = Path(args.out) if args.out else root / "public"
    if args.report:
        check_report(root, Path(args.report), out)

    def waiting() -> None:
        print(t("safe.lock_wait", out=out), file=sys.stderr, flush=True)

    options = BuildOptions(
        root=root,
        out=out,
        as_of=args.as_of or dt.date.today(),
        strict=args.strict,
        withhold=args.withhold,
        on_wait=waiting,
        sign_key=_sign_key(args, root),
    )
    result = build(options, t)
    analysis = result.analysis
    summary = Summary.of(result.findings, analysis.file_count, len(analysis.publishable()))
    _report(result.findings, summary, args.format, t)
    _notes(analysis)
    _dashboard(args.report, analysis, result.findings, summary)
    if not result.published:
        print(t("cli.blocked", out=out), file=sys.stderr)
        return EXIT_FINDINGS
    print(t("cli.built", pages=result.pages, files=result.files, out=out), file=sys.stderr)
    if result.withheld:
        print(t("cli.withheld", count=len(result.withheld)), file=sys.stderr)
        for path in result.withheld:
            print(f"  {path}", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_check(args: argparse.Namespace, t: Translator) -> int:
    root = Path(args.site)
    if args.report:
        check_report(root, Path(args.report))
    for path in args.paths:
        if not os.path.lexists(path):
            raise UsageError(t("safe.no_such_path", path=path))
    analysis = analyse(root, args.as_of or dt.date.today(), t)
    findings = _narrow(analysis.findings, root, args.paths, t)
    summary = Summary.of(findings, analysis.file_count, len(analysis.publishable()))
    _report(findings, summary, args.format, t)
    _notes(analysis)
    _dashboard(args.report, analysis, findings, summary)
    blocked = any(blocks_publishing(f, strict=args.strict) for f in findings)
    return EXIT_FINDINGS if blocked else EXIT_OK


def _narrow(findings: list[Finding], root: Path, paths: list[str], t: Translator) -> list[Finding]:
    """Keep findings in the given files or folders (site-wide rules still saw everything)."""
    if not paths:
        return findings
    prefixes = []
    for path in paths:
        resolved = Path(path).resolve()
        if not resolved.is_relative_to(root.resolve()):
            raise UsageError(t("cli.path_outside", path=path))
        prefixes.append(resolved.relative_to(root.resolve()).as_posix())
    return [f for f in findings if any(_within(f.path, p) for p in prefixes)]


def _within(path: str, prefix: str) -> bool:
    return prefix in ("", ".") or path == prefix or path.startswith(prefix.rstrip("/") + "/")


def cmd_serve(args: argparse.Namespace, t: Translator) -> int:
    from govsite.serve import serve

    return serve(Path(args.site), args.host, args.port, t, open_browser=args.open)


def cmd_import(args: argparse.Namespace, t: Translator) -> int:
    """Import a .docx as a draft, then report what the checks find in it (0 / 1 / 2)."""
    from govsite.wordimport import import_word

    root = Path(args.site)
    path = import_word(root, Path(args.document), args.department, args.column, t, slug=args.slug)
    print(t("cli.new_written", path=path))
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    analysis = analyse(root, dt.date.today(), t, include_drafts=True)
    findings = [f for f in analysis.findings if f.path == rel]
    summary = Summary.of(findings, 1, 0)
    _report(findings, summary, "text", t)
    return EXIT_FINDINGS if any(blocks_publishing(f, strict=False) for f in findings) else EXIT_OK


def cmd_verify(args: argparse.Namespace, t: Translator) -> int:
    """0 intact, 1 tampered (added, changed or missing files), 2 error."""
    import json

    from govsite.integrity import ManifestError, Verification, verify

    deployed = Path(args.directory)
    if not deployed.is_dir():
        raise UsageError(t("verify.no_dir", path=deployed))
    manifest = (
        Path(args.manifest) if args.manifest else Path(args.site) / "public" / "manifest.json"
    )
    signature = _signature(args, manifest, t)
    if signature in (None, "valid"):
        try:
            result = verify(deployed, manifest)
        except ManifestError as error:
            raise UsageError(t("verify.bad_manifest", detail=error)) from None
    else:  # an unsigned or forged manifest is not read at all: nothing in it is trusted
        result = Verification(manifest, signature_problem=signature)
    if args.format == "json":
        document = {
            "manifest": str(manifest),
            "intact": result.intact,
            "signature": signature or "unchecked",
            "added": result.added,
            "changed": result.changed,
            "missing": result.missing,
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(t("verify.using", manifest=manifest))
        if signature is not None:
            print(t(f"verify.signature_{signature}", manifest=manifest))
        for key, paths in (
            ("verify.added", result.added),
            ("verify.changed", result.changed),
            ("verify.missing", result.missing),
        ):
            for path in paths:
                print(printable(f"{t(key)} {path}"))
        print(
            t(
                "verify.summary",
                added=len(result.added),
                changed=len(result.changed),
                missing=len(result.missing),
            )
        )
    return EXIT_OK if result.intact else EXIT_FINDINGS


def _signature(args: argparse.Namespace, manifest: Path, t: Translator) -> str | None:
    """With ``--public-key``: "valid", "invalid" or "missing" (checked before any hash of
    the manifest is trusted); without: None."""
    if not args.public_key:
        return None
    from govsite.signing import check_signature, load_public_key

    key = load_public_key(Path(args.public_key))
    if not manifest.is_file():
        return "missing"
    return check_signature(key, manifest)


def cmd_keygen(args: argparse.Namespace, t: Translator) -> int:
    from govsite.signing import generate

    private = Path(args.private_key)
    public = Path(args.public_key) if args.public_key else private.with_name(private.name + ".pub")
    generate(private, public, Path(args.site))
    print(t("sign.keys_written", private=private, public=public))
    return EXIT_OK


def cmd_new(args: argparse.Namespace, t: Translator) -> int:
    from govsite.scaffold import new_item

    path = new_item(
        Path(args.site), args.department, args.column, args.title, t, slug=args.slug, date=args.date
    )
    print(t("cli.new_written", path=path))
    return EXIT_OK


def cmd_init(args: argparse.Namespace, t: Translator) -> int:
    from govsite.installsource import detect_source
    from govsite.scaffold import init_site

    source = detect_source(args.govsite_repo, args.govsite_rev)
    path = init_site(Path(args.directory), t, source=source)
    print(t("cli.init_written", path=path))
    print(t("init.pinned", requirement=source.requirement))
    if not source.known:
        print(t("init.unknown_source"), file=sys.stderr)
    print(t("init.next", path=path))
    return EXIT_OK


def cmd_links(args: argparse.Namespace, t: Translator) -> int:
    """Internal links (LK002); with --external, external ones too (LK005, cached)."""
    from govsite.links_report import links_report

    root = Path(args.site)
    outcome = links_report(root, args.as_of or dt.date.today(), t, external=args.external)
    _report(outcome.findings, outcome.summary, args.format, t)
    for line in outcome.lines(t):
        print(line, file=sys.stderr)
    blocked = any(blocks_publishing(f, strict=args.strict) for f in outcome.findings)
    return EXIT_FINDINGS if blocked else EXIT_OK


def cmd_rules(args: argparse.Namespace, t: Translator) -> int:
    from govsite.rules import RULES

    if args.pack:
        from govsite.rulepack import show_pack

        sys.stdout.write(show_pack(Path(args.site), t))
        return EXIT_OK
    if args.code:
        rule = RULES.get(args.code.upper())
        if rule is None:
            raise UsageError(t("cli.unknown_rule", code=args.code))
        article = f"《办法》{rule.article}" if rule.article.startswith("第") else rule.article
        if t.lang == "en":
            print(f"{rule.code} {rule.name} ({rule.severity.value}; {article})\n")
        else:
            print(f"{rule.code} {rule.name}（{rule.severity.value}，{article}）\n")
        print(rule.doc_in(t.lang))
        return EXIT_OK
    for rule in sorted(RULES.values(), key=lambda r: r.code):
        print(f"{rule.code}  {rule.severity.value:<7}  {rule.name:<32}  {rule.article}")
    return EXIT_OK


def cmd_report_annual(args: argparse.Namespace, t: Translator) -> int:
    """Validate and print one department's report, or the city-wide summary; or write
    the blank template (``--template YEAR``)."""
    if args.template is not None:
        return _annual_template(args, t)
    if args.year is None:
        raise UsageError(t("cli.year_required"))
    from govsite.disclosure.annual import city_summary, report_json
    from govsite.disclosure.jsonout import dumps
    from govsite.disclosure.pages import report_title
    from govsite.disclosure.text import report_text
    from govsite.report.json_report import finding_dict

    analysis = analyse(Path(args.site), args.as_of or dt.date.today(), t)
    config = analysis.config
    reports = [
        r for r in analysis.reports if r.year == args.year and args.dept in (None, r.department)
    ]
    if args.dept is not None and config.department(args.dept) is None:
        raise UsageError(t("fm.unknown_department", dept=args.dept, hint=""))
    if not reports:
        raise UsageError(t("cli.no_report", year=args.year, dept=args.dept or "*"))
    if args.dept is None:
        report, name = city_summary(reports), config.site.title
        title = f"{name}各部门{args.year}年政府信息公开工作年度报告汇总"
    else:
        report = reports[0]
        name = config.department(args.dept).name  # type: ignore[union-attr]
        title = report_title(args.year, name)
    paths = {r.path for r in reports} | {r.applications_source for r in reports}
    findings = [f for f in analysis.findings if f.path in paths and f.rule.startswith(("DS", "FM"))]
    if args.format == "json":
        document = {**report_json(report, name), "findings": [finding_dict(f) for f in findings]}
        sys.stdout.write(dumps(document) + "\n")
    else:
        sys.stdout.write(report_text(report, title))
        for finding in findings:
            sys.stdout.write(
                f"{finding.path}:{finding.line or ''}: {finding.rule} {finding.message}\n"
            )
    return EXIT_FINDINGS if any(blocks_publishing(f, strict=False) for f in findings) else EXIT_OK


def _annual_template(args: argparse.Namespace, t: Translator) -> int:
    """``report annual --template YEAR [--dept DEPT] [-o FILE]``: the skeleton to fill in."""
    from govsite.disclosure.skeleton import department_template

    if not 1000 <= args.template <= 9999:
        raise UsageError(t("cli.template_year", year=args.template))
    site = Path(args.site)
    text = department_template(site, args.template, args.dept, t)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(args.output)
    root = site.resolve()
    resolved = target.resolve()
    if not resolved.is_relative_to(root):
        raise UsageError(t("cli.template_outside", path=target, site=site))
    try:
        resolved.parent.mkdir(parents=True, exist_ok=True)
        with resolved.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(t("cli.template_exists", path=target)) from None
    except OSError as error:
        raise UsageError(t("cli.template_unwritable", path=target, detail=error.strerror)) from None
    print(t("cli.template_written", path=target))
    return EXIT_OK
