"""LD001: leaders' names, titles and order, against the roster ``checks/leaders.yaml``.

Writing a leader's name or title wrong is the first "serious wording error" (严重表述错误)
the national inspection vetoes a site for. The rule decides by context, so that
ordinary text sharing characters with a leader's name stays quiet: a name is only
judged where it stands right next to a leader's title (``副市长周建国``,
``周建国副市长``) or in a listing of leaders (``林海东、陈立群、周建国``). A title
prefixed by another place (``曲靖市副市长``) is about someone else and is left alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from govsite.content.model import Page, Problem
from govsite.findings import Severity
from govsite.roster import Leader, Roster
from govsite.rules.registry import PageContext, rule
from govsite.rules.texts import column_of, page_spans

OURS = ("本市", "我市", "全市")
PLACE_CHARS = "省市县区州"
# Characters that commonly stand right before a title without naming a place
# (会见市长…, 由市长…, 的市长…): a title after any other Chinese character, e.g. 昆明市长,
# is taken as another place's.
JOINERS = set("的了和与及在由向对将请称是为见同望取持席任经据按被让给跟请邀陪听问向并") | set(
    "、，,。；;：:“”‘’\"'（）()《》〈〉[]【】 \t—-"
)
SEPARATORS = re.compile(r"^[、，,和及与\s]*$")
# A title after these words is one the person held then (时任市长…), not their title now.
FORMER_MARKERS = ("时任", "原任", "前任", "曾任", "历任", "原")
# What may stand right before a name listed without a title (出席的有…、…): any other
# Chinese character makes the name part of a longer word (早高峰, 晚高峰).
LEAD_INS = JOINERS | set("有即")
CJK = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class Mention:
    """A name (as written) bound to a title, or standing in a listing."""

    start: int  # of the whole mention (title and name)
    end: int
    name_start: int
    written: str  # the name as written
    leader: Leader
    title: str  # "" when the name stands without a title
    exact: bool  # False: one character away from the leader's name


@rule(
    "LD001", "leader-name-or-title-wrong", Severity.ERROR, article="第二十条；国办秘函〔2019〕19号"
)
def leader_name_or_title_wrong(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    对照领导同志名册（`checks/leaders.yaml`，由市政府办公室维护），检查：
    - 名册中的姓名紧挨着一个不属于他的职务，例如周建国是副市长，却写成“市长周建国”；
      或写了已经卸任的职务（按本页的发布日期判断：发布时仍在任的，不报告）；
    - 紧挨着领导职务的姓名与名册中的姓名只差一个字（“杜家豪”写成“杜家毫”）；
    - 并列列出的多位领导同志没有按名册位次排列。

    只在“职务＋姓名”“姓名＋职务”或领导同志并列的上下文中判断，与领导同姓、同名用字相同的
    普通群众，或者姓名恰好是别的词的一部分（如“高峰期”），都不报告；前面写明其他地方的职务
    （“曲靖市副市长”）不是本市领导，也不报告。名册中的 `allow` 可以列出含有职务或姓名、
    但不指领导的固定说法（如“市长热线”）。省去单位的简称（市委书记写作“林海东书记”）不算错，
    省去“副”“常务”“代”等改变职级的字算错；“时任”“原”“前任”后面的职务只要此人担任过，
    也不报告。

    ## 为什么
    领导同志姓名、职务、排序错误是国家政府网站检查中“严重表述错误”的典型，一处即单项否决；
    《办法》第二十条要求上传前校对审核，严禁出现严重表述错误。

    ## 示例
    副市长周建国出席会议（名册中周建国已于 2025 年任常务副市长）；市长杜家毫调研；
    出席会议的有周建国、陈立群、林海东。

    ## 应改为
    常务副市长周建国出席会议；市长杜家豪调研；出席会议的有林海东、陈立群、周建国。
    ---
    ## What it finds
    Against the leaders' roster (`checks/leaders.yaml`, kept by the web office):
    - a roster name right next to a title that is not theirs, or a title they no longer
      held on the page's date (a page dated while they held it is fine);
    - a name next to a leader's title that is one character away from a roster name
      (杜家豪 written 杜家毫);
    - leaders listed together out of the roster's rank order.

    Only names standing next to a leader's title, or listed with other leaders, are
    judged: a citizen sharing a leader's surname, a name inside another word (高峰期)
    and a title of another place (曲靖市副市长) stay quiet. The roster's `allow` lists
    set phrases that contain a title or a name (市长热线). A title without its unit
    (林海东书记 for the 市委书记) is fine, one without a rank word (副, 常务, 代) is not;
    after 时任, 原 or 前任 any title the leader ever held is fine.

    ## Why
    A leader's name, title or order written wrong is the classic serious wording error
    the national inspection vetoes a site for; Art. 20 requires proofreading.

    ## Example
    市长杜家毫调研 (the roster has 杜家豪).

    ## Instead
    市长杜家豪调研.
    """
    roster = ctx.pack.leaders
    if not roster.leaders or page.meta is None:
        return
    on = page.meta.date
    for span in page_spans(page, ctx.facts, memo=ctx.memo):
        for problem in _judge_span(span.text, on, roster, ctx):
            message, needle, offset = problem
            column = column_of(page, span.line, needle)
            if column == 1 and needle not in page.source_line(span.line):
                column = offset + 1 if span.field == "body" else 1
            yield Problem("LD001", span.line, column, message, excerpt=needle)


