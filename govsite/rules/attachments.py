"""AT001–AT006: attachments are checked as strictly as pages, and published safely
(Art. 21, 34, 39).

Attachments are read once per check (``ctx.attachments``, an AttachmentShelf); their
text goes through the page detectors, and what those find carries their own codes
(PV001 for an ID number in a spreadsheet, AD002 for gambling spam in a PDF …), placed at
the attachment's paragraph, page, line or row. The AT rules report what only files have:
formats that cannot be checked or must not be published (AT001), hidden content (AT002),
tracked changes and comments (AT003), metadata that names people (AT004), what the
published copy of a photo leaves out (AT005), files no page uses (AT006).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby

from govsite.attachments.media import AttachmentShelf, referenced
from govsite.attachments.model import AttachmentText, Chunk
from govsite.attachtext import judged
from govsite.content.model import Problem
from govsite.findings import Severity
from govsite.identifiers import find_identifiers, mask
from govsite.rules.matching import matcher_for, swap_matcher
from govsite.rules.privacy import KINDS, reportable
from govsite.rules.registry import SiteContext, rule

LONG_NUMBER = re.compile(r"\d{7,}")
FIX_BY_KIND = {"docx": "docx", "xlsx": "xlsx", "pdf": "pdf", "video": "video"}


def _shelf(ctx: SiteContext) -> AttachmentShelf:
    shelf = ctx.attachments
    return shelf if isinstance(shelf, AttachmentShelf) else AttachmentShelf(ctx.config.root)


def _used(ctx: SiteContext) -> list[str]:
    """The attachments the checked pages and reports use, in path order."""
    shelf = _shelf(ctx)
    key = (id(ctx.pages), len(ctx.pages), id(ctx.facts))
    if key not in shelf.used:
        used = referenced(ctx.pages, ctx.facts, ctx.reports, shelf.paths)
        shelf.used[key] = [rel for rel in shelf.paths if rel in used]
    return shelf.used[key]


def _texts(ctx: SiteContext, *, used_only: bool = False) -> Iterator[tuple[str, AttachmentText]]:
    """Every media file of a known department, read: published or not, a file committed
    to the repository is public to everyone who can read it (an orphan's ID numbers are
    errors too). ``used_only``: the files pages use (what is published)."""
    shelf = _shelf(ctx)
    for rel in _used(ctx) if used_only else shelf.paths:
        yield rel, shelf.read(rel)


@rule(
    "AT001",
    "unchecked-attachment",
    Severity.WARNING,
    article="第二十一条、第三十四条、第三十九条",
    scope="site",
)
def unchecked_attachment(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    `media/` 中的附件无法检查，或不允许发布。按文件内容识别格式，不看扩展名。

    - 无法读取（警告，照常发布但未经检查）：旧版 `.doc`/`.xls`/`.ppt`、WPS 的 `.wps`/`.et`、
      RTF、演示文稿、OFD、压缩包（`.zip`/`.rar`/`.7z`）、加密文件、扫描的 PDF（没有文字层）、
      HEIC 图片、无法识别的格式。提示写明原因和办法（另存为 .docx/.xlsx、导出文字版 PDF）。
    - 拒绝发布（错误，文件不会被发布）：可执行程序（改了扩展名也一样）、HTML 网页、
      含脚本或外部引用的 SVG、浏览器会执行的 XML、带宏的 Office 文件、超出
      `site.toml` `[attachments]` 限额的文件（压缩炸弹、像素过多的图片、嵌套过深的 PDF）。

    可以读取的附件（.docx、.xlsx、.pdf、文本、SVG）逐段、逐页、逐行、逐个单元格检查个人信息
    （PV001–PV005）、广告和违法信息（AD001、AD002）、表述错误（WD001、WD002），用这些
    规则的代码报告。关闭 AT001 也就不再读取附件。

    ## 为什么
    《办法》第二十一条禁止发布个人隐私，附件也不例外：名单多以附件发布；无法检查的文件
    就无法保证合规。第三十四条、第三十九条：网页、脚本、可执行程序会以门户网站的域名运行，
    是挂马和植入违法信息的途径。

    ## 示例
    `content/edu/media/名单.doc` 是旧版 Word 文档；`content/edu/media/通知.pdf` 实际是
    可执行程序。

    ## 应改为
    另存为 `.docx`/`.xlsx`，或由原文档直接导出 PDF；可执行程序、网页不放进 `media/`。
    ---
    ## What it finds
    An attachment in `media/` that cannot be checked, or must not be published. The
    format is sniffed from the content, not the name.

    - Unreadable (warning; published unchecked): old `.doc`/`.xls`/`.ppt`, WPS
      `.wps`/`.et`, RTF, presentations, OFD, archives, encrypted files, scanned PDFs
      without text, HEIC, unknown formats. The message gives the reason and the fix.
    - Refused (error; never published): executables (whatever their name), HTML, SVG
      with script or external references, XML a browser would run, Office files with
      macros, files over the `[attachments]` limits in `site.toml` (zip bombs, huge
      images, deeply nested PDFs).

    Readable attachments (.docx, .xlsx, .pdf, text, SVG) are checked paragraph by
    paragraph, page by page, line by line and cell by cell for personal data, advertising,
    illegal content and wording errors, reported under those rules' codes. Turning AT001
    off stops reading attachments.

    ## Why
    Art. 21 applies to attachments too; a file that cannot be read cannot be checked.
    Art. 34, 39: pages, scripts and programs run under the portal's own domain.

    ## Example
    `名单.doc` (old Word); `通知.pdf` that is really an executable.

    ## Instead
    Save as `.docx`/`.xlsx` or export a text PDF; keep programs and web pages out of
    `media/`.
    """
    for rel, text in _texts(ctx):
        if text.refused:
            message = ctx.t(f"at.refused.{text.refused}", detail=text.detail)
            yield rel, Problem("AT001", None, None, message, severity=Severity.ERROR)
            continue
        if text.unreadable:
            message = ctx.t(f"at.unreadable.{text.unreadable}", detail=text.detail)
            yield rel, Problem("AT001", None, None, message)
        # judged once per content and rule pack (the build cache)
        found = judged(text, "AT001", lambda text=text: list(_judge(text, ctx)))
        yield from ((rel, problem) for problem in found)


