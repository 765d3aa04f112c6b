"""The Jinja2 environment: the site's ``templates/`` first, the packaged theme second.

Autoescaping is on for every template and undefined variables are errors, so a
template mistake fails the build with its file and line instead of publishing a
half-empty page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
)
from jinja2.loaders import split_template_path

from govsite.config import SiteConfig
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
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base = config.site.base_path
    env.globals["url"] = lambda path: base + str(path).lstrip("/")
    env.globals["asset"] = lambda name: f"{base}{ASSETS_DIR}/{name}"
    return env
