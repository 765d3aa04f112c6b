"""The progress line: on a terminal only, after a delay, erased at the end."""

from __future__ import annotations

import io

from govsite.i18n import Translator
from govsite.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_on_a_terminal_is_drawn_and_erased():
    stream = Terminal()
    progress = Progress(Translator("zh"), stream, delay=0)
    progress.total("checked", 10_000)
    progress.advance("checked", 2_500)
    progress.stage("site")
    progress.close()
    text = stream.getvalue()
    assert "检查 2500/10000 个页面" in text and "全站规则检查中" in text
    assert text.endswith("\r\x1b[K")


def test_progress_line_in_english():
    stream = Terminal()
    progress = Progress(Translator("en"), stream, delay=0)
    progress.total("indexed", 17)
    progress.advance("indexed", 3)
    assert "indexed 0/17 departments" in stream.getvalue()


def test_no_progress_line_when_not_a_terminal_or_quiet_or_quick():
    for stream, enabled, delay in (
        (io.StringIO(), None, 0),  # not a terminal (CI logs)
        (Terminal(), False, 0),  # --quiet
        (Terminal(), None, 60),  # a build of a few seconds
    ):
        progress = Progress(Translator(), stream, enabled=enabled, delay=delay)
        progress.total("checked", 10)
        progress.advance("checked", 10)
        progress.close()
        assert stream.getvalue() == ""
