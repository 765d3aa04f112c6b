"""The ``govsite`` command line: parse arguments, call the library, print, exit.

Exit codes (SPEC 4): 0 success; 1 blocked by findings (errors, or warnings with
``--strict``); 2 usage or configuration error. Verbosity never changes an exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import sys
from pathlib import Path

from govsite import __version__, argtext
from govsite.cache import BUNDLE_KINDS, LISTING, OUTPUTS, PUBLISHED, RUN_KINDS, VERDICT
from govsite.config import ConfigError, load_config
from govsite.drafts import blocks_commit
from govsite.errors import BuildError, UsageError, WorkerDied
from govsite.findings import Finding, Note, Summary, blocks_publishing
from govsite.i18n import Translator, language_of
from govsite.report import FORMATS, REPORTERS
from govsite.report.text import location, printable
from govsite.runoptions import BuildOptions, RunOptions, default_jobs
from govsite.safepath import UnsafePath, check_cache, check_report
from govsite.verdict import check as verdict_of_check
from govsite.yamlsource import checked_date

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


# The garbage collector's first generation is collected every 700 new objects by default;
# a check or build creates millions (10,000 pages' entries, facts and findings) that live
# to the end, and each full collection walks them all again: on a 10,000-page portal
# that was about a tenth of a warm check. Collecting less often, as mypy does, costs no
# measurable memory here.
GC_THRESHOLDS = (100_000, 50, 50)


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    _names_as_they_are(sys.stdout)
    argv = sys.argv[1:] if argv is None else argv
    t = Translator(_requested_language(argv))
    parser = make_parser(t)
    with argtext.speaking(t):  # argparse's own words (usage, errors) in the run's language
        args = parser.parse_args(argv)
        if not hasattr(args, "handler"):
            parser.print_help(sys.stderr)
            return EXIT_ERROR
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
    except WorkerDied as error:  # killed, or out of memory: the run's error, not a bug
        print(f"govsite: {t('cli.worker_died', code=error.exitcode)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _names_as_they_are(stream: object) -> None:
    """Print a file name that is not UTF-8 (a GBK name unzipped from a Windows archive,
    carried as surrogate escapes) as its own bytes, as ``ls`` does, on a stdout that is
    strict UTF-8 (a zh_CN.UTF-8 desktop, ``PYTHONIOENCODING=utf-8`` in CI): every check
    of a site holding one ended in a UnicodeEncodeError traceback."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(Exception):  # a stream that cannot: left as it is
            reconfigure(errors="surrogateescape")


def _requested_language(argv: list[str]) -> str:
    """The run's language, known before the arguments are parsed (help and argparse's
    errors need it): ``--lang``, else the language of the site ``--site`` names (or the
    current folder's), else Chinese."""
    site = None
    for index, arg in enumerate(argv):
        name, _, value = arg.partition("=")
        if name in ("--lang", "--site") and not value and index + 1 < len(argv):
            value = argv[index + 1]
        if name == "--lang" and value in ("zh", "en"):
            return value
        if name == "--site" and value:
            site = value
    return _site_language(site)


def _site_language(site: str | None) -> str:
    """The CLI speaks the site's language; English if the site says so."""
    try:
        return language_of(load_config(Path(site or "."), Translator()).site.language)
    except ConfigError:
        return "zh"


def _display(args: argparse.Namespace, path: str) -> str:
    site = Path(getattr(args, "site", None) or ".")
    return path if site == Path(".") else (site / path).as_posix()


def _run_options(args: argparse.Namespace, root: Path, t: Translator):
    """Cache, worker count and progress line of ``check`` and ``build``."""
    from govsite.cache import open_cache
    from govsite.progress import Progress

    cache = open_cache(root, args.cache, args.no_cache)
    if cache is None and not args.no_cache and not args.cache:
        print(t("cli.cache_outside", path=root / ".govsite-cache"), file=sys.stderr)
    progress = Progress(t, enabled=False) if args.quiet else Progress(t)
    return cache, args.jobs or default_jobs(), progress


