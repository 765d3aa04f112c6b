"""The portal's rule pack, ``checks/``: lists and levels the web office edits without code.

Each file is YAML with a small fixed schema (see ``checks/README.md``). The packaged
default (``govsite/default_checks/``) applies to every site; a site's own file adds to it,
removes from it or, with ``replace: true``, replaces it (:mod:`govsite.packmerge`).
Loading validates the merged result and reports problems as ``checks/file.yaml:line:col: …``
configuration errors (exit 2), like ``site.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from govsite.config import ConfigError, ConfigProblem
from govsite.findings import Severity
from govsite.i18n import Translator
from govsite.packmerge import MergedFile, Origin, PackSource, listing, merge_pack_file
from govsite.roster import Roster, read_roster
from govsite.safepath import read_regular
from govsite.yamlsource import YamlProblem, load_yaml

CHECKS_DIR = "checks"
DEFAULT_CHECKS = Path(__file__).resolve().parent / "default_checks"
DEFAULT_LABEL = "govsite/default_checks"  # how the packaged default's files are named
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "off": None}


@dataclass(frozen=True)
class TermList:
    """Plain terms and regular expressions to find, and phrases that excuse a match."""

    terms: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    allow: tuple[str, ...] = ()
    label: str = ""
    # Context cues: a match in a sentence with one of these words is about the offence
    # (publicity, warning, enforcement, negation), not the offence itself.
    context: tuple[str, ...] = ()
    # How far a cue reaches: the match's sentence, or its whole line (a paragraph);
    # ``_`` and ``|`` end both (they join an injected spam title to the page's title).
    scope: str = ""  # "" is the sentence


SCOPES = ("sentence", "line")


@dataclass(frozen=True)
class Source:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True)
class RulePack:
    domains: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()  # new-media platforms: allowed for account URLs only
    sources: tuple[Source, ...] = ()
    advertising: TermList = field(default_factory=TermList)  # every family merged
    advertising_families: tuple[TermList, ...] = ()  # one list per family, with its label
    illegal: tuple[TermList, ...] = ()  # one list per category, each with its label
    illegal_allow: tuple[str, ...] = ()
    sensitive: TermList = field(default_factory=TermList)
    wording: dict[str, str] = field(default_factory=dict)
    wording_allow: tuple[str, ...] = ()
    typos: dict[str, str] = field(default_factory=dict)
    typos_allow: tuple[str, ...] = ()
    levels: dict[str, Severity | None] = field(default_factory=dict)
    leaders: Roster = field(default_factory=Roster)  # checks/leaders.yaml (LD001)


class _PackReader:
    """Validates one merged pack file against its schema, collecting positioned problems."""

    def __init__(self, merged: MergedFile, t: Translator, problems: list[ConfigProblem]):
        self.rel = merged.files[-1]
        self.t = t
        self.problems = problems
        self.data: Any = merged.data if merged.data is not None else {}
        self.positions: dict[tuple, Origin] = merged.origins
        if not isinstance(self.data, dict):
            self.problem((), "fm.not_mapping")
            self.data = {}

    def problem(self, path: tuple, message_key: str, /, **params: Any) -> None:
        probe = path
        while probe and probe not in self.positions:
            probe = probe[:-1]
        origin = self.positions.get(probe) or Origin(self.rel, 1, 1)
        self.problems.append(
            ConfigProblem(origin.file, origin.line, origin.column, self.t(message_key, **params))
        )

    def keys(self, table: dict, path: tuple, known: tuple[str, ...]) -> None:
        for name in table:
            if name not in known:
                hint = self.t.did_you_mean(str(name), known) or self.t(
                    "pack.known_keys", known=self.t.join(list(known))
                )
                self.problem(
                    (*path, name), "config.unknown_key", key=_dotted((*path, name)), hint=hint
                )

    def strings(self, table: dict, path: tuple) -> tuple[str, ...]:
        value = table.get(path[-1], [])
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(
                path,
                "fm.wrong_type",
                field=_dotted(path),
                expected=self._list_name(),
                found=_found(value, self.t),
            )
            return ()
        result = []
        for index, item in enumerate(value):
            if isinstance(item, str | int) and not isinstance(item, bool) and str(item).strip():
                result.append(str(item).strip())
            else:
                self.problem(
                    (*path, index),
                    "fm.wrong_type",
                    field=_dotted((*path, index)),
                    expected=self._string_name(),
                    found=_found(item, self.t),
                )
        return tuple(result)

    def patterns(self, table: dict, path: tuple) -> tuple[re.Pattern[str], ...]:
        compiled = []
        for index, source in enumerate(self.strings(table, path)):
            try:
                compiled.append(re.compile(source, re.IGNORECASE))
            except re.error as error:
                self.problem((*path, index), "pack.bad_pattern", pattern=source, detail=str(error))
        return tuple(compiled)

    def term_list(
        self, table: dict, path: tuple, label: str = "", extra: tuple[str, ...] = ()
    ) -> TermList:
        known = ("terms", "patterns", "allow", "label", "context", "scope", *extra)
        self.keys(table, path, known)
        scope = str(table.get("scope") or "")  # "": inherited, else the sentence
        if scope and scope not in SCOPES:
            self.problem((*path, "scope"), "pack.bad_scope", scope=scope)
            scope = ""
        return TermList(
            terms=self.strings(table, (*path, "terms")),
            patterns=self.patterns(table, (*path, "patterns")),
            allow=self.strings(table, (*path, "allow")),
            label=str(table.get("label") or label),
            context=self.strings(table, (*path, "context")),
            scope=scope,
        )

    def swap(self, table: dict, path: tuple) -> dict[str, str]:
        value = table.get(path[-1], {})
        if not isinstance(value, dict):
            self.problem(
                path,
                "fm.wrong_type",
                field=_dotted(path),
                expected="wrong: right",
                found=_found(value, self.t),
            )
            return {}
        result = {}
        for wrong, right in value.items():
            if not isinstance(wrong, str) or not isinstance(right, str) or not wrong.strip():
                self.problem((*path, str(wrong)), "pack.bad_swap", wrong=wrong, right=right)
            elif wrong.strip() in right:
                self.problem((*path, wrong), "pack.swap_inside", wrong=wrong, right=right)
            else:
                result[wrong.strip()] = right.strip()
        return result

    def _list_name(self) -> str:
        return "a list" if self.t.lang == "en" else "列表"

    def _string_name(self) -> str:
        return "text" if self.t.lang == "en" else "文本"


def _dotted(path: tuple) -> str:
    return ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in path)


def _found(value: Any, t: Translator) -> str:
    """What was found, in words (``文本 'x'``), never a Python type name."""
    from govsite.values import describe

    return describe(value, t)


PACK_FILES = (
    "domains",
    "sources",
    "advertising",
    "illegal",
    "sensitive",
    "wording",
    "typos",
    "levels",
    "leaders",
)


def pack_file(root: Path, name: str) -> tuple[str, Path] | None:
    """The site's ``checks/name`` if present, else the packaged default, else None."""
    own = root / CHECKS_DIR / name
    if own.is_file():
        return f"{CHECKS_DIR}/{name}", own
    default = DEFAULT_CHECKS / name
    if default.is_file():
        return f"{DEFAULT_LABEL}/{name}", default
    return None


