"""``site.toml`` → a frozen, typed :class:`SiteConfig`, with positioned errors.

Every problem names the key and its ``site.toml:line:col`` (STYLE 5), so a web officer
can fix the file without reading Python. Problems are collected, not raised one at a
time, so one run shows them all.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from govsite.attachments.model import Limits
from govsite.findings import mask_personal
from govsite.i18n import Translator
from govsite.yamlsource import DATE_MAX, DATE_MIN

CONFIG_NAME = "site.toml"
DEFAULT_TIMEZONE = "Asia/Shanghai"
COLUMN_KINDS = (
    "dynamic",
    "notice",
    "policy",
    "interpretation",
    "personnel",
    "planning",
    "guide",
    "rules",
    "other",
)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")  # \Z: "$" matches before a final "\n"
# GB 32100-2015: 18 characters, digits and capitals without I, O, Z, S, V; the prefix of
# every index number of the department (a malformed one made DS004 fire on every page).
CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}\Z")
RESERVED_DEPARTMENT_IDS = frozenset(
    {"assets", "columns", "disclosure", "sitemap", "annual-report", "new-media", "search", "feeds"}
)
RESERVED_COLUMN_IDS = frozenset({"media", "annual-report", "page"})
LANGUAGES = ("zh-CN", "en")  # the message catalogues govsite has (govsite.i18n)
# What ``language`` may say, letter case aside (BCP 47 as a web office writes it): Chinese
# in the mainland's script (zh, zh-CN, zh-Hans, zh-Hans-CN), or English (en, en-US,
# en-GB, en-001). Anything else ("fr", "zh-TW", "english") was taken for Chinese, or for
# English if it began with "en", without a word.
LANGUAGE_TAG = re.compile(
    r"(zh(-hans)?(-cn)?|en(-[a-z]{2}|-[0-9]{3})?)\Z", re.IGNORECASE | re.ASCII
)


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True)
class ConfigProblem:
    path: str
    line: int | None
    column: int | None
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", mask_personal(self.message))  # as every Finding

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.message}"


class ConfigError(Exception):
    """``site.toml`` cannot be used; carries every problem found (exit 2)."""

    def __init__(self, problems: list[ConfigProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class SiteIdentity:
    title: str
    base_url: str
    language: str = "zh-CN"
    site_code: str = ""
    icp: str = ""
    public_security: str = ""
    sponsor: str = ""
    operator: str = ""
    contact: str = ""
    address: str = ""
    timezone: str = DEFAULT_TIMEZONE  # IANA name: the audit log's times carry its offset

    @property
    def domain(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    @property
    def base_path(self) -> str:
        """The URL path the portal lives under, always ending with ``/``."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def public_security_code(self) -> str:
        """The 14 digits of the public-security filing number, for its lookup link."""
        match = re.search(r"\d{14}", self.public_security)
        return match.group(0) if match else ""


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    short_name: str
    credit_code: str = ""
    phones: tuple[str, ...] = ()
    columns: tuple[str, ...] | None = None  # None: every column of the site


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    kind: str
    disclosure: bool = False
    max_age_days: int | None = None
    description: str = ""
    interpretation_days: int | None = None  # IN001: days a policy may wait for its interpretation


@dataclass(frozen=True)
class CalendarOverrides:
    """``[calendar]``: holiday arrangements for years the library does not know yet."""

    holidays: tuple[dt.date, ...] = ()
    workdays: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class InspectionSettings:
    """``[inspection]``: thresholds of the national inspection checks (docs/inspection.md)."""

    backdating_tolerance_days: int = 3  # RV006: date earlier than the first commit by more
    archive_until: dt.date | None = None  # RV006: files first committed by then are the archive
    link_cache_days: int = 7  # govsite links --external: reuse a result this long
    link_timeout_seconds: int = 10
    link_per_host: int = 2  # concurrent requests to one host
    link_allow_private: bool = False  # request private / link-local addresses too
    new_media_silence_days: int = 14  # NM005: the inspection's two weeks


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    site: SiteIdentity
    departments: tuple[Department, ...]
    columns: tuple[Column, ...]
    calendar: CalendarOverrides = field(default_factory=CalendarOverrides)
    config_path: Path = field(default=Path(CONFIG_NAME))
    attachments: Limits = field(default_factory=Limits)  # [attachments]
    inspection: InspectionSettings = field(default_factory=InspectionSettings)

    def department(self, dept_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == dept_id), None)

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)

    def columns_of(self, dept: Department) -> tuple[Column, ...]:
        if dept.columns is None:
            return self.columns
        return tuple(c for c in self.columns if c.id in dept.columns)

    def places(self, dept_id: str, column_id: str) -> bool:
        """Whether ``content/<dept_id>/<column_id>/`` is a column the department opened
        (where an item is published)."""
        dept = self.department(dept_id)
        column = self.column(column_id)
        return dept is not None and column is not None and column in self.columns_of(dept)

    @property
    def official_phones(self) -> frozenset[str]:
        phones = {self.site.contact} | {p for d in self.departments for p in d.phones}
        return frozenset(p for p in phones if p)