def _date(value: str, t: Translator | None = None) -> dt.date:
    checked = checked_date(value)  # the same bounds as every date in content
    if isinstance(checked, dt.date):
        return checked
    raise argparse.ArgumentTypeError((t or Translator())("cli.bad_date", value=value))


def _whole_number(key: str, t: Translator):
    """An ``int`` argument type whose error names the expected form, not ``int``."""

    def parse(value: str) -> int:
        try:
            return int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(t(key, value=value)) from None

    return parse


def make_parser(t: Translator | None = None) -> argparse.ArgumentParser:
    """The command line, its help in the run's language (argparse's own words included,
    see ``govsite.argtext``)."""
    t = t or Translator()
    with argtext.speaking(t):
        return _make_parser(t)


def _make_parser(t: Translator) -> argparse.ArgumentParser:
    def date(value: str) -> dt.date:
        return _date(value, t)

    style = argtext.formatter(t)

    def command(name: str, key: str, parents: list) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, parents=parents, help=t(key), description=t(key), formatter_class=style
        )

    parser = argparse.ArgumentParser(
        prog="govsite", description=t("help.description"), formatter_class=style
    )
    parser.add_argument(
        "--version", action="version", version=f"govsite {__version__}", help=t("help.version")
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), help=t("help.lang"))
    site = argparse.ArgumentParser(add_help=False)
    site.add_argument("--site", default=".", help=t("help.site"))
    site.add_argument("--as-of", type=date, default=None, metavar="DATE", help=t("help.as_of"))
    site.add_argument("--format", choices=FORMATS, default="text", help=t("help.format"))
    only_site = argparse.ArgumentParser(add_help=False)
    only_site.add_argument("--site", default=".", help=t("help.site"))

    def jobs(value: str) -> int:
        number = int(value) if value.isdigit() else 0
        if number < 1:
            raise argparse.ArgumentTypeError(t("cli.bad_jobs", value=value))
        return number

    speed = argparse.ArgumentParser(add_help=False)
    speed.add_argument("--cache", default=None, metavar="DIR", help=t("help.speed.cache"))
    speed.add_argument("--no-cache", action="store_true", help=t("help.speed.no_cache"))
    speed.add_argument("--jobs", type=jobs, default=None, metavar="N", help=t("help.speed.jobs"))
    speed.add_argument("--quiet", "-q", action="store_true", help=t("help.speed.quiet"))
    commands = parser.add_subparsers(metavar="COMMAND", title=t("help.commands"))

    p = command("build", "help.build", [common, site, speed])
    p.add_argument("--out", default=None, metavar="DIR", help=t("help.build.out"))
    p.add_argument("--strict", action="store_true", help=t("help.build.strict"))
    p.add_argument("--withhold", action="store_true", help=t("help.build.withhold"))
    p.add_argument("--report", default=None, metavar="FILE", help=t("help.report_file"))
    p.add_argument("--no-search", action="store_true", help=t("help.build.no_search"))
    p.add_argument("--sign-key", default=None, metavar="FILE", help=t("help.build.sign_key"))
    p.set_defaults(handler=cmd_build)

    p = command("check", "help.check", [common, site, speed])
    p.add_argument("paths", nargs="*", metavar="PATH", help=t("help.check.paths"))
    changes = p.add_mutually_exclusive_group()
    changes.add_argument("--staged", action="store_true", help=t("help.check.staged"))
    changes.add_argument("--since", metavar="REF", default=None, help=t("help.check.since"))
    p.add_argument("--report", default=None, metavar="FILE", help=t("help.report_file"))
    p.add_argument("--strict", action="store_true", help=t("help.check.strict"))
    p.set_defaults(handler=cmd_check)

    p = command("serve", "help.serve", [common, only_site])
    p.add_argument("--host", default="127.0.0.1", help=t("help.serve.host"))
    p.add_argument(
        "--port",
        type=_whole_number("serve.bad_port_text", t),
        default=8000,
        help=t("help.serve.port"),
    )
    p.add_argument("--open", action="store_true", help=t("help.serve.open"))
    p.set_defaults(handler=cmd_serve)

    p = command("new", "help.new", [common, only_site])
    p.add_argument("department", metavar="DEPT", help=t("help.dept"))
    p.add_argument("column", metavar="COLUMN", help=t("help.column"))
    p.add_argument("title", metavar="TITLE", help=t("help.new.title"))
    p.add_argument("--slug", default=None, help=t("help.slug"))
    p.add_argument("--date", type=date, default=None, metavar="DATE", help=t("help.new.date"))
    p.set_defaults(handler=cmd_new)

    p = command("new-department", "help.newdept", [common, only_site])
    p.add_argument("id", metavar="ID", help=t("help.newdept.id"))
    p.add_argument("name", metavar="NAME", help=t("help.newdept.name"))
    p.add_argument("--short-name", default="", help=t("help.newdept.short_name"))
    p.add_argument("--credit-code", default="", help=t("help.newdept.credit_code"))
    p.add_argument("--phone", action="append", default=[], help=t("help.newdept.phone"))
    p.add_argument("--columns", default=None, help=t("help.newdept.columns"))
    p.add_argument("--print", dest="print_only", action="store_true", help=t("help.newdept.print"))
    p.set_defaults(handler=cmd_new_department)

    p = command("import", "help.import", [common, only_site])
    p.add_argument("document", metavar="DOCX", help=t("help.import.document"))
    p.add_argument("department", metavar="DEPT", help=t("help.dept"))
    p.add_argument("column", metavar="COLUMN", help=t("help.column"))
    p.add_argument("--slug", default=None, help=t("help.slug"))
    p.set_defaults(handler=cmd_import)

    p = command("verify", "help.verify", [common, only_site])
    p.add_argument("directory", metavar="DIR", help=t("help.verify.directory"))
    p.add_argument("--manifest", default=None, metavar="FILE", help=t("help.verify.manifest"))
    p.add_argument("--public-key", default=None, metavar="FILE", help=t("help.verify.public_key"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("help.format"))
    p.set_defaults(handler=cmd_verify)

    p = command("keygen", "help.keygen", [common, only_site])
    p.add_argument("private_key", metavar="PRIVATE_KEY", help=t("help.keygen.private_key"))
    p.add_argument("--public-key", default=None, metavar="FILE", help=t("help.keygen.public_key"))
    p.set_defaults(handler=cmd_keygen)

    p = command("init", "help.init", [common])
    p.add_argument("directory", metavar="DIR", help=t("help.init.directory"))
    p.add_argument("--govsite-repo", default=None, metavar="URL", help=t("help.init.repo"))
    p.add_argument("--govsite-rev", default=None, metavar="REV", help=t("help.init.rev"))
    p.set_defaults(handler=cmd_init)

    p = command("report", "help.report", [common])
    reports = p.add_subparsers(metavar="KIND", title=t("help.report.kinds"))
    q = reports.add_parser(
        "annual",
        parents=[common],
        help=t("help.annual"),
        description=t("help.annual.description"),
        epilog=t("help.annual.epilog"),
        formatter_class=argtext.formatter(t, raw=True),
    )
    q.add_argument(
        "--year",
        type=_whole_number("cli.bad_year", t),
        default=None,
        metavar="YEAR",
        help=t("help.annual.year"),
    )
    q.add_argument("--dept", default=None, metavar="DEPT", help=t("help.annual.dept"))
    q.add_argument("--site", default=".", help=t("help.site"))
    q.add_argument("--as-of", type=date, default=None, metavar="DATE", help=t("help.as_of"))
    q.add_argument(
        "--format", choices=("text", "json"), default="text", help=t("help.annual.format")
    )
    q.add_argument(
        "--template",
        type=_whole_number("cli.bad_year", t),
        default=None,
        metavar="YEAR",
        help=t("help.annual.template"),
    )
    q.add_argument("-o", "--output", default=None, metavar="FILE", help=t("help.annual.output"))
    q.set_defaults(handler=cmd_report_annual)

    p = command("links", "help.links", [common, site])
    p.add_argument("--external", action="store_true", help=t("help.links.external"))
    p.add_argument("--strict", action="store_true", help=t("help.check.strict"))
    p.set_defaults(handler=cmd_links)

    p = command("rules", "help.rules", [common])
    p.add_argument("code", nargs="?", metavar="CODE", help=t("help.rules.code"))
    p.add_argument("--pack", action="store_true", help=t("help.rules.pack"))
    p.add_argument("--site", default=".", help=t("help.rules.site"))
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
    from govsite.report.text import undecodable_shown

    target = Path(path)
    page = dashboard_html(analysis, findings, summary.files, summary.pages)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(undecodable_shown(page), encoding="utf-8")
    except OSError:  # checked before the run, but the disk or the folder may have changed
        raise UnsafePath("safe.report_not_file", path=path) from None


def _sign_key(args: argparse.Namespace, root: Path):
    """The private key named by ``--sign-key`` or ``GOVSITE_SIGN_KEY``, or None."""
    from govsite.signing import KEY_ENV, load_private_key

    name = args.sign_key or os.environ.get(KEY_ENV)
    return load_private_key(Path(name), root) if name else None


def _notes(notes: tuple[Note, ...]) -> None:
    """What a rule could not judge (never a finding): once, on stderr, in every format."""
    for note in notes:
        print(printable(f"govsite: {note.rule}: {note.message}"), file=sys.stderr)


def cmd_build(args: argparse.Namespace, t: Translator) -> int:
    from govsite.rebuild import BUILT, build

    root = Path(args.site)
    out = Path(args.out) if args.out else root / "public"
    if args.report is not None:  # "" too: it names the current folder, not a file
        check_report(root, Path(args.report), out)
    if args.cache and not args.no_cache:
        check_cache(root, Path(args.cache), out)

    def waiting() -> None:
        print(t("safe.lock_wait", out=out), file=sys.stderr, flush=True)

    sign_key = _sign_key(args, root)
    cache, jobs, progress = _run_options(args, root, t)
    options = BuildOptions(
        root=root,
        out=out,
        as_of=args.as_of or dt.date.today(),
        strict=args.strict,
        withhold=args.withhold,
        jobs=jobs,
        cache=cache,
        search=not args.no_search,
        progress=progress,
        on_wait=waiting,
        sign_key=sign_key,
        replay=args.report is None,  # the dashboard needs the whole analysis
    )
    try:
        result = build(options, t)
    finally:
        progress.close()
    if cache is not None:
        if result.analysis is not None:  # else nothing had changed: nothing was used
            searched = result.published and options.search
            kinds = (*RUN_KINDS, VERDICT, BUILT, OUTPUTS, PUBLISHED)
            kinds += BUNDLE_KINDS if searched else ()
            kinds += (LISTING,) if result.published else ()
            cache.prune(kinds)
        cache.close()
    verdict = result.verdict
    summary = Summary.of(result.findings, verdict.files, verdict.pages)
    _report(result.findings, summary, args.format, t)
    _notes(verdict.notes)
    _dashboard(args.report, result.analysis, result.findings, summary)
    if not result.published:
        print(t("cli.blocked", out=out), file=sys.stderr)
        return EXIT_FINDINGS
    print(t("cli.built", pages=result.pages, files=result.files, out=out), file=sys.stderr)
    if result.withheld:
        print(t("cli.withheld", count=len(result.withheld)), file=sys.stderr)
        for path in result.withheld:
            print(f"  {path}", file=sys.stderr)
        return EXIT_FINDINGS
    # A draft is not published, but a leak in it is already in the repository: one answer
    # everywhere (check, pre-commit, import, preview and build all say it must go).
    leaks = [f for f in result.findings if f.draft and blocks_commit(f, strict=args.strict)]
    if leaks:
        print(t("cli.draft_leaks", count=len(leaks)), file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_check(args: argparse.Namespace, t: Translator) -> int:
    from govsite import changes

    root = Path(args.site)
    if args.report is not None:
        check_report(root, Path(args.report))
    if args.cache and not args.no_cache:
        check_cache(root, Path(args.cache))
    change_set = _change_set(args, root, t)
    cache, jobs, progress = _run_options(args, root, t)
    # The dashboard and removed files need the whole analysis, not only the findings.
    replay = args.report is None and not (change_set is not None and change_set.removed)
    try:
        run = RunOptions(jobs=jobs, cache=cache, progress=progress)
        as_of = args.as_of or dt.date.today()
        verdict, analysis = verdict_of_check(root, as_of, t, run, replay=replay)
    finally:
        progress.close()
    if cache is not None:
        if analysis is not None:
            cache.prune((*RUN_KINDS, VERDICT))
        cache.close()
    findings = list(verdict.findings)
    if change_set is not None and not change_set.whole_site:
        narrowed = _narrow(findings, root, args.paths, t) if args.paths else []
        narrowed += [f for f in findings if any(_within(f.path, p) for p in change_set.changed)]
        broken = changes.broken_by_removal(analysis, change_set) if analysis is not None else []
        findings = sorted(set(narrowed + broken), key=Finding.sort_key)
        _note_removed(change_set, broken, t)
    elif change_set is None:
        findings = _narrow(findings, root, args.paths, t)
    summary = Summary.of(findings, verdict.files, verdict.pages)
    _report(findings, summary, args.format, t)
    _notes(verdict.notes)
    _dashboard(args.report, analysis, findings, summary)
    blocked = any(blocks_commit(f, strict=args.strict) for f in findings)
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


def _change_set(args: argparse.Namespace, root: Path, t: Translator):
    """The change set ``--staged``/``--since`` name, plus PATHs that no longer exist but
    git knows (deleted files); None when the check is not about a change set."""
    from govsite import changes

    missing = [p for p in args.paths if not Path(p).exists()]
    if not (args.staged or args.since or missing):
        return None
    change_set = changes.ChangeSet()
    if args.staged:
        change_set = changes.staged(root, t)
    elif args.since:
        change_set = changes.since(root, args.since, t)
    removed = list(change_set.removed)
    for path in missing:
        resolved = Path(path).resolve()
        if not resolved.is_relative_to(root.resolve()):
            raise UsageError(t("cli.path_outside", path=path))
        rel = resolved.relative_to(root.resolve()).as_posix()
        if not changes.known_to_git(root, rel, t):
            raise UsageError(t("changes.no_such_path", path=path))
        removed.append(rel)
    args.paths = [p for p in args.paths if p not in missing]
    return changes.ChangeSet(change_set.changed, tuple(removed), change_set.old_slugs)


def _note_removed(change_set, broken: list[Finding], t: Translator) -> None:
    if change_set.removed:
        print(
            t("changes.removed", count=len(change_set.removed), links=len(broken)),
            file=sys.stderr,
        )


def _within(path: str, prefix: str) -> bool:
    return prefix in ("", ".") or path == prefix or path.startswith(prefix.rstrip("/") + "/")


def cmd_serve(args: argparse.Namespace, t: Translator) -> int:
    from govsite.serve import serve

    return serve(Path(args.site), args.host, args.port, t, open_browser=args.open)


def cmd_import(args: argparse.Namespace, t: Translator) -> int:
    """Import a .docx as a draft, then report what the checks find in it (0 / 1 / 2)."""
    from govsite.site import analyse
    from govsite.wordimport import import_word

    root = Path(args.site)
    path = import_word(root, Path(args.document), args.department, args.column, t, slug=args.slug)
    print(t("cli.new_written", path=path))
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    analysis = analyse(root, dt.date.today(), t)
    findings = [f for f in analysis.findings if f.path == rel]
    summary = Summary.of(findings, 1, 0)
    _report(findings, summary, "text", t)
    return EXIT_FINDINGS if any(blocks_commit(f, strict=False) for f in findings) else EXIT_OK


def cmd_verify(args: argparse.Namespace, t: Translator) -> int:
    """0 intact, 1 tampered (added, changed or missing files), 2 error."""

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
            detail = t(error.key, **error.params)
            raise UsageError(t("verify.bad_manifest", detail=detail)) from None
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
        from govsite.report.json_report import dumps

        print(dumps(document))
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


def cmd_new_department(args: argparse.Namespace, t: Translator) -> int:
    from govsite.scaffold import new_department

    root = Path(args.site)
    columns = None
    if args.columns is not None:
        columns = tuple(c.strip() for c in args.columns.split(",") if c.strip())
    result = new_department(
        root,
        args.id,
        args.name,
        t,
        short_name=args.short_name,
        credit_code=args.credit_code,
        phones=tuple(args.phone),
        columns=columns,
        write_config=not args.print_only,
    )
    if result.config_written:
        print(t("newdept.registered", id=result.department.id, name=result.department.name))
    else:
        print(t("newdept.add_this", path=root / "site.toml"))
        print("\n" + result.config_block)
    for path in result.items:
        print(t("newdept.draft_written", path=path))
    print(t("newdept.next", id=result.department.id))
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
            hint = t.did_you_mean(args.code.upper(), list(RULES))
            raise UsageError(t("cli.unknown_rule", code=args.code) + hint)
        article = f"《办法》{rule.article}" if rule.article.startswith("第") else rule.article
        severity = t(f"rules.severity.{rule.severity.value}")
        if t.lang == "en":
            print(f"{rule.code} {rule.title('en')} ({rule.name}; {severity}; {article})\n")
        else:
            print(f"{rule.code} {rule.title()}（{rule.name}，{severity}，{article}）\n")
        print(rule.doc_in(t.lang))
        return EXIT_OK
    ordered = sorted(RULES.values(), key=lambda r: r.code)
    widths = [max(_width(r.title(t.lang)) for r in ordered), max(len(r.name) for r in ordered)]
    for rule in ordered:
        severity = t(f"rules.severity.{rule.severity.value}")
        print(
            f"{rule.code}  {_pad(severity, 7)}  {_pad(rule.title(t.lang), widths[0])}  "
            f"{rule.name:<{widths[1]}}  {rule.article}"
        )
    return EXIT_OK


def _width(text: str) -> int:
    """Columns a terminal gives ``text`` (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


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
    from govsite.site import analyse

    analysis = analyse(Path(args.site), args.as_of or dt.date.today(), t)
    config = analysis.config
    reports = [
        r for r in analysis.reports if r.year == args.year and args.dept in (None, r.department)
    ]
    if args.dept is not None:
        from govsite.named import require_department

        require_department(config, args.dept, t)
    if not reports:
        folder = args.dept or t("cli.dept_placeholder")
        raise UsageError(t("cli.no_report", year=args.year, dept=args.dept or "*", folder=folder))
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
        # A report whose file could not be read holds zeros: printed, it would look
        # like a valid report above the finding that says it is not.
        unread = {r.path for r in reports} & {f.path for f in findings if f.rule == "FM001"}
        sys.stdout.write(t("cli.report_unread") + "\n" if unread else report_text(report, title))
        # The same ``path:line:col: CODE message`` as ``check`` (report/text.py): editors
        # jump to the cell, and nothing from the file reaches the terminal unescaped.
        for finding in findings:
            line = f"{location(finding)}: {finding.rule} {finding.message}"
            sys.stdout.write(printable(line) + "\n")
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