def _read_source(
    path: Path, rel: str, t: Translator, problems: list[ConfigProblem], *, default: bool
) -> PackSource | None:
    if not (path.exists() or path.is_symlink()):
        return None  # a FIFO, a folder or a link under a pack file's name is a problem below
    try:  # a site file is never read through a symbolic link, nor from a FIFO
        raw = path.read_bytes() if default else read_regular(path.parent.parent, rel)
    except OSError:
        problems.append(ConfigProblem(rel, None, None, t("safe.not_read", path=rel)))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(ConfigProblem(rel, line, None, t("fm.not_utf8", line=line)))
        return None
    loaded = load_yaml(text, t)
    if isinstance(loaded, YamlProblem):
        problems.append(
            ConfigProblem(rel, loaded.line, loaded.column, t("pack.yaml", detail=loaded.detail))
        )
        return None
    return PackSource(rel, loaded, default)


def effective_pack(root: Path, t: Translator) -> tuple[dict[str, MergedFile], list[ConfigProblem]]:
    """Each pack file as it applies to the site: the default with ``checks/`` merged on."""
    problems: list[ConfigProblem] = []
    merged: dict[str, MergedFile] = {}
    for name in PACK_FILES:
        file = f"{name}.yaml"
        default = _read_source(
            DEFAULT_CHECKS / file, f"{DEFAULT_LABEL}/{file}", t, problems, default=True
        )
        site = _read_source(
            root / CHECKS_DIR / file, f"{CHECKS_DIR}/{file}", t, problems, default=False
        )
        if default is None and site is None:
            continue
        try:
            result = merge_pack_file(default, site)
        except RecursionError:  # a YAML alias that contains itself
            where = site.file if site else f"{DEFAULT_LABEL}/{file}"
            problems.append(ConfigProblem(where, 1, 1, t("pack.recursive")))
            continue
        for problem in result.problems:
            origin = problem.origin
            message = t(problem.message_key, **problem.params)
            problems.append(ConfigProblem(origin.file, origin.line, origin.column, message))
        merged[name] = result
    return merged, problems


