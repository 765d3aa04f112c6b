"""The Jinja2 environment: the site's ``templates/`` first, the packaged theme second.

Autoescaping is on for every template and undefined variables are errors, so a
template mistake fails the build with its file and line instead of publishing a
half-empty page.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from govsite.config import SiteConfig

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
TEMPLATES_DIR = "templates"
ASSETS_DIR = "assets"


def template_dirs(root: Path) -> list[Path]:
    """Where templates are looked up, in order; the theme fills in what the site lacks."""
    dirs = [root / TEMPLATES_DIR]
    if THEME_DIR.is_dir() and THEME_DIR.resolve() != (root / TEMPLATES_DIR).resolve():
        dirs.append(THEME_DIR)
    return [d for d in dirs if d.is_dir()]


def make_environment(config: SiteConfig) -> Environment:
    loaders = [FileSystemLoader(str(d)) for d in template_dirs(config.root)]
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
