"""AD001–AD003: no advertising, no illegal content, no raw HTML (Art. 21, 25, 34, 35, 39).

Hacked government pages typically carry casino-brand spam in the title and hidden
HTML elements in the body. Raw HTML never reaches a page (markdown-it escapes it), but
its presence in a source file is itself the alarm: AD003 refuses the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govsite.content.model import Page, Problem
from govsite.findings import Severity
from govsite.rulepack import RulePack, TermList
from govsite.rules.adshape import LABEL as SHAPE_LABEL
from govsite.rules.adshape import shaped
from govsite.rules.matching import Lines, Match, Matcher, by_identity, canonical, matcher_for
from govsite.rules.registry import PageContext, rule
from govsite.rules.texts import Published, excerpt, published_page
from govsite.textnorm import normalise

_TAG = re.compile(
    r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>|<!--|<\s*!\s*\[CDATA\[|<\?", re.DOTALL
)
_DANGEROUS_TAGS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
     "button", "meta", "link", "base", "style", "svg", "math", "marquee", "template"}
)  # fmt: skip
_EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_HIDDEN = re.compile(
    r"\bhidden\b|display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0"
    r"|(?:width|height)\s*:\s*0|text-indent\s*:\s*-\d|position\s*:\s*absolute",
    re.IGNORECASE,
)


@rule("AD001", "commercial-advertising", Severity.ERROR, article="第二十一条、第三十五条")
def commercial_advertising(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    商业广告和营销推广，按话术模式族查找（`checks/advertising.yaml`）：折扣促销（全场五折起、
    买一送一、满减、原价现价）、紧迫稀缺（限时秒杀、仅剩3件、手慢无）、引流领奖（扫码关注送
    礼品、下载注册送红包、集赞）、致富招商（月入过万、诚招代理、招商加盟）、绝对化用语（全网
    最低价、销量第一、药到病除）、购买引导、订购热线（订货电话、团购热线、批发电话、代理
    热线、微信订购，或“纯天然”“厂家直销”等产品卖点加销售、咨询电话）、医美整形的价格或效果
    承诺（无痕、无痛、永久）和预约热线，以及付费推广。消费券、
    补贴、以旧换新等政府通知，
    以及引用违法广告语的处罚决定、消费提示，因所在行有语境提示词（消费券、补贴、处罚、
    《广告法》、警惕……），不报。

    ## 为什么
    《办法》第二十一条禁止在政府网站刊登商业广告；第三十五条禁止从事商业活动。

    ## 示例
    本店全网最低价，限时秒杀，扫码关注送精美礼品！

    ## 应改为
    删除商业推广内容；政策性补贴请写明政策依据和申领方式。
    ---
    ## What it finds
    Commercial advertising, by pattern families (`checks/advertising.yaml`): discounts and
    price cuts, urgency and scarcity, lures to scan, follow, register or download for a
    gift, get-rich-quick and agent recruitment, superlatives, purchase prompts, ordering
    hotlines (订货电话, 团购热线, 批发电话, 代理热线, 微信订购, or a product's selling point
    such as 纯天然 or 厂家直销 with a sales or enquiry line), cosmetic surgery with a price or
    a promised result (无痕, 无痛, 永久) or a booking line, paid promotion.
    Consumption-subsidy notices and penalty decisions or warnings quoting an
    advertisement carry context cues on the line and are not flagged; government
    hotlines (12345, 12315) and procurement contacts are not ordering hotlines.

    ## Why
    Art. 21 forbids advertising on government sites; Art. 35 forbids commercial activity.

    ## Example
    全网最低价，限时秒杀，扫码关注送精美礼品！

    ## Instead
    Remove the promotion.
    """
    published = published_page(page, ctx.facts, memo=ctx.memo)
    illegal = _illegal(page, ctx)
    found = ctx.memo["advertising"]
    return advertising_problems(published, ctx.pack, ctx.t, {i for i, _, _ in illegal}, found)


