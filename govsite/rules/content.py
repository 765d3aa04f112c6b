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
from govsite.rules.matching import matcher_for
from govsite.rules.registry import PageContext, rule
from govsite.rules.texts import column_of, excerpt, page_spans

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
    商业广告、营销推广用语（词表见 `checks/advertising.yaml`），如“全网最低价”“限时抢购”
    “扫码领取”“招商加盟”。

    ## 为什么
    《办法》第二十一条禁止在政府网站刊登商业广告；第三十五条禁止从事商业活动。

    ## 示例
    本店全网最低价，限时抢购，扫码领取优惠券！

    ## 应改为
    删除商业推广内容；政策性补贴请写明政策依据和申领方式。
    ---
    ## What it finds
    Commercial advertising and marketing phrases (list in `checks/advertising.yaml`).

    ## Why
    Art. 21 forbids advertising on government sites; Art. 35 forbids commercial activity.

    ## Example
    全网最低价，限时抢购，扫码领取优惠券！

    ## Instead
    Remove the promotion.
    """
    yield from _terms(page, ctx, "AD001", matcher_for(ctx.pack.advertising), "ad.advertising", "")


@rule("AD002", "illegal-content", Severity.ERROR, article="第二十五条、第三十九条")
def illegal_content(page: Page, ctx: PageContext) -> Iterator[Problem]:
    """
    ## 查什么
    赌博、色情、诈骗等违法信息（词表和模式见 `checks/illegal.yaml`），包括黑客注入政府网页
    的博彩品牌垃圾信息（如标题中的“澳门新葡京官网_首存送88元”）。执法宣传用语
    （“严厉打击赌博”“扫黄打非”）不报。

    ## 为什么
    《办法》第三十九条：发现违法有害信息要立即处置；国家检查指标中，发布或链接反动、
    暴力、色情等内容直接单项否决。

    ## 示例
    title: 澳门新葡京官网_首存送88元_示例市教育体育局

    ## 应改为
    删除注入内容，按网络安全事件处置程序检查网站、报告主管部门。
    ---
    ## What it finds
    Gambling, pornography and fraud content (terms and patterns in `checks/illegal.yaml`),
    including casino-brand spam injected into hacked government pages. Enforcement
    language (严厉打击赌博, 扫黄打非) is not flagged.

    ## Why
    Art. 39: stop illegal information at once; the national indicators veto a site that
    publishes or links such content.

    ## Example
    `title: 澳门新葡京官网_首存送88元_示例市教育体育局`

    ## Instead
    Remove the injection and handle it as a security incident.
    """
    for terms in ctx.pack.illegal:
        matcher = matcher_for(terms, ctx.pack.illegal_allow)
        yield from _terms(page, ctx, "AD002", matcher, "ad.illegal", terms.label, links=True)


def _terms(
    page, ctx: PageContext, code: str, matcher, key: str, label: str, *, links: bool = False
):
    """One finding per line, naming every term found on it (a spam title often has three)."""
    places = [(span.line, span.text) for span in page_spans(page, ctx.facts, memo=ctx.memo)]
    if links and ctx.facts is not None:
        places += [(link.line, link.href) for link in ctx.facts.links]
    by_place: dict[int, list] = {}
    for index, match in matcher.find_in([text for _, text in places]):
        by_place.setdefault(index, []).append(match)
    for index, matches in sorted(by_place.items()):
        line, text = places[index]
        terms = list(dict.fromkeys(m.text for m in matches))
        first = min(matches, key=lambda m: m.start)
        column = column_of(page, line, first.text)
        quote = excerpt(text, first.start, len(first.text))
        message = ctx.t(key, term="”“".join(terms), label=label)
        yield Problem(code, line, column, message, excerpt=quote)


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
    for span in page_spans(page, ctx.facts, memo=ctx.memo):
        for match in _TAG.finditer(span.text):
            column = column_of(page, span.line, match.group(0))
            quote = excerpt(span.text, match.start(), len(match.group(0)), width=0)
            yield Problem("AD003", span.line, column, ctx.t(_html_kind(match)), excerpt=quote[:80])
            break  # one finding per line is enough to locate it


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