def _judge_span(text: str, on: dt.date, roster: Roster, ctx: PageContext) -> Iterator[tuple]:
    scanner = _scanner(roster)
    if not scanner.names.search(text) and not scanner.titles.search(text):
        return
    allowed = (
        [range(m.start(), m.end()) for m in scanner.allow.finditer(text)] if scanner.allow else []
    )
    mentions = list(_mentions(text, on, scanner, allowed))
    for mention in mentions:
        if mention.title:
            found = _wrong(mention, on, ctx, text[: mention.start].endswith(FORMER_MARKERS))
            if found is not None:
                yield found, text[mention.start : mention.end], mention.start
    yield from _order(text, mentions, scanner, ctx)


@dataclass(frozen=True)
class _Scanner:
    roster: Roster
    titles: re.Pattern[str]
    names: re.Pattern[str]
    allow: re.Pattern[str] | None
    by_name: dict[str, Leader]


@cache
def _scanner(roster: Roster) -> _Scanner:
    def alternation(words) -> re.Pattern[str]:
        ordered = sorted(set(words), key=lambda w: (-len(w), w))
        return re.compile("|".join(map(re.escape, ordered)) or r"(?!)")

    return _Scanner(
        roster,
        alternation(roster.vocabulary),
        alternation(leader.name for leader in roster.leaders),
        alternation(roster.allow) if roster.allow else None,
        {leader.name: leader for leader in roster.leaders},
    )


def _inside(allowed: list[range], start: int, end: int) -> bool:
    return any(r.start <= start and end <= r.stop for r in allowed)


def _mentions(text: str, on: dt.date, scanner: _Scanner, allowed: list[range]) -> Iterator[Mention]:
    """Names bound to an adjacent title (exact or one character away), then names alone."""
    bound: set[int] = set()
    for match in scanner.titles.finditer(text):
        title, start, end = match.group(0), match.start(), match.end()
        if _inside(allowed, start, end):
            continue
        mention = _after(text, title, start, end, scanner) or _before(text, title, start, scanner)
        if mention is None or _inside(
            allowed, mention.name_start, mention.name_start + len(mention.written)
        ):
            continue
        prefix = text[: min(mention.start, mention.name_start)]
        if _other_place(prefix, title if mention.start == start else "", mention.leader):
            bound.add(mention.name_start)  # someone of another place: not judged at all
            continue
        bound.add(mention.name_start)
        yield mention
    for match in scanner.names.finditer(text):
        if match.start() in bound or _inside(allowed, match.start(), match.end()):
            continue
        before = text[match.start() - 1] if match.start() else ""
        if CJK.match(before) and before not in LEAD_INS:
            continue  # inside a longer word: 早高峰 is no listing of 高峰
        leader = scanner.by_name[match.group(0)]
        yield Mention(match.start(), match.end(), match.start(), match.group(0), leader, "", True)


SPACES = " \t\u3000\u00a0"  # captions and lists often put a space between title and name
MAX_GAP = 2


def _gap_after(text: str, end: int) -> int:
    rest = text[end : end + MAX_GAP + 1]
    gap = len(rest) - len(rest.lstrip(SPACES))
    return gap if gap <= MAX_GAP else 0


def _gap_before(text: str, start: int) -> int:
    rest = text[max(0, start - MAX_GAP - 1) : start]
    gap = len(rest) - len(rest.rstrip(SPACES))
    return gap if gap <= MAX_GAP else 0


def _after(text: str, title: str, start: int, end: int, scanner: _Scanner) -> Mention | None:
    """``副市长周建国`` (or ``副市长 周建国``): the name right after the title."""
    end += _gap_after(text, end)
    for leader in _by_length(scanner.roster):
        if text.startswith(leader.name, end):
            return Mention(start, end + len(leader.name), end, leader.name, leader, title, True)
    near = _near(text[end:], title, scanner, at_start=True)
    if near is not None:
        leader, written = near
        return Mention(start, end + len(written), end, written, leader, title, False)
    return None