@rule("AD002", "illegal-content", Severity.ERROR, article="第二十五条、第三十九条")
def illegal_content(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    违法有害信息（`checks/illegal.yaml`）：赌博（博彩平台品牌、网上赌场充值返水、体育外围
    投注、赢钱棋牌）、色情和色情服务、诈骗（刷单返利、网贷征信、套现）和违法服务（假证假
    发票、买卖银行卡和个人信息、“跑分”、考试作弊、黑客接单、游戏私服发布网）。拼音和谐音写的
    （`bocai`、`liuhecai`、`六盒彩`、`约pao`）也算。标题、正文、代码块、链接、
    表格、被拒绝的原始 HTML 和黑客注入的隐藏元素中都查；全角、零宽字符、HTML 实体、字间插入
    的空格符号和表情符号（`３６５ｂｅｔ`、`3 6 5 b e t`、`博​彩`、`百🎲家🎲乐`）都能识别。所在
    句子有宣传、警示、执法或否定的语境提示词（严厉打击、警惕、依法查处、破获、严禁、不要……）
    时不报，反诈、禁赌、扫黄宣传和执法通报可以照常点名这些违法行为；问句连同回答它的下一句
    一起看（“博彩网站”稳赚不赔？全是骗局！），但下一句只有“不要”“切勿”这类否定词的不算。

    ## 为什么
    《办法》第三十九条：发现违法有害信息要立即处置；国家检查指标中，发布或链接反动、
    暴力、色情等内容直接单项否决。

    ## 示例
    title: 365bet客户端_365bet体育官网平台_示例市教育体育局

    ## 应改为
    删除注入内容，按网络安全事件处置程序检查网站、报告主管部门。
    ---
    ## What it finds
    Illegal content (`checks/illegal.yaml`): gambling (casino brands, online casino top-ups
    and rebates, sports betting, card games for money), pornography and sex services, fraud
    (task and rebate scams, loans, cash-out) and illegal services (fake certificates and
    invoices, trading bank accounts or personal data, score running, exam cheating, hacking
    for hire, private game servers), also in pinyin and homophones (bocai, 六盒彩), in titles,
    body text, code blocks, links, tables, refused raw HTML and hidden elements; full-width
    letters, zero-width characters, entities, emoji and gaps inside a term are seen through.
    A sentence with a publicity, warning, enforcement or negation cue is not flagged, so
    anti-fraud and anti-gambling publicity can name the crimes; a question is read with the
    sentence answering it (“博彩网站”稳赚不赔？全是骗局！), unless that only negates (不要).

    ## Why
    Art. 39: stop illegal information at once; the national indicators veto a site that
    publishes or links such content.

    ## Example
    `title: 365bet客户端_365bet体育官网平台_示例市教育体育局`

    ## Instead
    Remove the injection and handle it as a security incident.
    """
    published = published_page(page, ctx.facts, memo=ctx.memo)
    problems = _grouped(published, _illegal(page, ctx), "AD002", "ad.illegal", ctx.t)
    external = (
        [link for link in ctx.facts.links if link.kind in ("external", "other")]
        if ctx.facts
        else []
    )
    if external:
        # link targets outside the site are published too (an injected casino domain)
        hrefs = [(link.line, link.href) for link in external]
        lines = Lines([href for _, href in hrefs])
        for index, terms, match in illegal_matches(lines, ctx.pack):
            line = hrefs[index][0]
            message = ctx.t("ad.illegal", term=_shown(match.text), label=terms.label)
            column = published.column(line, match.text)
            problems.append(Problem("AD002", line, column, message, excerpt=_shown(match.text)))
    return problems


def illegal_matches(lines: Lines, pack: RulePack) -> list[tuple[int, TermList, Match]]:
    """Illegal content in lines: ``(line index, category, match)``; allow phrases and
    context cues (publicity, warnings, enforcement) excuse a match."""
    return content_matches(lines, pack)[0]


def content_matches(lines: Lines, pack: RulePack):
    """Illegal content (AD002) and advertising (AD001) in lines, from one scan of every
    term and pattern of both lists; each list then applies its own allow phrases and
    context cues. Returns two lists of ``(line index, category or family, match)``."""
    scanner, owners = _scanner(pack.illegal, pack.illegal_allow, pack.advertising_families)
    spans = scanner.spans(lines)
    results = []
    owned: dict[tuple[int, str], bool] = {}  # (list, term): a term canonicalised once
    for number, (matcher, labels) in enumerate(owners):
        mine = []
        for span in spans:
            key = (number, span[2])
            mark = owned.get(key)
            if mark is None:
                mark = owned[key] = span[2] in labels or canonical(span[2]) in labels
            if mark:
                mine.append(span)
        results.append(_labelled(matcher.judge(lines, mine), labels))
    illegal, advertising = results
    # sentences shaped as advertisements that no listed phrase or pattern found
    skip = {index for index, _, _ in illegal} | {index for index, _, _ in advertising}
    for index, start, end in shaped(lines, _context(pack.advertising_families), skip):
        match = Match(start, lines.source(index)[start:end], SHAPE_TERM)
        advertising.append((index, _SHAPE, match))
    return illegal, advertising


@by_identity
def _context(families: tuple[TermList, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for family in families for c in family.context))


SHAPE_TERM = "(ad shape)"
_SHAPE = TermList(label=SHAPE_LABEL)


@by_identity
def _scanner(illegal: tuple[TermList, ...], allow: tuple[str, ...], families: tuple[TermList, ...]):
    lists = [_merged(illegal, allow), _merged(families, ())]
    terms = tuple(dict.fromkeys(t for merged, _ in lists for t in merged.terms))
    patterns = tuple(dict.fromkeys(p for merged, _ in lists for p in merged.patterns))
    owners = [(matcher_for(merged), labels) for merged, labels in lists]
    return Matcher(terms, patterns, ()), owners


def advertising_problems(
    published: Published, pack: RulePack, t, skip=frozenset(), found=None
) -> list[Problem]:
    """AD001 on published strings, by pattern family; lines that carry illegal content
    (``skip``) are AD002's, not advertising as well."""
    if found is None:
        found = content_matches(published.lines, pack)[1]
    found = [item for item in found if item[0] not in skip]
    return _grouped(published, found, "AD001", "ad.advertising", t)


@by_identity
def _merged(lists: tuple[TermList, ...], allow: tuple[str, ...]):
    """One list for several (so one scan finds them all) and the label of each entry."""
    merged = TermList(
        terms=tuple(dict.fromkeys(term for terms in lists for term in terms.terms)),
        patterns=tuple(p for terms in lists for p in terms.patterns),
        allow=tuple(dict.fromkeys([a for terms in lists for a in terms.allow] + list(allow))),
        context=tuple(dict.fromkeys(c for terms in lists for c in terms.context)),
        scope=next((terms.scope for terms in lists if terms.scope), ""),
    )
    labels: dict[str, TermList] = {}
    for terms in reversed(lists):  # the first list naming an entry gives its label
        labels.update({canonical(term): terms for term in terms.terms})
        labels.update({pattern.pattern: terms for pattern in terms.patterns})
    return merged, labels


def _labelled(found, labels: dict[str, TermList]) -> list[tuple[int, TermList, Match]]:
    fallback = TermList()
    return [
        (index, labels.get(match.term) or labels.get(canonical(match.term)) or fallback, match)
        for index, match in found
    ]


def _illegal(page: Page, ctx: PageContext) -> list[tuple[int, TermList, Match]]:
    if "illegal" not in ctx.memo:
        published = published_page(page, ctx.facts, memo=ctx.memo)
        ctx.memo["illegal"], ctx.memo["advertising"] = content_matches(published.lines, ctx.pack)
    return ctx.memo["illegal"]


def _grouped(published: Published, found, code: str, key: str, t) -> list[Problem]:
    """One finding per line, naming every term found on it (a spam title often has
    three), labelled with the first match's category or family."""
    by_line: dict[int, list[tuple[TermList, Match]]] = {}
    for index, terms, match in found:
        by_line.setdefault(index, []).append((terms, match))
    problems = []
    for index, matches in sorted(by_line.items()):
        span = published.spans[index]
        matches.sort(key=lambda pair: pair[1].start)
        terms = list(dict.fromkeys(_shown(m.text) for _, m in matches))
        label, first = matches[0][0].label, matches[0][1]
        message = t(key, term="”“".join(terms), label=label)
        if code == "AD001" and label:
            message = t("ad.advertising_family", term="”“".join(terms), label=label)
        column = published.column(span.line, first.text)
        quote = excerpt(span.text, first.start, len(first.text))
        problems.append(Problem(code, span.line, column, message, excerpt=_shown(quote)))
    return problems


def _shown(text: str) -> str:
    """A matched text as a message quotes it: invisible characters and entities resolved."""
    return normalise(text).text


@rule("AD003", "raw-html", Severity.ERROR, article="第三十四条、第三十九条")
def raw_html(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    Markdown 源文件或标题、摘要中的原始 HTML：脚本、iframe 等嵌入元素、隐藏元素
    （`hidden`、`display:none`、`font-size:0`……）、内联事件处理（`onclick=` 等），以及任何其他
    HTML 标签和注释。govsite 从不渲染原始 HTML，但它出现在源文件里，往往就是网页被篡改、
    注入暗链的迹象。

    ## 为什么
    《办法》第三十四条要求防范网页篡改；第三十九条要求发现违法信息立即处置。注入的隐藏
    元素是博彩暗链的常见手法。

    ## 示例
    ```
    <div style="display:none"><a href="https://casino.example">百家乐</a></div>
    ```

    ## 应改为
    删除 HTML，用 Markdown 书写：`**加粗**`、`[链接](../notice/x.md)`、`![图片说明](../media/a.png)`。
    ---
    ## What it finds
    Raw HTML in the Markdown source, title or summary: scripts and embeds, hidden elements
    (`hidden`, `display:none`, `font-size:0` …), inline event handlers (`onclick=` …), and any
    other tag or comment. govsite never renders raw HTML, but its presence in a source
    file is the mark of tampering and injected hidden links.

    ## Why
    Art. 34 (guard against tampering) and 39 (stop illegal information at once).

    ## Example
    `<div style="display:none"><a href="https://casino.example">百家乐</a></div>`

    ## Instead
    Remove the HTML; write Markdown.
    """
    return html_problems(published_page(page, ctx.facts, memo=ctx.memo), ctx.t)


def html_problems(published: Published, t) -> list[Problem]:
    """AD003 on published strings; a fenced code block shows code on purpose and is
    left alone (what it shows is still read by AD001, AD002 and PV)."""
    problems = []
    for span in published.spans:
        if span.kind == "code" or "<" not in span.text:
            continue
        for match in _TAG.finditer(span.text):
            column = published.column(span.line, match.group(0))
            quote = excerpt(span.text, match.start(), len(match.group(0)), width=0)
            problems.append(
                Problem("AD003", span.line, column, t(_html_kind(match)), excerpt=quote[:80])
            )
            break  # one finding per line is enough to locate it
    return problems


def _html_kind(match: re.Match[str]) -> str:
    name = (match.group(2) or "").lower()
    attributes = match.group(3) or ""
    if name in _DANGEROUS_TAGS:
        return "ad.html_dangerous"
    if _EVENT_HANDLER.search(attributes):
        return "ad.html_handler"
    if _HIDDEN.search(attributes):
        return "ad.html_hidden"
    return "ad.html"
