"""argparse's own words (``usage:``, ``options:``, ``error:``, "the following arguments
are required" …) in the run's language.

argparse looks its strings up through the module's ``_`` and ``ngettext`` (gettext) when
a parser is built, prints help or reports an error. :func:`speaking` points them at our
catalogue for the duration of a block and restores them after, so nothing outside the
command line changes. Strings only a programmer can cause (conflicting option names)
stay as argparse wrote them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from govsite.i18n import Translator

# argparse's msgid -> our message key (the English text of each key is the msgid itself)
MSGIDS: dict[str, str] = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "optional arguments": "argparse.options_old",
    "subcommands": "argparse.subcommands",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "the following arguments are required: %s": "argparse.required",
    "one of the arguments %s is required": "argparse.one_required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "not allowed with argument %s": "argparse.not_allowed",
    "ignored explicit argument %r": "argparse.ignored",
    "expected one argument": "argparse.expected_one",
    "expected at most one argument": "argparse.expected_at_most_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "unexpected option string: %s": "argparse.unexpected",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse.unknown_parser",
    "can't open '%(filename)s': %(error)s": "argparse.cannot_open",
}
PLURALS: dict[str, str] = {"expected %s argument": "argparse.expected_n"}


def translation(t: Translator) -> tuple[Callable[[str], str], Callable[[str, str, int], str]]:
    """``gettext`` and ``ngettext`` replacements speaking ``t``'s language."""

    def gettext(message: str) -> str:
        key = MSGIDS.get(message)
        return t(key) if key is not None else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        key = PLURALS.get(singular)
        if key is not None:
            return t(key)
        return singular if n == 1 else plural

    return gettext, ngettext


@contextmanager
def speaking(t: Translator) -> Iterator[None]:
    """argparse speaks ``t``'s language inside the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = translation(t)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, with the headings of a Chinese help ending in a full-width
    colon (argparse appends an ASCII ``:`` to every section title)."""

    chinese = False

    def format_help(self) -> str:
        text = super().format_help()
        if not self.chinese:
            return text
        return "\n".join(
            line[:-1] + "：" if line.endswith(":") and not line.startswith(" ") else line
            for line in text.split("\n")
        )


def formatter(t: Translator, *, raw: bool = False) -> type[argparse.HelpFormatter]:
    """The help formatter class for ``t``'s language (``raw``: descriptions and epilogs
    keep their line breaks, for examples of use)."""
    bases: tuple[type, ...] = (HelpFormatter,)
    if raw:
        bases += (argparse.RawDescriptionHelpFormatter,)
    return type("Formatter", bases, {"chinese": t.lang != "en"})
