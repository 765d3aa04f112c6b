"""The documentation stays true: generated files current, links inside the repository,
every field, key, command and option documented, the examples runnable as written."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
import yaml

from govsite import config as site_config
from govsite import docgen
from govsite.cli import make_parser
from govsite.content import model, schema
from govsite.render.markdown import markdown_parser
from govsite.rulepack import PACK_FILES
from tests.conftest import REPO, item
from tests.install_support import repository_files

DOCS = REPO / "docs"
# Topic pages written on other branches in parallel; linked from the index before they land.
# Once present they are checked like every other file.
PENDING_FROM_OTHER_BRANCHES = {
    "SECURITY.md",
    "checks/README.md",
    "docs/annual-report.md",
    "docs/attachments.md",
    "docs/detection.md",
    "docs/inspection.md",
    "docs/performance.md",
    "docs/preview.md",
}
# Portal content is Markdown too, but its links follow the portal's rules (LK002 checks them).
PORTAL_CONTENT = ("content/", "tests/fixtures/")
# The rule reference quotes the rules' examples, whose links are a portal's, not ours: they
# are only checked not to leave the repository.
PORTAL_EXAMPLES = {"docs/rules.md", "docs/rules.en.md"}
TEXT_SUFFIXES = {".md", ".py", ".html", ".toml", ".yaml", ".yml", ".txt", ".cfg", ".json", ".sh"}


# ---------------------------------------------------------------- generated files


def test_generated_files_are_current():
    stale = docgen.stale()
    assert not stale, f"stale generated files {stale}; run: {docgen.COMMAND}"


def test_docgen_check_mode_reports_staleness(tmp_path, capsys):
    assert docgen.main(["--check"]) == 0
    assert sorted(docgen.stale(tmp_path)) == sorted(docgen.GENERATED)  # nothing there yet
    assert docgen.main(["--bogus"]) == 2


def test_rule_reference_covers_every_rule_in_both_languages():
    from govsite.rules import RULES

    zh = (DOCS / "rules.md").read_text("utf-8")
    en = (DOCS / "rules.en.md").read_text("utf-8")
    for code, rule in RULES.items():
        assert f"\n## {code}\n" in zh and f"\n## {code}\n" in en, code
        assert rule.doc_in("zh").split("\n")[1] in zh
        assert "#### 查什么" in zh and "#### What it finds" in en


# ---------------------------------------------------------------- links


def _anchors(path: Path) -> set[str]:
    tokens = markdown_parser().parse(path.read_text("utf-8"))
    return {str(t.attrGet("id")) for t in tokens if t.type == "heading_open" and t.attrGet("id")}


def _links(path: Path) -> list[tuple[int, str]]:
    """(line, target) of every link and image in a Markdown file, code excluded."""
    found = []
    for token in markdown_parser().parse(path.read_text("utf-8")):
        if token.type != "inline":
            continue
        line = (token.map[0] + 1) if token.map else 0
        for child in token.children or ():
            target = child.attrGet("href") if child.type == "link_open" else None
            target = target or (child.attrGet("src") if child.type == "image" else None)
            if target:
                found.append((line, str(target)))
    return found


def _check_target(rel: str, line: int, target: str, files: set[str]) -> str | None:
    parts = urlsplit(target)
    if parts.scheme in ("http", "https", "mailto"):
        return None
    if parts.scheme or target.startswith("//"):
        return f"{rel}:{line}: link {target!r} leaves the repository"
    source = REPO / rel
    path = unquote(parts.path)
    if not path:  # "#anchor" in the same file
        resolved = source
    else:
        if path.startswith("/"):
            return f"{rel}:{line}: absolute path {target!r} points outside the repository"
        resolved = (source.parent / path).resolve()
        if not resolved.is_relative_to(REPO.resolve()):
            return f"{rel}:{line}: link {target!r} leaves the repository"
        inside = resolved.relative_to(REPO.resolve()).as_posix()
        if not resolved.exists():
            if inside in PENDING_FROM_OTHER_BRANCHES or rel in PORTAL_EXAMPLES:
                return None
            return f"{rel}:{line}: link {target!r} points at a missing file"
        if resolved.is_file() and inside not in files:
            return f"{rel}:{line}: link {target!r} points at a file git ignores"
    if (
        parts.fragment
        and resolved.suffix == ".md"
        and resolved.is_file()
        and rel not in PORTAL_EXAMPLES
    ) and unquote(parts.fragment) not in _anchors(resolved):
        return f"{rel}:{line}: no heading for anchor #{unquote(parts.fragment)} in {target!r}"
    return None


def test_every_markdown_link_resolves_inside_the_repository():
    files = set(repository_files())
    problems = []
    for rel in sorted(files):
        if not rel.endswith(".md") or rel.startswith(PORTAL_CONTENT) or (REPO / rel).is_symlink():
            continue
        for line, target in _links(REPO / rel):
            problem = _check_target(rel, line, target, files)
            if problem:
                problems.append(problem)
    assert not problems, "\n".join(problems)


# The workspace folder beside the repository, spelt so this file does not name it itself.
SHARED = "/".join(("..", "shared"))
OUTSIDE = re.compile(r"\.\.[/]shared\b|/work/(shared|main|wt)\b")


def test_no_file_points_outside_the_repository():
    problems = []
    for rel in repository_files():
        if Path(rel).suffix not in TEXT_SUFFIXES or rel == "tests/test_docs.py":
            continue
        text = (REPO / rel).read_text("utf-8", errors="replace")
        for number, line in enumerate(text.split("\n"), start=1):
            if OUTSIDE.search(line):
                problems.append(f"{rel}:{number}: {line.strip()[:100]}")
    assert not problems, "\n".join(problems)


MENTION = re.compile(r"(?<![\w/.-])((?:docs|examples)/[\w./-]+\.(?:md|json|ya?ml))")


def test_files_named_in_code_and_config_exist():
    """Code, templates and config that send a reader to a file of this repository name one
    that exists (``docs/rule-pack.md`` in the default pack's comments, …)."""
    problems = []
    for rel in repository_files():
        if Path(rel).suffix not in TEXT_SUFFIXES - {".md"} or rel.startswith("tests/"):
            continue
        text = (REPO / rel).read_text("utf-8", errors="replace")
        for number, line in enumerate(text.split("\n"), start=1):
            for mention in MENTION.findall(line):
                if not (REPO / mention).exists() and mention not in PENDING_FROM_OTHER_BRANCHES:
                    problems.append(f"{rel}:{number}: names {mention}, which does not exist")
    assert not problems, "\n".join(problems)


def test_the_link_checker_catches_what_it_should(tmp_path):
    files = {"docs/README.md", "docs/editor.md"}
    check = _check_target
    assert check("docs/README.md", 1, f"../{SHARED}/SPEC.md", files)
    assert check("docs/README.md", 1, "nowhere.md", files)
    assert check("docs/README.md", 1, "editor.md#no-such-heading", files)
    assert check("docs/README.md", 1, "/etc/passwd", files)
    assert check("docs/README.md", 1, "file:///etc/passwd", files)
    assert check("docs/README.md", 1, "editor.md#前置元数据字段", files) is None
    assert check("docs/README.md", 1, "https://www.gov.cn/", files) is None
    assert OUTSIDE.search(f"see {SHARED}/SPEC.md") and not OUTSIDE.search("../media/a.png")


def test_every_docs_page_is_linked_from_the_index():
    index = (DOCS / "README.md").read_text("utf-8")
    linked = {target.split("#")[0] for _, target in _links(DOCS / "README.md")}
    for path in sorted(DOCS.glob("*.md")):
        if path.name != "README.md":
            assert path.name in linked, f"link docs/{path.name} from docs/README.md"
    assert "getting-started.md" in index


# ---------------------------------------------------------------- nothing undocumented


def _table_names(path: Path) -> set[str]:
    """The `names` in the first column of the Markdown tables of ``path``."""
    return set(re.findall(r"^\| `([^`]+)` \|", path.read_text("utf-8"), flags=re.M))


def test_editor_guide_documents_every_front_matter_field():
    documented = _table_names(DOCS / "editor.md")
    fields = {
        *schema.TOP_LEVEL_FIELDS,
        *schema.REVIEW_CHAIN,
        "status",
        "level",
        "file",
        "source",
        "license",
        "kind",
        "map_review_no",
    }
    missing = sorted(fields - documented)
    assert not missing, f"document these front-matter fields in docs/editor.md: {missing}"
    text = (DOCS / "editor.md").read_text("utf-8")
    for choices in (
        model.REVIEW_LEVELS,
        model.APPROVER_ROLES,
        model.REVIEW_STATUSES,
        model.ORIGINS,
        model.DOC_TYPES,
        model.MEDIA_KINDS,
        model.PRIVACY_EXEMPTIONS,
    ):
        for choice in choices:
            assert f"`{choice}`" in text, f"docs/editor.md: document the choice `{choice}`"


def test_web_office_guide_documents_every_site_toml_key():
    documented = _table_names(DOCS / "web-office.md")
    keys = {
        spec.name
        for specs in (
            site_config._SITE_FIELDS,
            site_config._DEPARTMENT_FIELDS,
            site_config._COLUMN_FIELDS,
            site_config._CALENDAR_FIELDS,
            getattr(site_config, "_INSPECTION_FIELDS", ()),
        )
        for spec in specs
    }
    missing = sorted((keys | set(site_config.COLUMN_KINDS)) - documented)
    assert not missing, f"document these site.toml keys in docs/web-office.md: {missing}"


def _commands():
    parser = make_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps no public API
    for name, sub in commands.items():
        nested = [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]
        if nested:
            for kind, leaf in nested[0].choices.items():
                yield f"{name} {kind}", leaf
        else:
            yield name, sub


def test_command_reference_documents_every_command_and_option():
    text = (DOCS / "commands.md").read_text("utf-8")
    problems = []
    for name, sub in _commands():
        heading = f"\n## govsite {name}\n"
        if heading not in text:
            problems.append(f"no section '## govsite {name}'")
            continue
        section = text.split(heading, 1)[1].split("\n## ", 1)[0]
        for action in sub._actions:
            for option in action.option_strings:
                documented = option in section or option in ("--help", "--lang")
                if option.startswith("--") and not documented:
                    problems.append(f"govsite {name}: option {option} undocumented")
    assert not problems, "docs/commands.md: " + "; ".join(problems)


def test_rule_pack_page_documents_every_pack_file():
    documented = _table_names(DOCS / "rule-pack.md")
    missing = sorted({f"{name}.yaml" for name in PACK_FILES} - documented)
    assert not missing, f"document these rule-pack files in docs/rule-pack.md: {missing}"


# ---------------------------------------------------------------- README and CI


def _shell_blocks(path: Path, language: str = "sh") -> list[str]:
    tokens = markdown_parser().parse(path.read_text("utf-8"))
    return [t.content for t in tokens if t.type == "fence" and t.info.strip() == language]


def _commands_of(block: str) -> list[str]:
    lines = []
    for line in block.split("\n"):
        command = re.sub(r"\s+#.*$", "", line).strip()
        if command:
            lines.append(command)
    return lines


def test_readme_starts_with_the_two_commands_and_ci_runs_them_verbatim():
    readme = (REPO / "README.md").read_text("utf-8")
    first_block = _shell_blocks(REPO / "README.md")[0]
    assert readme.index("```sh") < readme.index("## "), "the commands come first"
    commands = _commands_of(first_block)
    assert len(commands) == 2
    assert "venv" in commands[0] and "pip install" in commands[0] and "govsite build" in commands[0]
    assert "pytest" in commands[1]
    ci_lines = _commands_of((REPO / ".ci/run").read_text("utf-8"))
    for command in commands:
        assert command in ci_lines, f".ci/run must run the README's command verbatim: {command}"


def _govsite_invocations(lines: list[str]) -> list[list[str]]:
    result = []
    for line in lines:
        for part in re.split(r"\s*(?:&&|\|\||;)\s*", line):
            words = shlex.split(part.split(" > ")[0])
            if words and words[0] == "govsite":
                result.append(words[1:])
    return result


def _parses(arguments: list[str]) -> bool:
    try:
        make_parser().parse_args(arguments)
    except SystemExit:
        return False
    return True


def test_ci_examples_run_only_commands_and_options_govsite_has():
    workflow = yaml.safe_load((REPO / "examples/ci/github-actions.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    gitlab = yaml.safe_load((REPO / "examples/ci/gitlab-ci.yml").read_text("utf-8"))
    scripts = gitlab["govsite"]["script"]
    for lines in (runs, scripts):
        invocations = _govsite_invocations(lines)
        assert any(words[0] == "build" for words in invocations)
        for words in invocations:
            assert _parses(words), words
        install = next(line for line in lines if "pip install" in line)
        assert re.search(r'"govsite @ git\+https://[^"@]+@v\d+\.\d+\.\d+"', install), install
    assert True in workflow or "on" in workflow  # YAML 1.1 reads the key `on` as true
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "govsite.sarif" and "> govsite.sarif" in " ".join(runs)
    assert any("--format github" in run for run in runs)
    assert not _parses(["build", "--no-such-option"])  # the check can fail


def test_pre_commit_files_agree():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    [hook] = hooks
    assert hook["id"] == "govsite-check" and hook["language"] == "python"
    assert _parses([*shlex.split(hook["entry"])[1:], "content/x.md"])
    assert re.search(hook["files"], "content/edu/news/a.md") and re.search(
        hook["files"], "site.toml"
    )
    config = yaml.safe_load((REPO / "examples/pre-commit-config.yaml").read_text("utf-8"))
    assert config["repos"][0]["hooks"] == [{"id": "govsite-check"}]


# ---------------------------------------------------------------- JSON output


def _schema(name: str) -> dict:
    document = json.loads((DOCS / "schemas" / name).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return document


def test_json_output_validates_against_the_documented_schema(make_site, cli):
    waiver = "waive:\n  - {rule: PV002, reason: 公示需要, by: 孙签发}\n"
    files = {
        "content/edu/news/a.md": item(body="联系人手机 13912345678。\n", extra=waiver),
        "content/edu/news/b.md": item(body="身份证号 110101199003070014。\n[坏链接](nowhere.md)\n"),
        "content/edu/news/c.md": "no front matter\n",
    }
    root = make_site(files, freshness=True)
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    document = json.loads(result.out)
    check_schema = _schema("check-report.schema.json")
    jsonschema.Draft202012Validator(check_schema).validate(document)
    assert document["findings"] and document["waivers"]
    assert any(f["line"] is None for f in document["findings"])  # FR002 on a folder
    # every field govsite writes is described (and nothing described is missing)
    assert set(document) == set(check_schema["properties"])
    assert set(document["summary"]) == set(check_schema["properties"]["summary"]["properties"])
    finding_keys = set(check_schema["$defs"]["finding"]["properties"])
    for finding in document["findings"]:
        assert set(finding) == finding_keys
    for waived in document["waivers"]:
        assert set(waived) == finding_keys | {"reason"}
    example = cli("check", "--site", REPO, "--as-of", "2026-11-26", "--format", "json")
    jsonschema.Draft202012Validator(check_schema).validate(json.loads(example.out))


def test_the_schema_rejects_what_govsite_never_writes():
    validator = jsonschema.Draft202012Validator(_schema("check-report.schema.json"))
    good = {
        "version": 1,
        "summary": {"files": 1, "pages": 1, "errors": 0, "warnings": 0, "waived": 0},
        "findings": [],
        "waivers": [],
    }
    validator.validate(good)
    bad_finding = {
        "rule": "pv001",
        "severity": "fatal",
        "path": "",
        "line": 0,
        "column": None,
        "message": "m",
        "article": "",
        "excerpt": "",
    }
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**good, "findings": [bad_finding]})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**good, "version": 2})


def test_verify_json_validates_against_its_schema(make_site, cli):
    root = make_site({"content/edu/news/a.md": item()})
    assert cli("build", "--site", root, "--as-of", "2026-11-26").code == 0
    (root / "public" / "extra.html").write_text("x", encoding="utf-8")
    result = cli("verify", root / "public", "--site", root, "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    verify_schema = _schema("verify-report.schema.json")
    jsonschema.Draft202012Validator(verify_schema).validate(document)
    assert set(document) == set(verify_schema["properties"]) and document["added"] == ["extra.html"]