def load_rule_pack(root: Path, t: Translator, rule_codes: frozenset[str]) -> RulePack:
    """Read every pack file; raise :class:`ConfigError` listing all problems."""
    merged, problems = effective_pack(root, t)
    readers = {name: _PackReader(result, t, problems) for name, result in merged.items()}
    pack = _assemble(readers, rule_codes)
    if problems:
        raise ConfigError(problems)
    return pack


def _assemble(readers: dict[str, _PackReader], rule_codes: frozenset[str]) -> RulePack:
    values: dict[str, Any] = {}
    if reader := readers.get("domains"):
        reader.keys(reader.data, (), ("allow", "platforms"))
        for key, name in (("allow", "domains"), ("platforms", "platforms")):
            domains = reader.strings(reader.data, (key,))
            for index, domain in enumerate(domains):
                if not re.fullmatch(r"[a-z0-9.-]+\.[a-z0-9-]+|[a-z0-9-]+", domain.lower()):
                    reader.problem((key, index), "pack.bad_domain", domain=domain)
            values[name] = tuple(d.lower().lstrip(".") for d in domains)
    if reader := readers.get("sources"):
        values["sources"] = _sources(reader)
    if reader := readers.get("advertising"):
        values["advertising"], values["advertising_families"] = _advertising(reader)
    if reader := readers.get("illegal"):
        values["illegal"], values["illegal_allow"] = _illegal(reader)
    if reader := readers.get("sensitive"):
        values["sensitive"] = reader.term_list(reader.data, ())
    for name in ("wording", "typos"):
        if reader := readers.get(name):
            reader.keys(reader.data, (), ("swap", "allow"))
            values[name] = reader.swap(reader.data, ("swap",))
            values[f"{name}_allow"] = reader.strings(reader.data, ("allow",))
    if reader := readers.get("levels"):
        values["levels"] = _levels(reader, rule_codes)
    if reader := readers.get("leaders"):
        values["leaders"] = read_roster(reader)
    return RulePack(**values)


def _sources(reader: _PackReader) -> tuple[Source, ...]:
    reader.keys(reader.data, (), ("sources",))
    entries = reader.data.get("sources") or []
    if not isinstance(entries, list):
        reader.problem(
            ("sources",),
            "fm.wrong_type",
            field="sources",
            expected=reader._list_name(),
            found=_found(entries, reader.t),
        )
        return ()
    sources = []
    for index, entry in enumerate(entries):
        path = ("sources", index)
        if not isinstance(entry, dict) or not entry.get("name"):
            reader.problem(path, "fm.missing_field", field=_dotted((*path, "name")))
            continue
        reader.keys(entry, path, ("name", "aliases", "domains"))
        sources.append(
            Source(
                name=str(entry["name"]),
                aliases=reader.strings(entry, (*path, "aliases")),
                domains=tuple(d.lower() for d in reader.strings(entry, (*path, "domains"))),
            )
        )
    return tuple(sources)


