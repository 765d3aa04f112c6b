"""The portal's rule pack, ``checks/``: lists and levels the web office edits without code.

Each file is YAML with a small fixed schema (see ``checks/README.md``). Loading validates
it and reports problems as ``checks/file.yaml:line:col: …`` configuration errors (exit 2),
like ``site.toml``. A site without a file uses the packaged default for that file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govsite.config import ConfigError, ConfigProblem
from govsite.findings import Severity, shown
from govsite.i18n import Translator
from govsite.safepath import read_regular
from govsite.yamlsource import YamlProblem, load_yaml

CHECKS_DIR = "checks"
DEFAULT_CHECKS = Path(__file__).resolve().parent / "default_checks"
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "off": None}


@dataclass(frozen=True)
class TermList:
    """Plain terms and regular expressions to find, and phrases that excuse a match."""

    terms: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    allow: tuple[str, ...] = ()
    label: str = ""


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
    advertising: TermList = field(default_factory=TermList)
    illegal: tuple[TermList, ...] = ()  # one list per category, each with its label
    illegal_allow: tuple[str, ...] = ()
    sensitive: TermList = field(default_factory=TermList)
    wording: dict[str, str] = field(default_factory=dict)
    wording_allow: tuple[str, ...] = ()
    typos: dict[str, str] = field(default_factory=dict)
    typos_allow: tuple[str, ...] = ()
    levels: dict[str, Severity | None] = field(default_factory=dict)


class _PackReader:
    """Validates one YAML file against its schema, collecting positioned problems."""

    def __init__(self, rel: str, text: str, t: Translator, problems: list[ConfigProblem]):
        self.rel = rel
        self.t = t
        self.problems = problems
        loaded = load_yaml(text, t)
        if isinstance(loaded, YamlProblem):
            self.data: Any = {}
            self.positions: dict = {}
            self.problem(
                (), "yaml.file", line=loaded.line, column=loaded.column, detail=loaded.detail
            )
        else:
            self.data = loaded.data if loaded.data is not None else {}
            self.positions = loaded.positions
            if not isinstance(self.data, dict):
                self.problem((), "fm.not_mapping")
                self.data = {}

    def problem(
        self,
        path: tuple,
        message_key: str,
        /,
        *,
        line: int | None = None,
        column: int | None = None,
        **params: Any,
    ) -> None:
        if line is None:
            probe = path
            while probe and probe not in self.positions:
                probe = probe[:-1]
            line, column = self.positions.get(probe, (1, 1))
        self.problems.append(ConfigProblem(self.rel, line, column, self.t(message_key, **params)))

    def keys(self, table: dict, path: tuple, known: tuple[str, ...]) -> None:
        for name in table:
            if name not in known:
                self.problem(
                    (*path, name), "config.unknown_key", key=_dotted((*path, name)), hint=""
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
                found=_found(value),
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
                    found=_found(item),
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

    def term_list(self, table: dict, path: tuple, label: str = "") -> TermList:
        self.keys(table, path, ("terms", "patterns", "allow", "label"))
        return TermList(
            terms=self.strings(table, (*path, "terms")),
            patterns=self.patterns(table, (*path, "patterns")),
            allow=self.strings(table, (*path, "allow")),
            label=str(table.get("label") or label),
        )

    def swap(self, table: dict, path: tuple) -> dict[str, str]:
        value = table.get(path[-1], {})
        if not isinstance(value, dict):
            self.problem(
                path,
                "fm.wrong_type",
                field=_dotted(path),
                expected="wrong: right",
                found=_found(value),
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
        return "a string" if self.t.lang == "en" else "字符串"


def _dotted(path: tuple) -> str:
    return ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in path)


def _found(value: Any) -> str:
    return shown(value)


def pack_file(root: Path, name: str) -> tuple[str, Path] | None:
    """The site's ``checks/name`` if present, else the packaged default, else None."""
    own = root / CHECKS_DIR / name
    if own.is_file() or own.is_symlink():  # a link is refused when read (read_regular)
        return f"{CHECKS_DIR}/{name}", own
    default = DEFAULT_CHECKS / name
    if default.is_file():
        return f"{CHECKS_DIR}/{name}", default
    return None


