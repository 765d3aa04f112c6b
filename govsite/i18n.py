"""Messages in the site's language (zh-CN first), with English available.

Every user-facing sentence lives in ``MESSAGES`` so that findings, errors and the
CLI speak one language per run. Keys are stable; the text is part of the interface.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

# key: (中文, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # ---- configuration (site.toml)
    "config.missing_file": ("找不到站点配置文件 {path}", "site configuration {path} not found"),
    "config.toml_syntax": ("TOML 语法错误：{detail}", "TOML syntax error: {detail}"),
    "config.unknown_key": (
        "未知配置项 `{key}`{hint}",
        "unknown key `{key}`{hint}",
    ),
    "config.missing_key": ("缺少必填配置项 `{key}`", "required key `{key}` is missing"),
    "config.wrong_type": (
        "配置项 `{key}` 应为{expected}，实际为{found}",
        "key `{key}`: expected {expected}, got {found}",
    ),
    "config.bad_choice": (
        "配置项 `{key}` 的值 '{value}' 不在 {choices} 之中{hint}",
        "key `{key}`: '{value}' is not one of {choices}{hint}",
    ),
    "config.bad_value": ("配置项 `{key}`：{detail}", "key `{key}`: {detail}"),
    "config.base_url": (
        "应为完整网址，如 https://www.example.gov.cn/（不含用户名和密码、? 查询或 # 片段）",
        "must be a full URL such as https://www.example.gov.cn/ (no user name or password,"
        " ? query or # fragment)",
    ),
    "config.duplicate_id": ("{what} id '{id}' 重复", "duplicate {what} id '{id}'"),
    "config.reserved_id": (
        "id '{id}' 与门户保留路径冲突（保留：{reserved}）",
        "id '{id}' collides with a reserved portal path (reserved: {reserved})",
    ),
    "config.bad_id": (
        "id '{id}' 只能使用小写字母、数字和连字符",
        "id '{id}' may only use lowercase letters, digits and hyphens",
    ),
    "config.did_you_mean": ("；是否想写 '{guess}'？", "; did you mean '{guess}'?"),
    # ---- front matter (FM / RV)
    "fm.not_utf8": (
        "文件不是有效的 UTF-8 编码（第 {line} 行附近有无法解码的字节），请以 UTF-8 保存",
        "file is not valid UTF-8 (undecodable bytes near line {line}); save it as UTF-8",
    ),
    "fm.empty": (
        "文件为空：缺少以 `---` 开头的前置元数据",
        "file is empty: front matter starting with `---` is missing",
    ),
    "fm.missing": (
        "缺少前置元数据：文件应以 `---` 行开头",
        "front matter missing: the file must start with a `---` line",
    ),
    "fm.unclosed": (
        "前置元数据没有结束：缺少第二个 `---` 行",
        "front matter is not closed: the second `---` line is missing",
    ),
    "fm.yaml": ("前置元数据不是合法的 YAML：{detail}", "front matter is not valid YAML: {detail}"),
    "fm.not_mapping": (
        "前置元数据应为“键: 值”形式的映射",
        "front matter must be a mapping of `key: value` pairs",
    ),
    "fm.wrong_type": (
        "字段 `{field}` 应为{expected}，实际为{found}",
        "field `{field}`: expected {expected}, got {found}",
    ),
    "fm.bad_choice": (
        "字段 `{field}` 的值 '{value}' 不在 {choices} 之中{hint}",
        "field `{field}`: '{value}' is not one of {choices}{hint}",
    ),
    "fm.unknown_field": ("未知字段 `{field}`{hint}", "unknown field `{field}`{hint}"),
    "fm.missing_field": ("缺少必填字段 `{field}`", "required field `{field}` is missing"),
    "fm.empty_field": ("必填字段 `{field}` 为空", "required field `{field}` is empty"),
    "fm.unknown_department": (
        "目录 `{dept}` 不是 site.toml 中登记的部门{hint}",
        "folder `{dept}` is not a department in site.toml{hint}",
    ),
    "fm.unknown_column": (
        "目录 `{column}` 不是 site.toml 中登记的栏目{hint}",
        "folder `{column}` is not a column in site.toml{hint}",
    ),
    "fm.column_not_in_department": (
        '栏目 `{column}` 未在部门 `{dept}` 的栏目列表中开设：把 "{column}" 加进 site.toml 中'
        "该部门的 columns，或把稿件移到已开设的栏目",
        "column `{column}` is not opened for department `{dept}` in site.toml: add "
        '"{column}" to that department\'s columns, or move the item to an opened column',
    ),
    "fm.misplaced": (
        "文件应位于 content/<部门>/<栏目>/ 目录下",
        "content files belong in content/<department>/<column>/",
    ),
    "fm.disagrees": (
        "字段 `{field}` 为 '{value}'，与所在目录 '{folder}' 不一致",
        "field `{field}` is '{value}' but the folder says '{folder}'",
    ),
    "fm.bad_slug": (
        "slug '{slug}' 不安全：只能使用小写字母、数字和连字符，且以字母或数字开头",
        "slug '{slug}' is not URL-safe: use lowercase letters, digits and hyphens, "
        "starting with a letter or digit",
    ),
    "fm.duplicate_url": (
        "与 {other} 发布到同一地址 {url}",
        "publishes to the same URL {url} as {other}",
    ),
    "rv.incomplete": (
        "审核链不完整：缺少 {fields}（编辑、审核、签发人、签发人角色、签发日期均须填写）",
        "review chain incomplete: {fields} missing (editor, reviewer, approver, "
        "approver_role and approved are all required)",
    ),
    # ---- rule pack (checks/)
    "pack.bad_pattern": (
        "正则表达式 '{pattern}' 无效：{detail}",
        "invalid regular expression '{pattern}': {detail}",
    ),
    "pack.bad_swap": (
        "替换项应为“错误写法: 正确写法”两个字符串，实际为 {wrong!r}: {right!r}",
        "a swap entry must map a wrong string to a right one, got {wrong!r}: {right!r}",
    ),
    "pack.swap_inside": (
        "错误写法 '{wrong}' 包含在正确写法 '{right}' 之中，会误报正确文字",
        "the wrong form '{wrong}' occurs inside the right form '{right}' and would flag correct text",
    ),
    "pack.bad_domain": ("'{domain}' 不是域名", "'{domain}' is not a domain name"),
    "pack.unknown_rule": ("没有规则 {code}{hint}", "no rule {code}{hint}"),
    "pack.list_rules": (
        "；govsite rules 列出全部规则代码",
        "; govsite rules lists every rule code",
    ),
    "pack.known_keys": ("；这里可写的项：{known}", "; the keys here are {known}"),
    "pack.bad_level": (
        "规则 {code} 的级别 '{level}' 应为 error、warning、info 或 off",
        "level '{level}' of {code} must be error, warning, info or off",
    ),
    "wv.reason": ("{reason}（{by}）", "{reason} ({by})"),
    "wv.unused": (
        "豁免 {rule} 没有豁免任何问题，请删除这条豁免",
        "the waiver for {rule} waives nothing; remove it",
    ),
    "rv.approved_late": (
        "签发日期 {approved} 晚于发布日期 {date}：须先签发后发布",
        "approved on {approved}, after the publication date {date}: approve before publishing",
    ),
    "rv.role_too_low": (
        "审核级别 {level}（{level_zh}）须由 {needed}（{needed_zh}）或更高级别签发，"
        "当前签发人角色为 {role}（{role_zh}）",
        "review level {level} needs an approver of role {needed} or above, not {role}",
    ),
    "rv.sensitive": (
        "内容涉及“{term}”，属重大敏感信息，审核级别应为 major 并由市政府领导签发（当前为 {level}）",
        "mentions “{term}”: a major or sensitive item must be reviewed at level major and "
        "signed by a city leader (now {level})",
    ),
    "rv.self_approved": (
        "编辑 {name} 签发了自己编辑的稿件，请由另一位负责人签发",
        "editor {name} approved their own item; have another person approve it",
    ),
    "pv.id": (
        "身份证号码 `{value}` 属于个人信息，请删除或脱敏",
        "ID number `{value}` is personal data; remove or mask it",
    ),
    "pv.mobile": (
        "手机号码 `{value}` 属于个人信息，请删除或脱敏",
        "mobile number `{value}` is personal data; remove or mask it",
    ),
    "pv.landline": (
        "个人固定电话 `{value}` 属于个人联系方式，请删除或改为单位电话",
        "private landline `{value}` is a personal contact; remove it or give an office number",
    ),
    "pv.card": (
        "银行卡号 `{value}` 属于个人敏感信息，请删除或脱敏",
        "bank card number `{value}` is sensitive personal data; remove or mask it",
    ),
    "pv.address": (
        "个人详细住址 `{value}` 属于个人信息，请只保留到街道或社区",
        "detailed home address `{value}` is personal data; give the street or community only",
    ),
    "pv.exempted": (
        "（惩戒公示豁免：{basis}）",
        " (penalty-disclosure exemption: {basis})",
    ),
    "lk.commercial": (
        "链接到允许名单之外的域名 {host}：政府网站不得链接商业网站（允许名单见 checks/domains.yaml）",
        "link to {host}, a domain outside the allowlist: government sites must not link to "
        "commercial sites (see checks/domains.yaml)",
    ),
    "lk.missing_page": (
        "站内链接 `{href}` 指向的页面不存在或尚未发布",
        "internal link `{href}` points at a page that does not exist or is not published",
    ),
    "lk.missing_file": (
        "链接的本地文件 `{href}` 不存在或不会发布（本地文件须放在部门的 `media/` 目录中）",
        "linked local file `{href}` does not exist or is not published (local files belong"
        " in the department's `media/` folder)",
    ),
    "lk.missing_anchor": (
        "链接 `{href}` 的锚点 #{anchor} 在目标页面上不存在",
        "anchor #{anchor} of link `{href}` is not on its page",
    ),
    "lk.missing_media": (
        "media 中登记的文件 `{file}` 不存在或不会发布（须放在部门的 `media/` 目录中）",
        "media file `{file}` does not exist or is not published (it belongs in the"
        " department's `media/` folder)",
    ),
    "lk.http": (
        "链接 `{href}` 使用 http://，请改用 https://",
        "link `{href}` uses http://; use https://",
    ),
    "lk.unsafe": (
        "不安全的 {scheme}: 地址，可能是注入的恶意代码，请删除",
        "unsafe {scheme}: URL, possibly injected code; remove it",
    ),
    "ad.advertising": (
        "“{term}”属于商业广告用语，政府网站不得刊登商业广告",
        "“{term}” is advertising; government sites carry no commercial advertising",
    ),
    "ad.illegal": (
        "发现{label}类违法信息“{term}”，请立即删除并按网络安全事件处置",
        "illegal content ({label}): “{term}”; remove it at once and handle it as a security incident",
    ),
    "ad.html_dangerous": (
        "源文件中有可执行或嵌入式 HTML 元素（脚本、iframe 等），疑似注入，请删除",
        "executable or embedded HTML element (script, iframe …) in the source, possibly injected; remove it",
    ),
    "ad.html_handler": (
        "源文件中有带内联事件处理（on…=）的 HTML，疑似注入，请删除",
        "HTML with an inline event handler (on…=) in the source, possibly injected; remove it",
    ),
    "ad.html_hidden": (
        "源文件中有隐藏的 HTML 元素，疑似注入的暗链，请删除",
        "hidden HTML element in the source, possibly injected hidden links; remove it",
    ),
    "ad.html": (
        "源文件中有原始 HTML，不会被渲染，请改用 Markdown 书写",
        "raw HTML in the source is never rendered; write Markdown instead",
    ),
    "md.no_alt": (
        "图片 `{file}` 没有替代文字，请在 ![ ] 中写明图片内容",
        "image `{file}` has no alt text; describe it inside ![ ]",
    ),
    "md.undeclared": (
        "图片或视频 `{file}` 没有在 media 中登记来源和授权",
        "image or video `{file}` is not declared in media with its source and license",
    ),
    "md.incomplete": (
        "media 中的 `{file}` 缺少 {fields}",
        "media entry `{file}` lacks {fields}",
    ),
    "md.no_review_no": (
        "地图 `{file}` 没有审图号 map_review_no（如 GS(2024)1234号、云S(2023)012号）",
        "map `{file}` has no map review number map_review_no (e.g. GS(2024)1234号)",
    ),
    "md.bad_review_no": (
        "地图 `{file}` 的审图号 '{value}' 格式不对（如 GS(2024)1234号、云S(2023)012号）",
        "map review number '{value}' of `{file}` is malformed (e.g. GS(2024)1234号)",
    ),
    "md.undeclared_map": (
        "图片 `{file}` 是地图，须在 media 中登记为 kind: map 并注明审图号",
        "image `{file}` is a map: declare it in media as kind: map with its review number",
    ),
    "sr.missing": (
        "转载稿缺少 {fields}：须注明来源并可追溯",
        "repost lacks {fields}: name a traceable source",
    ),
    "sr.url_not_web": (
        "转载稿的原文地址 `{url}` 不是完整网址：应写原文的网址，如 https://www.news.cn/…",
        "the repost's source.url `{url}` is not a full web address: give the original's, "
        "e.g. https://www.news.cn/…",
    ),
    "sr.unapproved": (
        "转载来源“{name}”不在允许名单中（checks/sources.yaml），只能转载党政机关网站和经批准的来源",
        "repost source “{name}” is not on the list in checks/sources.yaml",
    ),
    "sr.title": (
        "转载稿标题与原标题“{original}”不一致，转载不得改动标题",
        "the repost's title differs from the original “{original}”; keep the original title",
    ),
    "wd.serious": (
        "严重表述错误：“{wrong}”应为“{right}”",
        "serious wording error: “{wrong}” should be “{right}”",
    ),
    "wd.typo": ("错别字：“{wrong}”应为“{right}”", "typo: “{wrong}” should be “{right}”"),
    "st.missing": (
        "site.toml 缺少{label} `{key}`，页面底部必须标明（{expected}）",
        "site.toml lacks the {label} `{key}`, which every page footer must show ({expected})",
    ),
    "st.malformed": (
        "site.toml 中的{label} `{key}` = '{value}' 格式不对：{expected}",
        "{label} `{key}` = '{value}' in site.toml is malformed: {expected}",
    ),
    # ---- annual report (DS)
    "ds.yaml": ("年度报告不是合法的 YAML：{detail}", "annual report is not valid YAML: {detail}"),
    "ds.year_mismatch": (
        "year 为 {found}，与文件名年份 {year} 不一致",
        "year is {found} but the file name says {year}",
    ),
    "ds.both_sources": (
        "已提供 {csv}，表三由申请记录计算，请删除 applications",
        "{csv} is given, so table 三 is computed from it: remove applications",
    ),
    "ds.row_shape": (
        "`{path}` 应为 6 个申请人类别的数字列表 [自然人, 商业企业, 科研机构, 社会公益组织, "
        "法律服务机构, 其他]（可加第 7 个“总计”），实为 {found}",
        "`{path}` must list the 6 applicant columns [natural persons, commercial, research, "
        "public-interest, legal-services, other] (a 7th, the total, is optional), got {found}",
    ),
    "ds.cell2": (
        "表二「{item}」「{row}」行「{column}」",
        "table 二 {item} row “{row}” column “{column}”",
    ),
    "ds.cell3": ("表三「{row}」行「{column}」列", "table 三 row “{row}” column “{column}”"),
    "ds.cell4": ("表四「{kind}」「{column}」", "table 四 “{kind}” “{column}”"),
    "ds.not_count": (
        "{cell}（{path}）应为非负整数，实为 {value}",
        "{cell} ({path}) must be a non-negative integer, got {value}",
    ),
    "ds.mismatch": (
        "{cell}（{path}）应为 {expected}，实为 {found}",
        "{cell} ({path}) should be {expected}, found {found}",
    ),
    "ds.identity": (
        "{cell}（{path}）应为 {expected}，实为 {found}：第一项 {new} 加第二项 {carried} 应等于第三项总计 {handled} 加第四项",
        "{cell} ({path}) should be {expected}, found {found}: new {new} plus carried over "
        "{carried} must equal handled {handled} plus carried forward",
    ),
    "ds.csv_header": (
        "申请记录缺少列 {missing}（应为 {expected}）",
        "the application log lacks columns {missing} (expected {expected})",
    ),
    "ds.csv_width": (
        "这一行有 {found} 列，表头有 {expected} 列（{columns}）：逗号多了还是少了？",
        "this row has {found} columns, the header {expected} ({columns}): a comma too many or too few?",
    ),
    "ds.csv_date": ("{field} '{value}' 应为 YYYY-MM-DD", "{field} '{value}' must be YYYY-MM-DD"),
    "ds.csv_choice": (
        "{field} '{value}' 不在 {choices} 之中",
        "{field} '{value}' is not one of {choices}",
    ),
    "ds.csv_pending": (
        "申请 {id}：办理结果 outcome 与办结日期 closed 须同时填写（办理中则都留空）",
        "application {id}: outcome and closed go together (both empty while pending)",
    ),
    "ds.csv_order": ("申请 {id}：办结日期早于收到日期", "application {id}: closed before received"),
    "ds.missing_report": (
        "{name}尚未发布 {year} 年度政府信息公开工作年度报告（应于次年 1 月 31 日前公布）",
        "{name} has not published its {year} annual disclosure report (due by 31 January)",
    ),
    "ds.contradicts_issued": (
        "表二「{row}」「{column}」（{path}）为 {declared}，但网站上 {year} 年制发的{row}有 "
        "{actual} 件（前置元数据写有 doc_type: {doc_type}、成文日期 written 在 {year} 年的已签发"
        "稿件，没有 written 的按发布日期）：请核对报告的数字，或发布漏发的文件、给已发布的文件"
        "补写 doc_type: {doc_type}",
        "table 二 “{row}” “{column}” ({path}) is {declared}, but the portal has {actual} "
        "issued in {year} (approved items with doc_type: {doc_type} and `written`, else "
        "`date`, in {year}): check the report's figure, or publish the missing documents "
        "or add doc_type: {doc_type} to those published",
    ),
    "ds.contradicts_repealed": (
        "表二「{row}」「{column}」（{path}）为 {declared}，但网站上 {year} 年废止的{row}有 "
        "{actual} 件（前置元数据写有 doc_type: {doc_type}、废止日期 repealed 在 {year} 年的"
        "稿件）：请核对报告的数字，或给已废止的文件写上 repealed 日期",
        "table 二 “{row}” “{column}” ({path}) is {declared}, but the portal has {actual} "
        "repealed in {year} (items with doc_type: {doc_type} and `repealed` in {year}): "
        "check the report's figure, or add the repeal date (`repealed`) to those documents",
    ),
    "ds.index_missing": (
        "公开目录中的信息缺少索引号 index_no",
        "a disclosure item needs an index number (index_no)",
    ),
    "ds.index_format": (
        "索引号 '{value}' 格式不对，应为“单位代码/年份-流水号”，如 11539900MB00000036/2026-00012",
        "index number '{value}' is ill-formed; expected <unit code>/<year>-<serial>, "
        "e.g. 11539900MB00000036/2026-00012",
    ),
    "ds.index_prefix": (
        "索引号 '{value}' 的单位代码应为本部门的 {code}",
        "index number '{value}' must start with the department's code {code}",
    ),
    "ds.index_duplicate": (
        "索引号 '{value}' 与 {other} 重复",
        "index number '{value}' is already used by {other}",
    ),
    "ds.no_guide": (
        "{name}没有已发布的政府信息公开指南（{column}栏目）：{fix}",
        "{name} has no published disclosure guide (column {column}): {fix}",
    ),
    "ds.no_rules": (
        "{name}没有已发布的政府信息公开制度（{column}栏目）：{fix}",
        "{name} has no published disclosure rules page (column {column}): {fix}",
    ),
    "ds.late": (
        "成文日期 {written} 到发布日期 {date} 相隔 {days} 个工作日，超过 20 个工作日的公开时限",
        "published {days} working days after it was written ({written} → {date}), "
        "beyond the 20-working-day limit",
    ),
    "ds.late_reply": (
        "申请 {id} 用了 {days} 个工作日答复，超过 {limit} 个工作日的法定期限",
        "application {id} was answered after {days} working days, beyond the {limit}-day limit",
    ),
    "ds.unknown_year": (
        "不知道 {year} 年的法定节假日安排，无法计算工作日；请在 site.toml 的 [calendar] 中补充",
        "the {year} holiday arrangement is unknown, so working days cannot be counted; "
        "add it to [calendar] in site.toml",
    ),
    "fr.stale": (
        "栏目「{place}」最新信息发布于 {last}，已 {age} 天未更新（时限 {limit} 天）",
        "column “{place}”: newest item {last}, {age} days without an update (limit {limit})",
    ),
    "fr.empty": (
        "栏目「{place}」没有已发布的信息；全站空白栏目共 {count} 个（{veto} 个及以上单项否决）",
        "column “{place}” has nothing published; {count} empty columns in the site "
        "({veto} or more fail the national inspection)",
    ),
    "nm.no_accounts": (
        "新媒体登记表应有 accounts: 账号列表",
        "the new-media registry needs an accounts: list",
    ),
    "nm.duplicate": (
        "{unit}在{platform}上已有账号“{other}”，同一平台只应开设一个账号",
        "{unit} already has the account “{other}” on {platform}; one account per platform",
    ),
    "nm.filed_late": (
        "账号“{name}”于 {opened} 开设，{filed} 才备案，相隔 {days} 个工作日，超过 7 个工作日",
        "account “{name}” opened {opened} and was filed {filed}, {days} working days later (limit 7)",
    ),
    "nm.not_filed": (
        "账号“{name}”于 {opened} 开设，至今已 {days} 个工作日未备案（时限 7 个工作日）",
        "account “{name}” opened {opened} and is still not filed after {days} working days (limit 7)",
    ),
    "nm.notice_short": (
        "账号“{name}”关停公告于 {announced} 发布、{closes} 关停，只公告了 {days} 个工作日，应不少于 15 个工作日",
        "account “{name}”: closure announced {announced} for {closes}, only {days} working days' notice (at least 15)",
    ),
    "nm.no_notice": (
        "账号“{name}”拟关停或已关停，但没有关停公告日期 closure_announced 或关停日期 closes",
        "account “{name}” is closing or closed without closure_announced and closes dates",
    ),
    "nm.unnamed_unit": (
        "账号名称“{name}”没有体现开设单位“{unit}”",
        "account name “{name}” does not name its unit “{unit}”",
    ),
    "nm.page_title": ("政务新媒体", "government new media"),
    # ---- build and CLI
    "cli.summary": (
        "检查 {files} 个文件（{pages} 个页面）：{errors} 个错误，{warnings} 个警告，{waived} 项豁免",
        "checked {files} files ({pages} pages): {errors} errors, {warnings} warnings, "
        "{waived} waived",
    ),
    "cli.built": (
        "已发布 {pages} 个页面、{files} 个文件到 {out}",
        "published {pages} pages, {files} files to {out}",
    ),
    "cli.blocked": (
        "存在阻止发布的问题，未发布；{out} 保持不变",
        "blocked by findings; nothing published, {out} left as it was",
    ),
    "cli.withheld": (
        "已暂缓发布 {count} 项有错误的内容（页面、年度报告、媒体文件，或整个部门 content/<部门>/）：",
        "withheld {count} items with errors (pages, annual reports, media files, or whole "
        "departments content/<department>/):",
    ),
    "cli.template_error": ("模板错误：{detail}", "template error: {detail}"),
    "cli.new_written": ("已创建 {path}", "wrote {path}"),
    "cli.new_exists": ("{path} 已存在，未覆盖", "{path} already exists; not overwritten"),
    "cli.new_no_title": ("标题不能为空", "the title must not be empty"),
    "cli.init_written": ("已在 {path} 创建新门户", "scaffolded a new portal in {path}"),
    "cli.init_not_empty": ("{path} 不是空目录，未写入", "{path} is not empty; nothing written"),
    "cli.bad_date": (
        "日期 '{value}' 无效：应为 YYYY-MM-DD 格式的真实日期，如 2026-03-02",
        "date '{value}' is not valid: give a real date as YYYY-MM-DD, e.g. 2026-03-02",
    ),
    "cli.path_outside": (
        "路径 {path} 不在站点目录之内",
        "path {path} is outside the site folder",
    ),
    "cli.dept_placeholder": ("<部门>", "<dept>"),
    "cli.no_report": (
        "没有 {year} 年的年度报告（部门：{dept}）：报告写在 content/{folder}/annual-report/{year}.yaml，"
        "用 govsite report annual --template {year} --dept {folder} -o 该文件 生成模板",
        "no {year} annual report (department: {dept}): a report is "
        "content/{folder}/annual-report/{year}.yaml; govsite report annual --template {year} "
        "--dept {folder} -o that file writes the template",
    ),
    "serve.listening": (
        "预览地址 {url}（输出在临时目录 {out}，按 Ctrl+C 停止）",
        "previewing at {url} (output in {out}; Ctrl+C stops)",
    ),
    "verify.no_dir": ("{path} 不是目录", "{path} is not a folder"),
    "verify.unsigned": (
        "govsite 的构建清单尚不签名，无法用公钥核验；请改用可信位置保存的清单（--manifest）",
        "govsite manifests are not signed yet; keep a trusted copy and pass it with --manifest",
    ),
    "verify.bad_manifest": ("无法读取构建清单：{detail}", "cannot read the manifest: {detail}"),
    "verify.using": ("使用构建清单 {manifest}", "using manifest {manifest}"),
    "verify.added": ("新增", "added"),
    "verify.changed": ("被改", "changed"),
    "verify.missing": ("缺失", "missing"),
    "verify.summary": (
        "新增 {added} 个、被改 {changed} 个、缺失 {missing} 个文件",
        "{added} added, {changed} changed, {missing} missing",
    ),
    "import.bad_docx": (
        "无法读取 Word 文档 {path}（{detail}），请另存为 .docx",
        "cannot read the Word document {path} ({detail}); save it as .docx",
    ),
    "cli.unknown_rule": ("没有规则 {code}", "no rule {code}"),
    "cli.output_inside_content": (
        "输出目录 {out} 不能位于 content/、templates/ 或 checks/ 之内",
        "output folder {out} must not be inside content/, templates/ or checks/",
    ),
}


def _merge_areas() -> None:
    """Add the area catalogues of ``govsite.messages``; a key defined twice is a bug."""
    from govsite.messages import (
        annual,
        attachments,
        detection,
        docs,
        editor,
        inspection,
        security,
        speed,
    )

    for module in (annual, attachments, detection, docs, editor, inspection, security, speed):
        for key, texts in module.MESSAGES.items():
            if key in MESSAGES:
                raise ValueError(f"message {key} defined twice ({module.__name__})")
            MESSAGES[key] = texts


_merge_areas()


@dataclass(frozen=True)
class Translator:
    """Formats messages in one language for the whole run."""

    lang: str = "zh"

    def __call__(self, message_key: str, /, **params: object) -> str:
        zh, en = MESSAGES[message_key]
        template = en if self.lang == "en" else zh
        return template.format(**params)

    def did_you_mean(self, value: str, choices) -> str:
        """``；是否想写 'x'？`` for the closest choice, or "" when nothing is close."""
        guesses = difflib.get_close_matches(value, list(choices), n=1)
        return self("config.did_you_mean", guess=guesses[0]) if guesses else ""

    def join(self, items: list[str]) -> str:
        """A list in running text: 甲、乙 / a, b."""
        return (", " if self.lang == "en" else "、").join(items)


def language_of(code: str) -> str:
    """Map a site language such as ``zh-CN`` or ``en`` to a catalogue language."""
    return "en" if code.lower().startswith("en") else "zh"