# ---------------------------------------------------------------- positions


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^(\s*)([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")


def key_positions(text: str) -> dict[tuple, Position]:
    """Map key paths such as ``("departments", 2, "name")`` to where they are written.

    ``tomllib`` gives no positions; this scan covers the forms a web office writes
    (tables, arrays of tables, ``key = value`` lines). Anything else falls back to
    the nearest enclosing table.
    """
    positions: dict[tuple, Position] = {}
    array_counts: dict[tuple, int] = {}
    current: tuple = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = tuple(part.strip().strip('"') for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = array_counts.get(names, 0)
                array_counts[names] = index + 1
                current = (*names, index)
            else:
                current = names
            positions[current] = Position(number, line.index("[") + 1)
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(2).strip('"')
            positions[(*current, name)] = Position(number, len(key.group(1)) + 1)
    return positions


# ---------------------------------------------------------------- loading


@dataclass(frozen=True)
class _Field:
    name: str
    kind: type | str  # str, int, bool, or "str-list"
    required: bool = False  # required strings must also be non-empty
    choices: tuple[str, ...] = ()
    bounds: tuple[int, int] | None = None  # inclusive range of an int
    pattern: re.Pattern[str] | None = None  # a non-empty string must match it whole
    shape: tuple[str, str] = ("", "")  # what ``pattern`` asks for, in words (zh, en)


_SITE_FIELDS = (
    _Field("title", str, required=True),
    _Field("base_url", str, required=True),
    _Field("language", str),
    _Field("site_code", str),
    _Field("icp", str),
    _Field("public_security", str),
    _Field("sponsor", str),
    _Field("operator", str),
    _Field("contact", str),
    _Field("address", str),
    _Field("timezone", str),
)
_DEPARTMENT_FIELDS = (
    _Field("id", str, required=True),
    _Field("name", str, required=True),
    _Field("short_name", str),
    _Field(
        "credit_code",
        str,
        pattern=CREDIT_CODE,
        shape=(
            "18 位统一社会信用代码（数字和大写字母，不含 I、O、Z、S、V）",
            "an 18-character unified social credit code",
        ),
    ),
    _Field("phones", "str-list"),
    _Field("columns", "str-list"),
)
_COLUMN_FIELDS = (
    _Field("id", str, required=True),
    _Field("title", str, required=True),
    _Field("kind", str, required=True, choices=COLUMN_KINDS),
    _Field("disclosure", bool),
    _Field("max_age_days", int, bounds=(1, 3660)),
    _Field("description", str),
    _Field("interpretation_days", int),
)
_CALENDAR_FIELDS = (
    _Field("holidays", "date-list"),
    _Field("workdays", "date-list"),
)
_ATTACHMENT_FIELDS = tuple(_Field(name, int) for name in Limits.names())  # checked by Limits
_INSPECTION_FIELDS = (  # bounded, so no date arithmetic can overflow
    _Field("backdating_tolerance_days", int, bounds=(0, 3660)),
    _Field("archive_until", "date"),
    _Field("link_cache_days", int, bounds=(0, 3660)),
    _Field("link_timeout_seconds", int, bounds=(1, 600)),
    _Field("link_per_host", int, bounds=(1, 1000)),
    _Field("link_allow_private", bool),
    _Field("new_media_silence_days", int, bounds=(1, 3660)),
)
_TOP_LEVEL = ("site", "departments", "columns", "calendar", "inspection", "attachments")
_TYPE_NAMES = {
    str: ("文本", "text"),
    int: ("整数", "an integer"),
    bool: ("布尔值 true/false", "a boolean"),
    "str-list": ("文本列表", "a list of texts"),
    "date-list": ("日期列表（如 [2027-01-01]）", "a list of dates (e.g. [2027-01-01])"),
    "date": ("日期（如 2026-11-26，不加引号）", "a date (e.g. 2026-11-26, unquoted)"),
    "table": ("表 [table]", "a table"),
    "array": ("表数组 [[…]]", "an array of tables"),
}


class _Loader:
    """Walks the parsed TOML once, checking it against the field specs."""

    def __init__(self, text: str, config_path: str, t: Translator):
        self.positions = key_positions(text)
        self.config_path = config_path
        self.t = t
        self.problems: list[ConfigProblem] = []

    def problem(self, key_path: tuple, key: str, message_key: str, **params: Any) -> None:
        position = self._position(key_path)
        self.problems.append(
            ConfigProblem(
                self.config_path,
                position.line if position else None,
                position.column if position else None,
                self.t(message_key, key=key, **params),
            )
        )

    def _position(self, key_path: tuple) -> Position | None:
        while key_path:
            if key_path in self.positions:
                return self.positions[key_path]
            key_path = key_path[:-1]
        return None

    def hint(self, value: str, choices: tuple[str, ...] | list[str]) -> str:
        return self.t.did_you_mean(value, choices)

    def type_name(self, kind: type | str) -> str:
        zh, en = _TYPE_NAMES[kind]
        return en if self.t.lang == "en" else zh

    def table(self, data: dict, key_path: tuple, specs: tuple[_Field, ...]) -> dict[str, Any]:
        """Check one table against its specs; return the good values."""
        label = "".join(f".{k}" if isinstance(k, str) else f"[{k}]" for k in key_path)[1:]
        names = [spec.name for spec in specs]
        for key in data:
            if key not in names:
                self.problem(
                    (*key_path, key),
                    f"{label}.{key}",
                    "config.unknown_key",
                    hint=self.hint(key, names),
                )
        values: dict[str, Any] = {}
        for spec in specs:
            dotted = f"{label}.{spec.name}"
            if spec.name not in data:
                if spec.required:
                    self.problem(key_path, dotted, "config.missing_key")
                continue
            value = data[spec.name]
            if not _is_kind(value, spec.kind):
                self.problem(
                    (*key_path, spec.name),
                    dotted,
                    "config.wrong_type",
                    expected=self.type_name(spec.kind),
                    found=_found_name(value, self.t),
                )
                continue
            if spec.required and isinstance(value, str) and not value.strip():
                self.problem((*key_path, spec.name), dotted, "config.empty_value")
                continue
            if spec.kind in ("date", "date-list") and not all(
                DATE_MIN <= day <= DATE_MAX
                for day in (value if isinstance(value, list) else [value])
            ):
                self.problem(
                    (*key_path, spec.name),
                    dotted,
                    "config.out_of_range",
                    low=DATE_MIN.isoformat(),
                    high=DATE_MAX.isoformat(),
                )
                continue
            if spec.bounds and not spec.bounds[0] <= value <= spec.bounds[1]:
                low, high = spec.bounds
                self.problem(
                    (*key_path, spec.name), dotted, "config.out_of_range", low=low, high=high
                )
                continue
            if spec.choices and value not in spec.choices:
                self.problem(
                    (*key_path, spec.name),
                    dotted,
                    "config.bad_choice",
                    value=value,
                    choices=", ".join(spec.choices),
                    hint=self.hint(value, spec.choices),
                )
                continue
            if spec.pattern is not None and value and not spec.pattern.match(value):
                self.problem(
                    (*key_path, spec.name),
                    dotted,
                    "config.bad_format",
                    value=value,
                    expected=spec.shape[1 if self.t.lang == "en" else 0],
                )
                continue
            if spec.kind in ("str-list", "date-list"):
                value = tuple(value)
            values[spec.name] = value
        return values


def _is_kind(value: Any, kind: type | str) -> bool:
    if kind == "str-list":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "date-list":
        return isinstance(value, list) and all(
            isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in value
        )
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)  # type: ignore[arg-type]


def _found_name(value: Any, t: Translator | None = None) -> str:
    """What was found, in words (``文本 'x'``), never a Python type name."""
    from govsite.values import describe

    return describe(value, t or Translator())


def load_config(root: Path, t: Translator | None = None) -> SiteConfig:
    """Read ``root/site.toml``; raise :class:`ConfigError` listing every problem."""
    t = t or Translator()
    path = root / CONFIG_NAME
    try:
        if not path.is_file():  # a folder, or a FIFO that would block the read forever
            raise FileNotFoundError(path)
        raw = path.read_bytes()
    except OSError:
        raise ConfigError(
            [ConfigProblem(CONFIG_NAME, None, None, t("config.missing_file", path=path))]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise ConfigError(
            [
                ConfigProblem(
                    CONFIG_NAME,
                    None,
                    None,
                    t("fm.not_utf8", line=raw[: error.start].count(b"\n") + 1),
                )
            ]
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([_toml_syntax_problem(error, text, t)]) from None
    loader = _Loader(text, CONFIG_NAME, t)
    config = _build(root, data, loader)
    if loader.problems:
        raise ConfigError(loader.problems)
    assert config is not None
    return config


_TOML_PROBLEMS = (  # tomllib's message → what a web officer should do about it
    ("Expected '=' after a key", "toml.expected_equals"),
    ("Invalid value", "toml.invalid_value"),
    ("Unterminated string", "toml.unterminated_string"),
    ("Illegal character '\\n'", "toml.unterminated_string"),
    ("Unclosed array", "toml.unclosed"),
    ("Unclosed inline table", "toml.unclosed"),
    ("Cannot declare", "toml.declared_twice"),
    ("Cannot overwrite a value", "toml.declared_twice"),
    ("Invalid date or datetime", "toml.bad_date"),
    ("Expected newline or end of document", "toml.one_per_line"),
    ("Unescaped '\\'", "toml.backslash"),
)
_FULL_WIDTH = re.compile("[＝：“”‘’［］，]")


def _toml_syntax_problem(error: tomllib.TOMLDecodeError, text: str, t: Translator) -> ConfigProblem:
    # Python 3.11's TOMLDecodeError carries its position only in the message text.
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
    line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
    detail = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
    source = text.split("\n")[line - 1] if line and line <= text.count("\n") + 1 else ""
    full_width = _FULL_WIDTH.search(source)
    if full_width:  # the commonest mistake of a Chinese keyboard: say it, at its column
        char = full_width.group(0)
        hint = t("toml.full_width", char=char)
        return ConfigProblem(
            CONFIG_NAME, line, full_width.start() + 1, t("config.toml_syntax", detail=hint)
        )
    key = next((key for known, key in _TOML_PROBLEMS if detail.startswith(known)), None)
    message = t("config.toml_syntax", detail=t(key) if key else detail)
    return ConfigProblem(CONFIG_NAME, line, column, message)


def _build(root: Path, data: dict, loader: _Loader) -> SiteConfig | None:
    for key in data:
        if key not in _TOP_LEVEL:
            loader.problem((key,), key, "config.unknown_key", hint=loader.hint(key, _TOP_LEVEL))
    site_table = data.get("site")
    if not isinstance(site_table, dict):
        loader.problem(("site",), "site", "config.missing_key")
        return None
    site_values = loader.table(site_table, ("site",), _SITE_FIELDS)
    calendar_table = data.get("calendar", {})
    calendar_values = {}
    if isinstance(calendar_table, dict):
        calendar_values = loader.table(calendar_table, ("calendar",), _CALENDAR_FIELDS)
    else:
        loader.problem(
            ("calendar",),
            "calendar",
            "config.wrong_type",
            expected=loader.type_name("table"),
            found=_found_name(calendar_table, loader.t),
        )
    inspection_values = _inspection(data, loader)
    departments = _array(data, "departments", _DEPARTMENT_FIELDS, loader)
    columns = _array(data, "columns", _COLUMN_FIELDS, loader)
    limits = _attachment_limits(data.get("attachments", {}), loader)
    _check_ids(departments, "departments", RESERVED_DEPARTMENT_IDS, loader)
    _check_ids(columns, "columns", RESERVED_COLUMN_IDS, loader)
    for index, column in enumerate(columns):
        if column.get("interpretation_days", 0) < 0:
            loader.problem(
                ("columns", index, "interpretation_days"),
                f"columns[{index}].interpretation_days",
                "config.bad_value",
                detail=loader.t("config.at_least", minimum=0),
            )
            del column["interpretation_days"]
    _check_base_url(site_values.get("base_url", ""), loader)
    _check_timezone(site_values.get("timezone", DEFAULT_TIMEZONE), loader)
    _check_language(site_values.get("language", "zh-CN"), loader)
    column_ids = [c.get("id") for c in columns]
    for index, dept in enumerate(departments):
        for column_id in dept.get("columns") or ():
            if column_id not in column_ids:
                loader.problem(
                    ("departments", index, "columns"),
                    f"departments[{index}].columns",
                    "config.bad_choice",
                    value=column_id,
                    choices=", ".join(str(c) for c in column_ids),
                    hint=loader.hint(column_id, [str(c) for c in column_ids]),
                )
    if loader.problems:
        return None
    return SiteConfig(
        root=root,
        site=SiteIdentity(**site_values),
        departments=tuple(Department(**{"short_name": d["name"], **d}) for d in departments),
        columns=tuple(Column(**c) for c in columns),
        calendar=CalendarOverrides(**calendar_values),
        inspection=InspectionSettings(**inspection_values),
        attachments=limits,
    )


def _inspection(data: dict, loader: _Loader) -> dict[str, Any]:
    """``[inspection]``: every value a non-negative number of days (or a date)."""
    table = data.get("inspection", {})
    if not isinstance(table, dict):
        loader.problem(
            ("inspection",),
            "inspection",
            "config.wrong_type",
            expected=loader.type_name("table"),
            found=_found_name(table),
        )
        return {}
    values = loader.table(table, ("inspection",), _INSPECTION_FIELDS)
    for name, value in list(values.items()):
        minimum = 1 if name in ("link_timeout_seconds", "link_per_host") else 0
        if isinstance(value, int) and value < minimum:
            loader.problem(
                ("inspection", name),
                f"inspection.{name}",
                "config.bad_value",
                detail=loader.t("config.at_least", minimum=minimum),
            )
            del values[name]
    return values


def _attachment_limits(table: Any, loader: _Loader) -> Limits:
    """``[attachments]``: positive whole numbers, each with a default."""
    if not isinstance(table, dict):
        loader.problem(
            ("attachments",),
            "attachments",
            "config.wrong_type",
            expected=loader.type_name("table"),
            found=_found_name(table),
        )
        return Limits()
    values = loader.table(table, ("attachments",), _ATTACHMENT_FIELDS)
    for key, value in list(values.items()):
        if value < 1:
            loader.problem(
                ("attachments", key),
                f"attachments.{key}",
                "config.bad_value",
                detail=loader.t("config.positive_limit", value=value),
            )
            del values[key]
    return Limits(**values)


def _array(data: dict, name: str, specs: tuple[_Field, ...], loader: _Loader) -> list[dict]:
    items = data.get(name, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        loader.problem(
            (name,),
            name,
            "config.wrong_type",
            expected=loader.type_name("array"),
            found=_found_name(items, loader.t),
        )
        return []
    return [loader.table(item, (name, index), specs) for index, item in enumerate(items)]


def _check_ids(items: list[dict], name: str, reserved: frozenset[str], loader: _Loader) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        value = item.get("id")
        if value is None:
            continue
        key_path = (name, index, "id")
        key = f"{name}[{index}].id"
        if not ID_PATTERN.match(value):
            loader.problem(key_path, key, "config.bad_id", id=value)
        elif value in reserved:
            loader.problem(
                key_path, key, "config.reserved_id", id=value, reserved=", ".join(sorted(reserved))
            )
        elif value in seen:
            loader.problem(key_path, key, "config.duplicate_id", what=name, id=value)
        seen.add(value)


def _check_base_url(base_url: str, loader: _Loader) -> None:
    try:
        parts = urlsplit(base_url)
        bad = parts.scheme not in ("http", "https") or not parts.hostname
        bad = bad or any(c.isspace() or c in "\"'<>\\" for c in base_url)
        # the address of a public site: no password (the sitemap would publish it), no
        # query or fragment (every URL is built by appending paths), a real port
        bad = bad or "@" in parts.netloc or bool(parts.query or parts.fragment)
        bad = bad or parts.port == 0
    except ValueError:  # e.g. "https://[bad/": an unclosed IPv6 bracket, a port > 65535
        bad = True
    if base_url and bad:
        loader.problem(
            ("site", "base_url"),
            "site.base_url",
            "config.bad_value",
            detail=loader.t("config.base_url"),
        )


def _check_language(code: str, loader: _Loader) -> None:
    """``site.language`` must be one govsite speaks: zh-CN (Chinese, the default) or en
    (English), in any letter case, with a region as BCP 47 writes it (``en-US``)."""
    if not LANGUAGE_TAG.match(code):
        loader.problem(
            ("site", "language"),
            "site.language",
            "config.bad_choice",
            value=code,
            choices=", ".join(LANGUAGES),
            hint=loader.hint(code, LANGUAGES),
        )


def _check_timezone(name: str, loader: _Loader) -> None:
    """``site.timezone`` must name an IANA time zone (``Asia/Shanghai``)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        loader.problem(
            ("site", "timezone"),
            "site.timezone",
            "config.bad_value",
            detail=loader.t("config.timezone", value=name),
        )