def _judge(text: AttachmentText, ctx: SiteContext) -> Iterator[Problem]:
    """The page detectors over every chunk of an attachment."""
    chunks = text.chunks
    for chunk in chunks:
        yield from _identifiers(chunk, text.kind, ctx)
    lists = [("AD001", matcher_for(ctx.pack.advertising), "ad.advertising", "")]
    lists += [
        ("AD002", matcher_for(t, ctx.pack.illegal_allow), "ad.illegal", t.label)
        for t in ctx.pack.illegal
    ]
    texts = [c.text for c in chunks]
    for code, matcher, key, label in lists:
        found = matcher.find_in(texts)
        for index, matches in groupby(found, key=lambda pair: pair[0]):
            terms = "”“".join(dict.fromkeys(m.text for _, m in matches))
            chunk = chunks[index]
            message = _at(ctx, chunk, text.kind, ctx.t(key, term=terms, label=label))
            yield Problem(code, chunk.line, _column(chunk), message)
    for code, swaps, allow, key in (
        ("WD001", ctx.pack.wording, ctx.pack.wording_allow, "wd.serious"),
        ("WD002", ctx.pack.typos, ctx.pack.typos_allow, "wd.typo"),
    ):
        matcher = swap_matcher(tuple(swaps.items()), allow)
        for index, match in matcher.find_in(texts):
            chunk = chunks[index]
            right = matcher.replacements[match.text.lower()]
            message = _at(ctx, chunk, text.kind, ctx.t(key, wrong=match.text, right=right))
            yield Problem(code, chunk.line, _column(chunk), message)


def _identifiers(chunk: Chunk, kind: str, ctx: SiteContext) -> Iterator[Problem]:
    if len(chunk.text) < 7 and chunk.text.isdecimal():
        return  # a count, an amount, a serial number: too short to identify anyone
    prefix = f"{chunk.context}：" if chunk.context else ""
    for hit in find_identifiers(prefix + chunk.text, ctx.config.official_phones):
        if hit.start < len(prefix) or not reportable(hit):
            continue
        code, message_key, _ = KINDS[hit.kind]
        masked = mask(hit)
        message = _at(ctx, chunk, kind, ctx.t(message_key, value=masked))
        yield Problem(code, chunk.line, _column(chunk), message, excerpt=masked)


