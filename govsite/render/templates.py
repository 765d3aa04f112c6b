"""The Jinja2 environment: the site's ``templates/`` first, the packaged theme second.

Autoescaping is on for every template and undefined variables are errors, so a
template mistake fails the build with its file and line instead of publishing a
half-empty page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    UndefinedError,
)
from jinja2.loaders import split_template_path
from jinja2.utils import missing

from govsite.config import SiteConfig
from govsite.i18n import Translator
from govsite.safepath import NotRegularFile, SymlinkRefused, read_regular

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
TEMPLATES_DIR = "templates"
ASSETS_DIR = "assets"


def template_dirs(root: Path) -> list[Path]:
    """Where templates are looked up, in order; the theme fills in what the site lacks."""
    dirs = [root / TEMPLATES_DIR]
    if THEME_DIR.is_dir() and THEME_DIR.resolve() != (root / TEMPLATES_DIR).resolve():
        dirs.append(THEME_DIR)
    return [d for d in dirs if d.is_dir()]


class SiteTemplateLoader(FileSystemLoader):
    """The site's ``templates/``, read like every site file: never through a symbolic link
    inside it, only regular files (a template linked to ``/etc/passwd`` is an error)."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        base = Path(self.searchpath[0])
        rel = "/".join(split_template_path(template))
        try:
            data = read_regular(base, rel)
        except (SymlinkRefused, NotRegularFile):
            raise TemplateError(
                f"{TEMPLATES_DIR}/{rel}: a symbolic link or not a regular file; refused"
            ) from None
        except OSError:
            raise TemplateNotFound(template) from None
        filename = str(base / rel)
        mtime = os.path.getmtime(filename)

        def uptodate() -> bool:
            try:
                return os.path.getmtime(filename) == mtime
            except OSError:
                return False

        return data.decode("utf-8"), filename, uptodate


def make_environment(config: SiteConfig) -> Environment:
    site_templates = config.root / TEMPLATES_DIR
    loaders = [
        SiteTemplateLoader(str(d)) if d == site_templates else FileSystemLoader(str(d))
        for d in template_dirs(config.root)
    ]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=NamedUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Read once per environment: a build makes its own, the live preview a new one
        # when a template changes (govsite.live). Checking every template's mtime at each
        # of 10,000 renders was a stat call per template per page.
        auto_reload=False,
    )
    base = config.site.base_path
    env.globals["url"] = lambda path: base + str(path).lstrip("/")
    env.globals["asset"] = lambda name: f"{base}{ASSETS_DIR}/{name}"
    return env


class MissingName(UndefinedError):
    """A template used a name that is not there: ``name`` alone (a variable), or an
    attribute or key ``name`` of ``owner``."""

    def __init__(self, name: str, owner: Any):
        super().__init__(f"{name!r} is undefined")
        self.name = name
        self.owner = owner

    @property
    def is_variable(self) -> bool:
        return self.owner is missing

    def available(self) -> list[str]:
        """The names the owner does have (fields of a view, keys of a mapping)."""
        owner = self.owner
        if is_dataclass(owner) and not isinstance(owner, type):
            names = [f.name for f in fields(owner)]
            names += [n for n in dir(type(owner)) if isinstance(getattr(type(owner), n), property)]
            return sorted(n for n in set(names) if not n.startswith("_"))
        if isinstance(owner, dict):
            return sorted(str(k) for k in owner)
        return []


class NamedUndefined(StrictUndefined):
    """StrictUndefined whose error says which name was missing, and where from."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: type[UndefinedError] = UndefinedError,
    ):
        super().__init__(hint, obj, name, exc)
        if exc is UndefinedError:  # Jinja raises ``self._undefined_exception(message)``
            self._undefined_exception = lambda message: MissingName(str(name), obj)  # type: ignore[assignment]


# What a template's objects are, in words (the template contract's names, not Python's).
OWNER_WORDS = {
    "ItemView": ("稿件", "the item"),
    "DepartmentView": ("部门", "the department"),
    "ColumnView": ("栏目", "the column"),
    "SourceView": ("转载来源", "the source"),
    "Crumb": ("导航路径项", "the breadcrumb"),
    "PageLink": ("分页链接", "the page link"),
    "ColumnBlock": ("栏目区块", "the column block"),
    "SiteIdentity": ("站点信息 site", "site"),
    "dict": ("这个映射", "this mapping"),
}


def describe_missing(error: MissingName, t: Translator) -> str:
    """``稿件没有 `nope` 这一项（可用：body、column …）`` — never a Python type name."""
    if error.is_variable:
        return t("template.no_variable", name=error.name)
    zh, en = OWNER_WORDS.get(type(error.owner).__name__, ("这个值", "this value"))
    what = en if t.lang == "en" else zh
    available = error.available()
    hint = t.did_you_mean(error.name, available) if available else ""
    listed = t.join(available) if available else "—"
    return t("template.no_attribute", what=what, name=error.name, available=listed, hint=hint)
