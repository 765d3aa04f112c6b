"""Messages of the attachments area (key: (中文, English))."""

from __future__ import annotations

_LIMIT_FIX = (
    "；如确属正常文件，请调高 site.toml 中 [attachments] 的限额",
    "; if the file is genuine, raise the limit in [attachments] of site.toml",
)


def _hostile(zh: str, en: str) -> tuple[str, str]:
    return (
        f"疑似恶意构造的文件：{zh}（{{detail}}），未读取，拒绝发布" + _LIMIT_FIX[0],
        f"looks like a hostile file: {en} ({{detail}}); not read, refused" + _LIMIT_FIX[1],
    )


MESSAGES: dict[str, tuple[str, str]] = {
    "config.positive_limit": (
        "应为正整数，实际为 {value}",
        "must be a positive whole number, got {value}",
    ),
    "at.at": ("{where}：{message}", "{where}: {message}"),
    # ---- where in an attachment
    "at.where.paragraph": ("第 {line} 段", "paragraph {line}"),
    "at.where.table": (
        "第 {table} 个表格第 {row} 行第 {column} 列（第 {line} 段）",
        "table {table}, row {row}, column {column} (paragraph {line})",
    ),
    "at.where.page": ("第 {line} 页", "page {line}"),
    "at.where.line": ("第 {line} 行", "line {line}"),
    "at.where.cell": ("工作表「{sheet}」{cell}", "sheet “{sheet}” cell {cell}"),
    "at.where.header": ("页眉（{part}）第 {number} 段", "header ({part}) paragraph {number}"),
    "at.where.footer": ("页脚（{part}）第 {number} 段", "footer ({part}) paragraph {number}"),
    "at.where.footnote": ("脚注第 {number} 段", "footnotes paragraph {number}"),
    "at.where.endnote": ("尾注第 {number} 段", "endnotes paragraph {number}"),
    "at.where.property": ("文档属性“{part}”", "document property “{part}”"),
    "at.where.comment": ("{place}的批注（第 {number} 条）", "comment {number} {place}"),
    "at.where.comment_only": ("批注（第 {number} 条）", "comment {number}"),
    "at.where.inside": ("嵌入文件 {inside} {where}", "embedded file {inside}, {where}"),
    "at.where.inside_only": ("嵌入文件 {inside}", "embedded file {inside}"),
    # ---- AT001: unreadable (warning, published unchecked)
    "at.unreadable.doc": (
        "旧版 Word 文档（.doc 或 WPS 文字），govsite 无法读取，附件未经检查；请另存为 .docx 后发布",
        "an old Word document (.doc or WPS), which govsite cannot read, so it was not checked; save it as .docx",
    ),
    "at.unreadable.xls": (
        "旧版 Excel 表格（.xls 或 WPS 表格 .et），govsite 无法读取，附件未经检查；请另存为 .xlsx 后发布",
        "an old Excel workbook (.xls or WPS .et), which govsite cannot read, so it was not checked; save it as .xlsx",
    ),
    "at.unreadable.ppt": (
        "旧版 PowerPoint 演示文稿，govsite 无法读取，附件未经检查；请导出为 PDF 后发布",
        "an old PowerPoint file, which govsite cannot read, so it was not checked; export it as PDF",
    ),
    "at.unreadable.ole": (
        "旧版 Office/WPS 文件，govsite 无法读取，附件未经检查；请另存为 .docx 或 .xlsx 后发布",
        "an old Office/WPS file, which govsite cannot read, so it was not checked; save it as .docx or .xlsx",
    ),
    "at.unreadable.rtf": (
        "RTF 文档，govsite 无法读取，附件未经检查；请另存为 .docx 后发布",
        "an RTF document, which govsite cannot read, so it was not checked; save it as .docx",
    ),
    "at.unreadable.pptx": (
        "演示文稿（.pptx），govsite 无法读取，附件未经检查；请导出为 PDF 后发布",
        "a presentation (.pptx), which govsite cannot read, so it was not checked; export it as PDF",
    ),
    "at.unreadable.odf": (
        "OpenDocument 文件，govsite 无法读取，附件未经检查；请另存为 .docx 或 .xlsx 后发布",
        "an OpenDocument file, which govsite cannot read, so it was not checked; save it as .docx or .xlsx",
    ),
    "at.unreadable.ofd": (
        "OFD 版式文件，govsite 无法读取，附件未经检查；请发布由原文档导出的 PDF",
        "an OFD file, which govsite cannot read, so it was not checked; publish a PDF exported from the original",
    ),
    "at.unreadable.encrypted": (
        "文件已加密（设有打开密码），无法检查；请去除密码后发布",
        "the file is encrypted (it needs a password to open), so it cannot be checked; remove the password",
    ),
    "at.unreadable.archive": (
        "压缩包，govsite 无法检查其中的文件；请直接发布其中的文件（.docx、.xlsx、PDF）",
        "an archive, whose files govsite cannot check; publish the files themselves (.docx, .xlsx, PDF)",
    ),
    "at.unreadable.damaged": (
        "文件已损坏，无法读取（{detail}），附件未经检查；请重新导出后发布",
        "the file is damaged and cannot be read ({detail}), so it was not checked; export it again",
    ),
    "at.unreadable.not-regular": (
        "不是普通文件（符号链接、管道等，检查开始后被换掉），没有读取，附件未经检查；发布时构建会停止",
        "not a regular file (a symbolic link, a FIFO…, replaced after the check began): not read, so not checked; a build stops when it comes to publish it",
    ),
    "at.unreadable.heic": (
        "HEIC/AVIF 图片，govsite 无法检查也无法去除其中的位置等信息；请转换为 JPEG 或 PNG 后发布",
        "a HEIC/AVIF image, whose location and other metadata govsite can neither check nor remove; convert it to JPEG or PNG",
    ),
    "at.unreadable.unknown": (
        "无法识别的文件格式，附件未经检查；请发布 .docx、.xlsx、文字版 PDF、图片或 UTF-8 文本",
        "a format govsite does not know, so it was not checked; publish .docx, .xlsx, a text PDF, an image or UTF-8 text",
    ),
    "at.unreadable.no-text": (
        "PDF 没有文字层（扫描件？），无法检查；请发布由原文档直接导出的 PDF，或先做文字识别（OCR）",
        "the PDF has no text layer (a scan?), so it cannot be checked; publish a PDF exported from the original, or OCR it",
    ),
    # ---- AT001: refused (error, never published)
    "at.refused.executable": (
        "这是可执行程序（与扩展名无关），拒绝发布；请勿把程序放进 media/",
        "this is an executable program (whatever its name), refused; keep programs out of media/",
    ),
    "at.refused.html": (
        "这是 HTML 网页，会以门户网站的域名运行其中的脚本，拒绝发布；请把内容写成页面，或发布 PDF",
        "this is an HTML page, which would run its scripts under the portal's domain, refused; write it as a page or publish a PDF",
    ),
    "at.refused.active-name": (
        "{detail} 文件会被网站服务器当作网页、脚本或程序提供，拒绝发布",
        "web servers serve {detail} files as pages, scripts or programs, refused",
    ),
    "at.refused.svg": (
        "SVG 图片不是纯图形（{detail}）：含脚本、事件处理、外部引用或浏览器会执行的内容，拒绝发布；"
        "请重新导出为纯图形，或发布 PNG",
        "the SVG is not a plain drawing ({detail}): script, event handlers, external references or other active content, "
        "refused; export a plain drawing again, or publish a PNG",
    ),
    "at.refused.xml-active": (
        "XML 文件含有浏览器会执行的内容（{detail}），拒绝发布",
        "the XML file holds content a browser would run ({detail}), refused",
    ),
    "at.refused.macros": (
        "文件含有宏（VBA 代码），拒绝发布；请另存为不含宏的 .docx 或 .xlsx",
        "the file contains macros (VBA code), refused; save it as a .docx or .xlsx without macros",
    ),
    "at.refused.damaged-image": (
        "图片已损坏（{detail}），无法去除其中的位置等信息，拒绝发布；请重新导出",
        "the image is damaged ({detail}), so its metadata cannot be removed, refused; export it again",
    ),
    "at.refused.size": (
        "文件过大（{detail}），未读取，拒绝发布" + _LIMIT_FIX[0],
        "the file is too large ({detail}); not read, refused" + _LIMIT_FIX[1],
    ),
    "at.refused.members": _hostile("压缩包内文件过多", "too many members"),
    "at.refused.unpacked": _hostile("解压后过大（压缩炸弹）", "too large unpacked (a zip bomb)"),
    "at.refused.ratio": _hostile(
        "压缩比异常（压缩炸弹）", "abnormal compression ratio (a zip bomb)"
    ),
    "at.refused.cells": _hostile("单元格过多", "too many cells"),
    "at.refused.pages": _hostile("页数过多", "too many pages"),
    "at.refused.pixels": _hostile(
        "图片像素过多（解压炸弹）", "too many pixels (a decompression bomb)"
    ),
    "at.refused.text": _hostile("文字过多", "too much text"),
    "at.refused.nesting": (
        "疑似恶意构造的文件：PDF 对象嵌套过深，超出解析器的递归深度，未读取，拒绝发布；请重新导出 PDF",
        "looks like a hostile file: PDF objects nested deeper than the parser's recursion limit; "
        "not read, refused; export the PDF again",
    ),
    "at.refused.declared": (
        "疑似恶意构造的文件：压缩包成员 {detail} 解压后的大小或校验和与声明不符（压缩炸弹的特征），拒绝发布",
        "looks like a hostile file: member {detail} does not inflate to its declared size or checksum "
        "(the mark of a zip bomb), refused",
    ),
    "at.refused.pdf-limit": _hostile(
        "PDF 数据流超出解压上限", "a PDF stream inflates past its limit"
    ),
    "at.refused.memory": (
        "读取时内存不足，拒绝发布；请调低 site.toml 中 [attachments] 的限额，或在内存更大的机器上构建",
        "out of memory while reading, refused; lower the limits in [attachments] of site.toml, "
        "or build on a machine with more memory",
    ),
    # ---- AT002: hidden content
    "at.hidden.text": (
        "有设置为隐藏的文字，读者看不到但随文件发布，疑似植入的内容；请删除",
        "hidden text, not shown but published with the file, possibly injected; remove it",
    ),
    "at.hidden.sheet": (
        "工作表「{sheet}」是隐藏的，其中 {count} 个单元格有内容（{cells}），随文件发布；请删除不发布的工作表",
        "sheet “{sheet}” is hidden and {count} of its cells hold content ({cells}), published with the file; delete sheets not to be published",
    ),
    "at.hidden.very_hidden_sheet": (
        "工作表「{sheet}」被设为“深度隐藏”（在 Excel 中无法直接取消隐藏），其中 {count} 个单元格有内容（{cells}），"
        "随文件发布；请删除",
        "sheet “{sheet}” is very hidden (Excel cannot unhide it from its menus) and {count} of its cells hold content ({cells}), "
        "published with the file; delete it",
    ),
    "at.hidden.row": (
        "工作表「{sheet}」有隐藏的行，其中 {count} 个单元格有内容（{cells}），随文件发布；请删除不发布的行",
        "sheet “{sheet}” has hidden rows with {count} cells of content ({cells}), published with the file; delete rows not to be published",
    ),
    "at.hidden.column": (
        "工作表「{sheet}」有隐藏的列，其中 {count} 个单元格有内容（{cells}），随文件发布；请删除不发布的列",
        "sheet “{sheet}” has hidden columns with {count} cells of content ({cells}), published with the file; delete columns not to be published",
    ),
    "at.embedded": (
        "文件中嵌入了 govsite 未能检查的内容：{items}；请删除，或把它们作为单独的附件发布",
        "the file carries content govsite could not check: {items}; remove it, or publish it as separate attachments",
    ),
    # ---- AT003: revisions and comments
    "at.revision.deleted.docx": (
        "有未处理的修订：删除的文字“{text}”仍在文件中；请在 Word 中接受或拒绝所有修订后发布",
        "a tracked deletion “{text}” is still in the file; accept or reject all changes in Word",
    ),
    "at.revision.inserted.docx": (
        "有未处理的修订：插入的文字“{text}”；请在 Word 中接受或拒绝所有修订后发布",
        "a tracked insertion “{text}” is still pending; accept or reject all changes in Word",
    ),
    "at.revision.comment.docx": (
        "批注“{text}”仍在文件中；请删除所有批注后发布",
        "the comment “{text}” is still in the file; delete all comments",
    ),
    "at.revision.comment.xlsx": (
        "批注“{text}”仍在文件中；请删除批注后发布",
        "the comment “{text}” is still in the file; delete the comments",
    ),
    "at.revision.comment.pdf": (
        "注释“{text}”仍在文件中；请删除注释后发布",
        "the annotation “{text}” is still in the file; delete the annotations",
    ),
    # ---- AT004: metadata
    "at.meta.item": ("{field}“{value}”", "{field} “{value}”"),
    "at.meta.author": ("作者", "author"),
    "at.meta.last_modified_by": ("最后修改者", "last modified by"),
    "at.meta.company": ("单位", "company"),
    "at.meta.manager": ("经理", "manager"),
    "at.meta.creator": ("创建程序", "creator"),
    "at.meta.custom": ("自定义属性", "custom property"),
    "at.meta.local_path": ("本地路径", "local path"),
    "at.meta.file_path": ("导出路径", "export path"),
    "at.meta.revision_author": ("修订者", "revision author"),
    "at.meta.comment_author": ("批注者", "comment author"),
    "at.meta.image": ("插图元数据", "picture metadata"),
    "at.meta.location": ("拍摄位置", "location"),
    "at.metadata.docx": (
        "文件属性随文件发布：{items}；请在 Word 中用“文件 > 信息 > 检查文档”删除文档属性和个人信息",
        "the file's properties are published with it: {items}; remove them in Word (File > Info > Inspect Document)",
    ),
    "at.metadata.xlsx": (
        "文件属性随文件发布：{items}；请在 Excel 中用“文件 > 信息 > 检查工作簿”删除文档属性和个人信息",
        "the file's properties are published with it: {items}; remove them in Excel (File > Info > Inspect Workbook)",
    ),
    "at.metadata.pdf": (
        "PDF 文档信息随文件发布：{items}；导出 PDF 时取消“文档属性”，或在 PDF 工具中删除",
        "the PDF's document information is published with it: {items}; export without document properties, or remove them",
    ),
    "at.metadata.other": (
        "文件中的元数据随文件发布：{items}；请导出时去除",
        "the file's metadata is published with it: {items}; remove it when exporting",
    ),
    "at.metadata.video": (
        "视频记录了拍摄位置（GPS），govsite 不改动视频，位置会随文件发布；请用剪辑软件导出时去除位置信息",
        "the video records where it was taken (GPS); govsite does not rewrite videos, so the location is "
        "published; export it without location",
    ),
    # ---- AT005: image metadata removed
    "at.removed": (
        "发布的图片已去除：{items}（content/ 中的原文件未改动）",
        "the published image leaves out: {items} (the source in content/ is unchanged)",
    ),
    "at.removed.gps": ("GPS 位置", "GPS position"),
    "at.removed.owner": ("拍摄者或版权人", "photographer or owner"),
    "at.removed.serial": ("相机序列号等设备标识", "camera serial numbers"),
    "at.removed.camera": ("相机型号", "camera model"),
    "at.removed.time": ("拍摄时间", "time taken"),
    "at.removed.description": ("图片说明", "description"),
    "at.removed.software": ("处理软件", "software"),
    "at.removed.thumbnail": ("缩略图", "thumbnail"),
    "at.removed.orientation": (
        "EXIF 方向（图片已按拍摄方向转正并重新保存）",
        "EXIF orientation (the image was turned upright and saved again)",
    ),
    "at.removed.exif": ("其他 EXIF 信息", "other EXIF data"),
    "at.removed.xmp": ("XMP 元数据", "XMP metadata"),
    "at.removed.iptc": ("IPTC 信息", "IPTC data"),
    "at.removed.comment": ("注释", "comments"),
    "at.removed.text": ("文字信息块", "text chunks"),
    "at.removed.other": ("其他附加数据块", "other data chunks"),
    "at.removed.trailing": ("图片之后附加的数据", "data appended after the image"),
    # ---- AT006: orphans
    "at.orphan": (
        "没有将要发布的页面或年度报告链接此文件，它不会发布；不再需要的请从 media/ 删除",
        "no page or annual report to be published links to this file, so it is not published; delete it from media/ if no longer needed",
    ),
}