def _column(chunk: Chunk) -> int | None:
    return None if chunk.line is None else chunk.column or 1


def _at(ctx: SiteContext, chunk: Chunk, kind: str, message: str) -> str:
    return ctx.t("at.at", where=where(ctx, chunk, kind), message=message)


def where(ctx: SiteContext, chunk: Chunk, kind: str) -> str:
    """Where a chunk is, in words: 第 3 段, 工作表「Sheet1」C14, 页眉（header1.xml）第 1 段 …"""
    t = ctx.t
    if chunk.where == "comment":
        if chunk.sheet:
            place = t("at.where.cell", sheet=chunk.sheet, cell=chunk.cell)
        elif chunk.line is not None:
            place = t("at.where.page" if kind == "pdf" else "at.where.paragraph", line=chunk.line)
        else:
            return t("at.where.comment_only", number=chunk.number or 1)
        phrase = t("at.where.comment", place=place, number=chunk.number or 1)
    elif chunk.table is not None:
        table, row, column = chunk.table
        phrase = t("at.where.table", table=table, row=row, column=column, line=chunk.line)
    else:
        phrase = t(
            f"at.where.{chunk.where}",
            line=chunk.line,
            number=chunk.number,
            sheet=chunk.sheet,
            cell=chunk.cell,
            part=chunk.part,
        )
    if chunk.inside:
        phrase = t("at.where.inside", inside=chunk.inside, where=phrase)
    return phrase