def _advertising(reader: _PackReader) -> tuple[TermList, tuple[TermList, ...]]:
    """Top-level terms plus pattern families (``categories``), each family inheriting the
    top-level ``allow`` and ``context``; and everything merged into one list."""
    top = reader.term_list(reader.data, (), extra=("categories",))
    families = [top]
    families += [
        replace(
            family,
            allow=family.allow + top.allow,
            context=family.context + top.context,
            scope=family.scope or top.scope,
        )
        for family in _categories(reader)
    ]
    merged = TermList(
        terms=tuple(t for f in families for t in f.terms),
        patterns=tuple(p for f in families for p in f.patterns),
        allow=tuple(dict.fromkeys(a for f in families for a in f.allow)),
        context=tuple(dict.fromkeys(c for f in families for c in f.context)),
        scope=top.scope,
    )
    return merged, tuple(f for f in families if f.terms or f.patterns)


def _illegal(reader: _PackReader) -> tuple[tuple[TermList, ...], tuple[str, ...]]:
    """Categories, each inheriting the top-level ``allow`` and ``context`` phrases."""
    reader.keys(reader.data, (), ("categories", "allow", "context", "scope"))
    allow = reader.strings(reader.data, ("allow",))
    context = reader.strings(reader.data, ("context",))
    scope = str(reader.data.get("scope") or "")
    if scope and scope not in SCOPES:
        reader.problem(("scope",), "pack.bad_scope", scope=scope)
        scope = ""
    lists = [
        replace(c, allow=c.allow + allow, context=c.context + context, scope=c.scope or scope)
        for c in _categories(reader)
    ]
    return tuple(lists), allow


def _categories(reader: _PackReader) -> list[TermList]:
    categories = reader.data.get("categories") or {}
    if not isinstance(categories, dict):
        reader.problem(
            ("categories",),
            "fm.wrong_type",
            field="categories",
            expected="name: {terms, patterns}",
            found=_found(categories, reader.t),
        )
        return []
    lists = []
    for name, table in categories.items():
        if not isinstance(table, dict):
            reader.problem(
                ("categories", name),
                "fm.wrong_type",
                field=f"categories.{name}",
                expected="{label, terms, patterns}",
                found=_found(table, reader.t),
            )
            continue
        lists.append(reader.term_list(table, ("categories", name), label=str(name)))
    return lists


def _levels(reader: _PackReader, rule_codes: frozenset[str]) -> dict[str, Severity | None]:
    reader.keys(reader.data, (), ("levels",))
    table = reader.data.get("levels") or {}
    if not isinstance(table, dict):
        reader.problem(
            ("levels",),
            "fm.wrong_type",
            field="levels",
            expected="CODE: level",
            found=_found(table, reader.t),
        )
        return {}
    levels = {}
    for code, level in table.items():
        code_text = str(code).upper()
        if level is False:  # YAML 1.1 reads a bare `off` as false
            level = "off"
        if code_text not in rule_codes:
            hint = reader.t.did_you_mean(code_text, sorted(rule_codes)) or reader.t(
                "pack.list_rules"
            )
            reader.problem(("levels", code), "pack.unknown_rule", code=code, hint=hint)
        elif str(level).lower() not in LEVELS:
            reader.problem(("levels", code), "pack.bad_level", code=code, level=level)
        else:
            levels[code_text] = LEVELS[str(level).lower()]
    return levels


def show_pack(root: Path, t: Translator) -> str:
    """``govsite rules --pack``: every effective entry and where it came from."""
    merged, problems = effective_pack(root, t)
    if problems:
        raise ConfigError(problems)
    out: list[str] = []
    for name, result in merged.items():
        out.append(t("pack.header", name=f"{name}.yaml", files=" + ".join(result.files)))
        out.extend(listing(name, result, t("pack.default")))
        out.append("")
    return "\n".join(out)