def load_rule_pack(root: Path, t: Translator, rule_codes: frozenset[str]) -> RulePack:
    """Read every pack file; raise :class:`ConfigError` listing all problems."""
    problems: list[ConfigProblem] = []
    readers: dict[str, _PackReader] = {}
    for name in (
        "domains",
        "sources",
        "advertising",
        "illegal",
        "sensitive",
        "wording",
        "typos",
        "levels",
    ):
        found = pack_file(root, f"{name}.yaml")
        if found is None:
            continue
        rel, path = found
        try:
            raw = read_regular(root, rel) if path.parent != DEFAULT_CHECKS else path.read_bytes()
        except OSError:
            problems.append(ConfigProblem(rel, None, None, t("safe.not_read", path=rel)))
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            problems.append(ConfigProblem(rel, line, None, t("fm.not_utf8", line=line)))
            continue
        readers[name] = _PackReader(rel, text, t, problems)
    pack = _assemble(readers, rule_codes)
    if problems:
        raise ConfigError(problems)
    return pack


def _assemble(readers: dict[str, _PackReader], rule_codes: frozenset[str]) -> RulePack:
    values: dict[str, Any] = {}
    if reader := readers.get("domains"):
        reader.keys(reader.data, (), ("allow", "platforms"))
        for key, name in (("allow", "domains"), ("platforms", "platforms")):
            if key == "platforms" and "platforms" not in reader.data:
                values[name] = _default_platforms()
                continue
            domains = reader.strings(reader.data, (key,))
            for index, domain in enumerate(domains):
                if not re.fullmatch(r"[a-z0-9.-]+\.[a-z0-9-]+|[a-z0-9-]+", domain.lower()):
                    reader.problem((key, index), "pack.bad_domain", domain=domain)
            values[name] = tuple(d.lower().lstrip(".") for d in domains)
    if reader := readers.get("sources"):
        values["sources"] = _sources(reader)
    if reader := readers.get("advertising"):
        values["advertising"] = reader.term_list(reader.data, ())
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
    return RulePack(**values)


def _default_platforms() -> tuple[str, ...]:
    """The packaged ``platforms`` list, for a site whose domains.yaml has none."""
    loaded = load_yaml((DEFAULT_CHECKS / "domains.yaml").read_text("utf-8"))
    data = getattr(loaded, "data", None)
    platforms = data.get("platforms") if isinstance(data, dict) else None
    return tuple(str(d).lower() for d in platforms or ())


def _sources(reader: _PackReader) -> tuple[Source, ...]:
    reader.keys(reader.data, (), ("sources",))
    entries = reader.data.get("sources") or []
    if not isinstance(entries, list):
        reader.problem(
            ("sources",),
            "fm.wrong_type",
            field="sources",
            expected=reader._list_name(),
            found=_found(entries),
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


def _illegal(reader: _PackReader) -> tuple[tuple[TermList, ...], tuple[str, ...]]:
    reader.keys(reader.data, (), ("categories", "allow"))
    categories = reader.data.get("categories") or {}
    if not isinstance(categories, dict):
        reader.problem(
            ("categories",),
            "fm.wrong_type",
            field="categories",
            expected="name: {terms, patterns}",
            found=_found(categories),
        )
        return (), ()
    lists = []
    for name, table in categories.items():
        if not isinstance(table, dict):
            reader.problem(
                ("categories", name),
                "fm.wrong_type",
                field=f"categories.{name}",
                expected="{label, terms, patterns}",
                found=_found(table),
            )
            continue
        lists.append(reader.term_list(table, ("categories", name), label=str(name)))
    return tuple(lists), reader.strings(reader.data, ("allow",))


def _levels(reader: _PackReader, rule_codes: frozenset[str]) -> dict[str, Severity | None]:
    reader.keys(reader.data, (), ("levels",))
    table = reader.data.get("levels") or {}
    if not isinstance(table, dict):
        reader.problem(
            ("levels",),
            "fm.wrong_type",
            field="levels",
            expected="CODE: level",
            found=_found(table),
        )
        return {}
    levels = {}
    for code, level in table.items():
        code_text = str(code).upper()
        if level is False:  # YAML 1.1 reads a bare `off` as false
            level = "off"
        if code_text not in rule_codes:
            reader.problem(("levels", code), "pack.unknown_rule", code=code)
        elif str(level).lower() not in LEVELS:
            reader.problem(("levels", code), "pack.bad_level", code=code, level=level)
        else:
            levels[code_text] = LEVELS[str(level).lower()]
    return levels