@rule(
    "AT002",
    "hidden-attachment-content",
    Severity.WARNING,
    article="第二十一条、第三十九条",
    scope="site",
)
def hidden_attachment_content(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    附件中读者看不到、但下载文件的人都能看到的内容：Word 中设置为“隐藏”的文字；Excel 中
    隐藏的工作表、行和列（其中的内容照常检查个人信息等）；嵌入在文档中未能检查的对象，
    PDF 中嵌入的文件和 JavaScript 脚本。

    ## 为什么
    《办法》第二十一条：把身份证号码一列“隐藏”不等于删除，文件发布后谁都能取消隐藏。
    第三十九条：隐藏文字是植入违法信息的常见手法。

    ## 示例
    `名单.xlsx` 的工作表「原始数据」被隐藏，其中有身份证号码一列。

    ## 应改为
    删除不发布的工作表、行、列和隐藏文字，另存后再发布。
    ---
    ## What it finds
    Content readers do not see but anyone who downloads the file does: hidden Word text;
    hidden Excel sheets, rows and columns (their cells are checked like any other);
    embedded objects that could not be checked; files and JavaScript inside a PDF.

    ## Why
    Art. 21: hiding the ID column is not deleting it. Art. 39: hidden text is a classic
    place to inject illegal content.

    ## Example
    `名单.xlsx` has a hidden sheet with an ID column.

    ## Instead
    Delete what is not to be published, then save and publish.
    """
    for rel, text in _texts(ctx):
        hidden = [c for c in text.chunks if c.hidden]
        for (inside, sheet, reason), group in groupby(
            sorted(hidden, key=_hidden_key), key=lambda c: (c.inside, c.sheet, c.hidden)
        ):
            chunks = list(group)
            first = chunks[0]
            if sheet:
                places = "、".join(c.cell for c in chunks[:5]) + ("…" if len(chunks) > 5 else "")
                message = ctx.t(
                    f"at.hidden.{reason.replace('-', '_')}",
                    sheet=sheet,
                    count=len(chunks),
                    cells=places,
                )
                if inside:
                    message = ctx.t(
                        "at.at", where=ctx.t("at.where.inside_only", inside=inside), message=message
                    )
                yield rel, Problem("AT002", first.line, _column(first), message)
            else:
                for chunk in chunks:
                    message = _at(ctx, chunk, text.kind, ctx.t("at.hidden.text"))
                    yield rel, Problem("AT002", chunk.line, _column(chunk), message)
        if text.embedded:
            listed = "、".join(text.embedded[:5]) + ("…" if len(text.embedded) > 5 else "")
            yield rel, Problem("AT002", None, None, ctx.t("at.embedded", items=listed))


def _hidden_key(chunk: Chunk) -> tuple:
    return (chunk.inside, chunk.sheet, chunk.hidden, chunk.line or 0, chunk.column or 0)


@rule(
    "AT003",
    "unpublished-revisions",
    Severity.ERROR,
    article="第二十一条",
    scope="site",
)
def unpublished_revisions(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    附件中仍保留的修订痕迹和批注：Word 中未接受的修订（删除或插入的文字）和批注，Excel
    的单元格批注，PDF 的注释。这些文字不属于正式发布的内容，却随文件公开。删除、插入的
    文字和批注同时按页面规则检查（如被删除的手机号码仍报 PV002）。

    ## 为什么
    《办法》第二十一条：修订和批注里常有审核意见、内部讨论和被删掉的个人信息，打开
    “显示修订”就能看到。

    ## 示例
    `通知.docx` 第 3 段有删除的文字“联系人手机 139****5678”。

    ## 应改为
    在 Word 中“审阅 > 接受所有修订”、删除所有批注；Excel 删除批注；PDF 删除注释。
    ---
    ## What it finds
    Tracked changes and comments still in an attachment: deleted or inserted text and
    comments in Word, cell comments in Excel, annotations in PDF. Their text is also
    checked by the page rules (a deleted mobile number is still PV002).

    ## Why
    Art. 21: revisions and comments hold review remarks, internal discussion and deleted
    personal data, visible to anyone who turns on "show changes".

    ## Example
    Paragraph 3 of `通知.docx` has a tracked deletion of a mobile number.

    ## Instead
    Accept all changes and delete comments before publishing.
    """
    for rel, text in _texts(ctx):
        for chunk in text.chunks:
            if chunk.revision:
                excerpt = _excerpt(chunk.text)
                key = f"at.revision.{chunk.revision}.{FIX_BY_KIND.get(text.kind, 'docx')}"
                message = _at(ctx, chunk, text.kind, ctx.t(key, text=excerpt))
                yield rel, Problem("AT003", chunk.line, _column(chunk), message, excerpt=excerpt)


def _excerpt(text: str, limit: int = 30) -> str:
    """A revision's text for a message: digits masked (it may be personal), shortened."""
    plain = " ".join(text.split())
    masked = "".join("*" if c.isdigit() else c for c in plain)
    return masked if len(masked) <= limit else masked[:limit] + "…"


@rule(
    "AT004",
    "attachment-metadata",
    Severity.WARNING,
    article="第二十一条",
    scope="site",
)
def attachment_metadata(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    随附件发布的文件属性：Word、Excel 的作者、最后修改者、单位、经理，修订者和批注者的
    姓名，自定义属性，指向作者电脑的本地路径；PDF 的作者、创建程序和自定义信息；SVG 的
    作者和导出路径；文档中插入的照片带有的 GPS 位置等信息；视频记录的拍摄位置（视频不作
    改动，须在导出时去除）。Office 自动填写的通用值
    （如 Administrator）不报。标题、主题、关键词等属性同时按页面规则检查。

    ## 为什么
    《办法》第二十一条：文件属性里常有经办人的姓名、单位和电脑上的路径，任何人右键
    “属性”就能看到。

    ## 示例
    `通知.docx` 的作者为“张某某”，单位为“某某科技有限公司”。

    ## 应改为
    在 Word、Excel 中用“文件 > 信息 > 检查文档”删除文档属性和个人信息后再发布；导出
    PDF 时不包含文档属性。
    ---
    ## What it finds
    Properties that travel with an attachment: author, last modified by, company,
    manager, names of revision and comment authors, custom properties and local paths in
    Word and Excel; author, creator and custom entries of a PDF; author and export paths
    of an SVG; GPS and the like in photos inside a document; the location a video records
    (videos are not rewritten: export them without it). Generic values Office fills
    in (Administrator) are not reported. Title, subject and keywords are also checked by
    the page rules.

    ## Why
    Art. 21: properties often name the clerk, their employer and paths on their computer.

    ## Example
    `通知.docx` names its author and a company.

    ## Instead
    Remove properties and personal information ("Inspect Document") before publishing.
    """
    for rel, text in _texts(ctx):
        if not text.metadata:
            continue
        items = []
        for name, value in text.metadata:
            shown = LONG_NUMBER.sub(lambda m: "*" * len(m.group(0)), value)  # a phone in a property
            items.append(ctx.t("at.meta.item", field=ctx.t(f"at.meta.{name}"), value=shown))
        listed = ctx.t.join(list(dict.fromkeys(items)))
        yield (
            rel,
            Problem(
                "AT004",
                None,
                None,
                ctx.t(f"at.metadata.{FIX_BY_KIND.get(text.kind, 'other')}", items=listed),
            ),
        )


@rule(
    "AT005",
    "image-metadata-removed",
    Severity.INFO,
    article="第二十一条",
    scope="site",
)
def image_metadata_removed(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    发布的图片（JPEG、PNG、WebP、TIFF、GIF）去除了哪些元数据：GPS 位置、拍摄者和版权人、相机
    和镜头序列号、相机型号、拍摄时间、图片说明、处理软件、缩略图、XMP、IPTC、注释文字。
    `content/` 中的原文件不作改动，每次构建的结果相同；依赖 EXIF 方向的照片按拍摄方向转正
    后重新保存。这是提示（info），不阻止发布。地图仍须有审图号（MD003）。

    ## 为什么
    《办法》第二十一条：手机照片的 GPS 位置可以精确到居民的住址，相机序列号和拍摄者
    能指认具体的人。

    ## 示例
    `活动现场.jpg` 带有 GPS 位置和相机序列号。

    ## 应改为
    无须处理；如不希望原文件留在仓库中带有位置信息，拍摄时关闭定位或导出时去除元数据。
    ---
    ## What it finds
    What the published copy of an image (JPEG, PNG, WebP, TIFF, GIF) leaves out: GPS position,
    photographer and copyright owner, serial numbers, camera model, time taken,
    description, software, thumbnail, XMP, IPTC, comments. The source in `content/` is
    never modified, and the output is the same on every build; a photo that relies on
    its EXIF orientation is turned upright and saved again. Info only: it does not block
    publishing. Maps still need their review number (MD003).

    ## Why
    Art. 21: a phone photo's GPS position can point at a resident's home.

    ## Example
    `活动现场.jpg` carries GPS and a camera serial number.

    ## Instead
    Nothing to do; to keep the repository clean too, turn off location when shooting.
    """
    for rel, text in _texts(ctx, used_only=True):
        if text.removed:
            listed = ctx.t.join([ctx.t(f"at.removed.{name}") for name in text.removed])
            yield rel, Problem("AT005", None, None, ctx.t("at.removed", items=listed))


@rule(
    "AT006",
    "orphan-attachment",
    Severity.WARNING,
    article="第十九条",
    scope="site",
)
def orphan_attachment(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    `content/<部门>/media/` 中没有任何将要发布的页面链接（或在 `media` 中登记）、也没有
    年度报告链接、也没有草稿使用的文件。这样的文件不会发布，但照样检查：提交到仓库的文件，
    能读仓库的人都看得到。只被草稿使用的文件不在此列，它在草稿签发发布时随之发布。

    ## 为什么
    《办法》第十九条要求及时更新、清理过时信息：没有页面引用的附件是旧名单长期留在网上
    的原因，因此 govsite 只发布页面用到的文件。

    ## 示例
    页面删除后，`content/edu/media/2019年名单.xlsx` 仍留在仓库中。

    ## 应改为
    不再需要的文件从 `media/` 删除；需要发布的，在页面中链接它。
    ---
    ## What it finds
    A file in `content/<dept>/media/` that no page to be published links to or declares
    in `media`, no annual report links to and no draft uses. It is not published, but
    still checked (a committed file is public to everyone who can read the repository).
    A file only a draft uses is not listed: it is published with the draft once approved.

    ## Why
    Art. 19: outdated information must be cleaned up; unlinked attachments are how old
    name lists stay online, so govsite publishes only files pages use.

    ## Example
    A 2019 name list left in `media/` after its page was deleted.

    ## Instead
    Delete files no longer needed; link the ones to publish.
    """
    shelf = _shelf(ctx)
    used = set(_used(ctx))
    for rel in shelf.paths:
        if rel not in used:
            yield rel, Problem("AT006", None, None, ctx.t("at.orphan"))