def _before(text: str, title: str, start: int, scanner: _Scanner) -> Mention | None:
    """``周建国副市长`` (or ``周建国 副市长``): the name right before the title."""
    title_end = start + len(title)
    start -= _gap_before(text, start)
    for leader in _by_length(scanner.roster):
        if text.endswith(leader.name, 0, start):
            name_start = start - len(leader.name)
            return Mention(name_start, title_end, name_start, leader.name, leader, title, True)
    near = _near(text[:start], title, scanner, at_start=False)
    if near is not None:
        leader, written = near
        name_start = start - len(written)
        return Mention(name_start, title_end, name_start, written, leader, title, False)
    return None


def _by_length(roster: Roster) -> list[Leader]:
    return sorted(roster.leaders, key=lambda leader: -len(leader.name))


def _near(text: str, title: str, scanner: _Scanner, *, at_start: bool) -> tuple[Leader, str] | None:
    """A name one character away from a roster name, next to a title that leader holds or
    held (市长杜家毫 when 杜家豪 is 市长; 居委会主任陈立君 is not about 陈立群)."""
    for leader in _by_length(scanner.roster):
        size = len(leader.name)
        written = text[:size] if at_start else text[-size:] if size <= len(text) else ""
        if len(written) != size or not CJK.match(written) or written in scanner.by_name:
            continue
        if sum(a != b for a, b in zip(written, leader.name, strict=True)) != 1:
            continue
        if title not in leader.all_titles:
            continue
        return leader, written
    return None


def _other_place(prefix: str, title: str, leader: Leader) -> bool:
    """Whether the text before a title names a place other than the leader's own."""
    ours = (*leader.places, *OURS)
    if any(prefix.endswith(place) for place in ours):
        return False
    if title and title[0] in PLACE_CHARS and any((prefix + title[0]).endswith(p) for p in ours):
        return False  # 示例市委书记: 示例 + 市委书记
    if re.search(r"[\u4e00-\u9fff][省市县区州盟旗]$", prefix) and not prefix.endswith(
        ("城市", "各市")
    ):
        return True  # 曲靖市副市长
    unit = re.search(r"[\u4e00-\u9fff]{1,8}[会局委厅办院校司处科所站队村组部]$", prefix)
    if unit and unit.group(0)[-2:] not in leader.unit:
        return True  # 居委会主任, 县委书记: another unit's
    if title and title[0] in PLACE_CHARS and prefix and prefix[-1] not in JOINERS:
        return bool(CJK.match(prefix[-1]))  # 昆明市长
    return False


def _wrong(mention: Mention, on: dt.date, ctx: PageContext, former: bool = False) -> str | None:
    """What is wrong with a name and its title; ``former``: the text says the title was
    held then (时任市长…), so any title the leader ever held is right."""
    leader, title = mention.leader, mention.title
    written = mention.written
    if not mention.exact:
        return ctx.t("ld.near_name", written=written, name=leader.name, title=title)
    if leader.held_on(title, on) or (former and leader.ever_held(title)):
        return None
    current = "、".join(leader.current(on)) or "、".join(t.title for t in leader.titles)
    ended = [f for f in leader.former if f.title == title]
    if ended:
        last = max(ended, key=lambda f: f.until)
        return ctx.t(
            "ld.former_title",
            name=written,
            title=title,
            until=last.until.isoformat(),
            current=current,
            date=on.isoformat(),
        )
    starting = [t for t in leader.titles if t.title == title and t.since and t.since > on]
    if starting:
        return ctx.t(
            "ld.not_yet",
            name=written,
            title=title,
            since=starting[0].since.isoformat(),
            date=on.isoformat(),
        )  # type: ignore[union-attr]
    return ctx.t("ld.wrong_title", name=written, title=title, current=current)


def _order(
    text: str, mentions: list[Mention], scanner: _Scanner, ctx: PageContext
) -> Iterator[tuple]:
    """Leaders listed together (only separators, titles and 同志 between them) in rank order."""
    exact = sorted((m for m in mentions if m.exact), key=lambda m: m.name_start)
    groups: list[list[Mention]] = []
    for mention in exact:
        if groups and _joined(text[groups[-1][-1].end : mention.start], scanner):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    for group in groups:
        leaders = list(dict.fromkeys(m.leader for m in group))
        if len(leaders) < 2 or leaders == sorted(leaders, key=lambda leader: leader.order):
            continue
        expected = "、".join(
            leader.name for leader in sorted(leaders, key=lambda leader: leader.order)
        )
        written = "、".join(leader.name for leader in leaders)
        needle = text[group[0].start : group[-1].end]
        yield ctx.t("ld.order", written=written, expected=expected), needle, group[0].start


def _joined(gap: str, scanner: _Scanner) -> bool:
    gap = scanner.titles.sub("", gap).replace("同志", "")
    for place in {p for leader in scanner.roster.leaders for p in leader.places}:
        gap = gap.replace(place, "")
    return bool(SEPARATORS.match(gap))
