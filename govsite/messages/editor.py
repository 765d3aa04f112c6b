"""Messages of the editor area (key: (中文, English)): drafts, preview, change sets, new
departments, the command line's own words."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.draft_leaks": (
        "草稿中有 {count} 处个人信息或违法有害信息：草稿未发布，其余页面已发布，但这些内容已进入"
        "代码仓库，构建仍以失败结束；请从草稿中删除并改写提交历史",
        "{count} findings of personal data or illegal content are in drafts: the drafts were not "
        "published and the other pages were, but the text is in the repository, so the build "
        "fails all the same; remove it from the drafts and rewrite the commit history",
    ),
    # ---- a department or column named on the command line (new, import, report annual)
    "cli.no_such_department": (
        "site.toml 中没有部门 `{dept}`{hint}",
        "there is no department `{dept}` in site.toml{hint}",
    ),
    "cli.known_departments": (
        "；已登记的部门：{known}（新部门用 govsite new-department 登记）",
        "; the departments are {known} (add one with govsite new-department)",
    ),
    "cli.no_such_column": (
        "site.toml 中没有栏目 `{column}`{hint}",
        "there is no column `{column}` in site.toml{hint}",
    ),
    "cli.known_columns": (
        "；已登记的栏目：{known}（新栏目先在 site.toml 中加一段 [[columns]]）",
        "; the columns are {known} (add one as a [[columns]] table in site.toml)",
    ),
    "cli.column_not_opened": (
        "部门 `{dept}` 没有开设栏目 `{column}`：site.toml 中该部门的 columns 只有 {opened}；"
        '要开设，把 "{column}" 加进该部门的 columns',
        "department `{dept}` has not opened column `{column}`: its columns in site.toml are "
        '{opened}; to open it, add "{column}" to that list',
    ),
    "cli.report_unread": (
        "年度报告文件无法读取，报告未打印：请先改正下面的问题",
        "the annual report file could not be read, so the report is not printed: fix the "
        "problems below first",
    ),
    # ---- drafts (govsite.drafts)
    "drafts.summary": (
        "其中 {count} 个问题在草稿中：草稿不发布，这些问题不阻止其他页面发布，但须在签发前改正；"
        "个人信息和违法内容在任何文件中都不得提交。",
        "{count} of them are in drafts: drafts are not published, so these block no other "
        "page, but fix them before approval; personal data and illegal content may not be "
        "committed in any file.",
    ),
    # ---- preview (govsite serve)
    "preview.banner_draft": (
        "草稿：本稿件尚未签发，仅在预览中可见，不会发布。",
        "Draft: this item is not approved; it is visible in the preview only and is not published.",
    ),
    "preview.banner_scheduled": (
        "定时发布：本稿件将于 {date} 发布，在此之前仅在预览中可见。",
        "Scheduled: this item is published on {date}; until then it is visible in the preview only.",
    ),
    "preview.panel_label": ("检查结果", "Check results"),
    "preview.panel_title": ("本页有 {count} 个问题", "{count} problems on this page"),
    "preview.panel_blocking": (
        "，其中 {count} 个错误会阻止发布",
        ", {count} of them errors that block publishing",
    ),
    "preview.panel_draft": (
        "，其中 {count} 个错误须在签发前改正（草稿不发布，不影响其他页面）",
        ", {count} of them errors to fix before approval (a draft is not published and blocks "
        "no other page)",
    ),
    "preview.panel_leaks": (
        "；{count} 个涉及个人信息或违法内容，不得提交到仓库",
        "; {count} of them personal data or illegal content, which may not be committed",
    ),
    "preview.line": ("第 {line} 行", "line {line}"),
    "preview.no_line": ("全站", "site-wide"),
    "preview.waived": ("（已豁免）", " (waived)"),
    "preview.error_title": ("构建出错", "Build error"),
    "preview.error_recovers": (
        "修改后预览会自动恢复。",
        "The preview recovers by itself once the problem is fixed.",
    ),
    "preview.broken_title": ("无法读取本页的源文件", "This page's source cannot be read"),
    "preview.broken_detail": (
        "{url} 的源文件有错误，修改后预览会自动恢复。",
        "The source of {url} has errors; the preview recovers once they are fixed.",
    ),
    "preview.collapse": ("收起/展开", "collapse/expand"),
    "serve.port_busy": (
        "端口 {port} 已被占用（可能已有一个预览在运行）：请用 --port 换一个端口，或用 --port 0 "
        "任选空闲端口",
        "port {port} is already in use (another preview may be running): choose another with "
        "--port, or --port 0 for any free port",
    ),
    "serve.bad_port": (
        "端口 {port} 无效：应为 0 到 65535 之间的整数（0 表示任选空闲端口）",
        "port {port} is not valid: use a whole number from 0 to 65535 (0: any free port)",
    ),
    "serve.port_denied": (
        "没有权限监听端口 {port}（1024 以下的端口需要管理员权限）：请用 --port 8000 等端口",
        "no permission to listen on port {port} (ports below 1024 need administrator rights): "
        "use --port 8000 or another port",
    ),
    "serve.bad_host": (
        "无法在地址 {host} 上监听：应为本机的地址，如 127.0.0.1（默认，仅本机可访问）或 ::1",
        "cannot listen on {host}: give an address of this machine, such as 127.0.0.1 (the "
        "default, reachable from this machine only) or ::1",
    ),
    # ---- change sets (govsite check --staged / --since)
    "changes.no_git": (
        "{site} 不在 git 仓库中：--staged 和 --since 从 git 读取改动",
        "{site} is not in a git repository: --staged and --since read the changes from git",
    ),
    "changes.git_failed": ("git {command} 失败：{detail}", "git {command} failed: {detail}"),
    "changes.bad_ref": ("'{ref}' 不是 git 版本名", "'{ref}' is not a git revision"),
    "changes.no_such_path": (
        "{path} 不存在，git 中也没有这个文件（路径写错了？）",
        "{path} does not exist, and git does not know it either (a typo?)",
    ),
    "changes.removed": (
        "本次改动删除或改名了 {count} 个文件；站内因此失效的链接和缺失的页面：{links} 处",
        "the changes delete or rename {count} files; links and pages they break: {links}",
    ),
    # ---- build --withhold (govsite.withhold)
    "withhold.unlinked": (
        "链接 `{href}` 的目标本次暂缓发布，发布的页面上这个链接显示为纯文字",
        "the target of link `{href}` is withheld in this build; the published page shows "
        "the link as plain text",
    ),
    # ---- DS005: what to create
    "ds.create": (
        '请创建 {path} 并审核签发（govsite new {dept} {column_id} "{title}" --slug {slug} '
        "会生成带完整前置元数据的草稿；新部门可用 govsite new-department 一次生成）",
        'create {path} and have it approved (govsite new {dept} {column_id} "{title}" '
        "--slug {slug} writes a draft with complete front matter; for a new department "
        "govsite new-department writes both pages)",
    ),
    "ds.approve_draft": (
        "草稿 {path} 尚未签发：填写审核链并改为 review.status: approved 后即可发布",
        "the draft {path} is not approved yet: complete its review chain and set "
        "review.status: approved to publish it",
    ),
    "ds.scheduled": (
        "{path} 定于 {date} 发布，在此之前本部门没有{kind}",
        "{path} is scheduled for {date}; until then the department has no {kind}",
    ),
    "ds.kind_guide": ("政府信息公开指南", "disclosure guide"),
    "ds.kind_rules": ("政府信息公开制度", "disclosure rules page"),
    "ds.title_guide": ("{name}政府信息公开指南", "{name}政府信息公开指南"),
    "ds.title_rules": ("{name}政府信息公开制度", "{name}政府信息公开制度"),
    # ---- govsite new-department
    "newdept.exists": (
        "site.toml 中已有部门 '{id}'",
        "site.toml already has a department '{id}'",
    ),
    "newdept.no_name": ("部门全称不能为空", "the department's name must not be empty"),
    "newdept.bad_credit_code": (
        "统一社会信用代码 '{value}' 格式不对：应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V），"
        "如 11539900MB0000099X",
        "unified social credit code '{value}' is malformed: 18 digits and capital letters "
        "(no I, O, Z, S, V), e.g. 11539900MB0000099X",
    ),
    "newdept.registered": (
        "已在 site.toml 中登记部门 {id}（{name}）",
        "registered department {id} ({name}) in site.toml",
    ),
    "newdept.add_this": (
        "请网站主管单位把以下配置加入 {path}：",
        "have the web office add this entry to {path}:",
    ),
    "newdept.draft_written": ("已创建草稿 {path}", "wrote the draft {path}"),
    "newdept.next": (
        "下一步：填写这两个页面并审核签发（review.status: approved）。在此之前，"
        "govsite build --withhold 暂缓发布 content/{id}/，其余部门照常发布。",
        "next: fill in both pages and have them approved (review.status: approved). Until "
        "then, govsite build --withhold holds content/{id}/ back and publishes the rest of "
        "the city.",
    ),
    # ---- argparse's own words (govsite.argtext); the English is argparse's msgid
    "argparse.usage": ("用法：", "usage: "),
    "argparse.positional": ("位置参数", "positional arguments"),
    "argparse.options": ("选项", "options"),
    "argparse.options_old": ("选项", "optional arguments"),
    "argparse.subcommands": ("子命令", "subcommands"),
    "argparse.help": ("显示本帮助并退出", "show this help message and exit"),
    "argparse.error": ("%(prog)s：错误：%(message)s\n", "%(prog)s: error: %(message)s\n"),
    "argparse.argument": (
        "参数 %(argument_name)s：%(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "argparse.required": (
        "缺少必需的参数：%s",
        "the following arguments are required: %s",
    ),
    "argparse.one_required": ("%s 中必须给出一个", "one of the arguments %s is required"),
    "argparse.unrecognized": ("无法识别的参数：%s", "unrecognized arguments: %s"),
    "argparse.not_allowed": ("不能与参数 %s 同时使用", "not allowed with argument %s"),
    "argparse.ignored": ("多余的参数值 %r 被忽略", "ignored explicit argument %r"),
    "argparse.expected_one": ("需要一个值", "expected one argument"),
    "argparse.expected_at_most_one": ("最多只能有一个值", "expected at most one argument"),
    "argparse.expected_at_least_one": ("至少需要一个值", "expected at least one argument"),
    "argparse.expected_n": ("需要 %s 个值", "expected %s arguments"),
    "argparse.ambiguous": (
        "选项 %(option)s 有歧义，可能是 %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "argparse.unexpected": ("意外的选项 %s", "unexpected option string: %s"),
    "argparse.invalid_value": ("%(value)r 不是有效的值", "invalid value: %(value)r"),
    "argparse.invalid_choice": (
        "%(value)r 不是可选的值（可选：%(choices)s）",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "argparse.unknown_parser": (
        "没有子命令 %(parser_name)r（可选：%(choices)s）",
        "unknown parser %(parser_name)r (choices: %(choices)s)",
    ),
    "argparse.cannot_open": (
        "无法打开 '%(filename)s'：%(error)s",
        "can't open '%(filename)s': %(error)s",
    ),
    # ---- the command line's help
    "help.description": (
        "政府门户网站构建与合规检查工具：把各部门的 Markdown 稿件构建成门户网站，"
        "不发布规则禁止的内容",
        "builds a city government's portal from the departments' Markdown and refuses to "
        "publish what the rules forbid",
    ),
    "help.version": ("显示版本号并退出", "show the version number and exit"),
    "help.commands": ("命令", "commands"),
    "help.lang": (
        "输出语言：zh 中文，en 英文（默认随 site.toml 的 language）",
        "output language: zh Chinese, en English (default: the language in site.toml)",
    ),
    "help.site": ("站点目录（默认当前目录）", "the site's folder (default: the current folder)"),
    "help.as_of": (
        "把“今天”固定为 YYYY-MM-DD，使结果可重复",
        "take YYYY-MM-DD as today, for reproducible results",
    ),
    "help.format": ("输出格式", "output format"),
    "help.report_file": (
        "同时写出合规检查报告（HTML）",
        "also write the compliance dashboard (HTML)",
    ),
    "help.build": (
        "检查并构建门户到 public/（有错误则不发布）",
        "check and build the portal into public/ (nothing is published while errors remain)",
    ),
    "help.build.out": ("输出目录（默认 <站点>/public）", "output folder (default: <site>/public)"),
    "help.build.strict": ("警告也阻止发布", "warnings block publishing too"),
    "help.build.withhold": (
        "暂缓发布有错误的页面、年度报告或部门，发布其余内容（退出码仍为 1）",
        "withhold the pages, annual reports or departments with errors and publish the rest "
        "(the exit code is still 1)",
    ),
    "help.check": (
        "只检查，不发布（提交前在本地运行）",
        "check only, publish nothing (run it before committing)",
    ),
    "help.check.paths": (
        "只报告这些文件或目录（全站规则仍检查整个站点）",
        "report only on these files or folders (site-wide rules still see the whole site)",
    ),
    "help.check.staged": (
        "检查待提交的改动（git diff --cached）：新增和修改的文件，以及删除、改名后在各部门失效的链接",
        "check the commit being made (git diff --cached): the files it adds and changes, and "
        "the links its deletions and renames break in every department",
    ),
    "help.check.since": (
        "检查自 REF（如 origin/main）以来的全部改动，含删除和改名",
        "check every change since REF (such as origin/main), deletions and renames included",
    ),
    "help.check.strict": ("警告也算失败", "warnings fail the check too"),
    "help.serve": (
        "本地预览：自动重建、自动刷新，在页面上显示检查结果；草稿和定时发布的稿件也可预览",
        "preview locally: rebuilds and reloads by itself and shows each page's findings on "
        "the page; drafts and scheduled items are shown too",
    ),
    "help.serve.host": (
        "监听地址（默认 127.0.0.1，仅本机可访问）",
        "address to listen on (default 127.0.0.1: this machine only)",
    ),
    "help.serve.port": (
        "端口（默认 8000；0 表示任选空闲端口）",
        "port (default 8000; 0: any free port)",
    ),
    "help.serve.open": ("在浏览器中打开", "open it in the browser"),
    "help.new": (
        "新建一篇稿件（草稿，前置元数据齐全，待填写）",
        "start a new item (a draft with every front-matter field to fill in)",
    ),
    "help.dept": ("部门 id（site.toml 中登记的）", "department id (as in site.toml)"),
    "help.column": ("栏目 id（site.toml 中登记的）", "column id (as in site.toml)"),
    "help.new.title": ("标题", "title"),
    "help.slug": (
        "网址名（小写字母、数字和连字符；默认按日期编号）",
        "URL name (lowercase letters, digits and hyphens; default: numbered by date)",
    ),
    "help.new.date": (
        "发布日期 YYYY-MM-DD（默认今天）",
        "publication date YYYY-MM-DD (default: today)",
    ),
    "help.newdept": (
        "新部门加入：登记到 site.toml，生成公开指南和公开制度草稿",
        "a department joins: register it in site.toml and write its disclosure guide and "
        "rules pages as drafts",
    ),
    "help.newdept.id": (
        "部门 id（content/ 下的目录名：小写字母、数字和连字符）",
        "department id (its folder under content/: lowercase letters, digits and hyphens)",
    ),
    "help.newdept.name": ("部门全称，如 示例市数据局", "the department's full name"),
    "help.newdept.short_name": ("简称（默认同全称）", "short name (default: the full name)"),
    "help.newdept.credit_code": (
        "统一社会信用代码（18 位），索引号的前缀",
        "unified social credit code (18 characters), the prefix of index numbers",
    ),
    "help.newdept.phone": ("官方联系电话（可重复）", "official contact number (repeatable)"),
    "help.newdept.columns": (
        "开设的栏目 id，逗号分隔（默认全部栏目；公开指南和公开制度栏目总会开设）",
        "ids of the columns it opens, comma-separated (default: all; the guide and rules "
        "columns are always opened)",
    ),
    "help.newdept.print": (
        "不改 site.toml，只打印要加入的配置（交网站主管单位添加）",
        "leave site.toml alone and print the entry for the web office to add",
    ),
    "help.import": (
        "把 Word 文档（.docx）导入为稿件草稿，并立即检查",
        "import a Word document (.docx) as a draft item and check it at once",
    ),
    "help.import.document": ("Word 文档（.docx）", "the Word document (.docx)"),
    "help.verify": (
        "核对已部署的网站与构建清单是否一致",
        "compare a deployed copy with a build manifest",
    ),
    "help.verify.directory": ("已部署网站的目录", "the deployed site's folder"),
    "help.verify.manifest": (
        "可信的构建清单（默认：站点上次构建输出中的 manifest.json）",
        "the trusted manifest (default: manifest.json of the site's last build)",
    ),
    "help.verify.public_key": (
        "Ed25519 公钥（PEM）：先核验 manifest.json.sig 签名，签名缺失或不符即判为被篡改",
        "Ed25519 public key (PEM): the manifest.json.sig signature is checked first; a missing or "
        "invalid one is tampering",
    ),
    "help.init": ("新建一个门户站点", "scaffold a new portal"),
    "help.init.directory": (
        "新站点的目录（须为空或不存在）",
        "the new site's folder (empty or new)",
    ),
    "help.report": ("年度报告", "annual reports"),
    "help.report.kinds": ("报告", "reports"),
    "help.annual": (
        "校验并输出政府信息公开工作年度报告",
        "validate and print an annual information-disclosure report",
    ),
    "help.annual.year": ("年份，如 2025", "year, such as 2025"),
    "help.annual.dept": ("部门 id（默认：全市汇总）", "department id (default: the city summary)"),
    "help.rules": ("列出规则，或解释一条规则", "list the rules, or explain one"),
    "help.rules.code": ("规则代码，如 PV001", "rule code, such as PV001"),
    "serve.bad_port_text": (
        "端口 '{value}' 无效：应为 0 到 65535 之间的整数（0 表示任选空闲端口）",
        "port '{value}' is not valid: use a whole number from 0 to 65535 (0: any free port)",
    ),
    "cli.bad_year": (
        "年份 '{value}' 应为四位数字，如 2025",
        "year '{value}' must be four digits, such as 2025",
    ),
    # ---- rule titles (govsite rules, SARIF): one per rule, Chinese first
    "rule.title.AD001": ("商业广告", "commercial advertising"),
    "rule.title.AD002": (
        "违法内容（赌博、色情、诈骗等）",
        "illegal content (gambling, pornography, fraud …)",
    ),
    "rule.title.AD003": ("源文件中的原始 HTML", "raw HTML in the source"),
    "rule.title.AT001": ("附件未经检查", "attachment not checked"),
    "rule.title.AT002": ("附件中有隐藏内容", "hidden content in an attachment"),
    "rule.title.AT003": (
        "附件中留有修订痕迹或批注",
        "tracked changes or comments left in an attachment",
    ),
    "rule.title.AT004": ("附件的文件属性随附件发布", "attachment properties published with it"),
    "rule.title.AT005": ("图片发布时去除的元数据", "image metadata removed on publishing"),
    "rule.title.AT006": ("没有页面使用的附件", "attachment no page uses"),
    "rule.title.DS001": ("年度报告缺失", "annual report missing"),
    "rule.title.DS002": ("年度报告数字不平衡", "annual report figures do not add up"),
    "rule.title.DS003": ("年度报告与网站内容不符", "annual report contradicts the content"),
    "rule.title.DS004": (
        "索引号缺失、格式错误或重复",
        "index number missing, malformed or used twice",
    ),
    "rule.title.DS005": ("缺少政府信息公开指南或制度", "disclosure guide or rules page missing"),
    "rule.title.DS006": ("超过 20 个工作日才公开", "disclosed after the 20-working-day limit"),
    "rule.title.DS007": ("依申请公开答复超期", "application answered late"),
    "rule.title.FM001": (
        "前置元数据无法读取或类型不对",
        "front matter unreadable or of the wrong type",
    ),
    "rule.title.FM002": ("缺少必填字段", "required field missing"),
    "rule.title.FM003": (
        "部门或栏目未登记或与目录不符",
        "unknown department or column, or not the folder's",
    ),
    "rule.title.FM004": ("网址冲突或 slug 不安全", "URL conflict or unsafe slug"),
    "rule.title.FR001": ("栏目长期未更新", "stale column"),
    "rule.title.FR002": ("空白栏目", "empty column"),
    "rule.title.LK001": ("链接到商业网站", "link to a commercial site"),
    "rule.title.LK002": ("站内链接失效", "broken internal link"),
    "rule.title.LK003": ("使用不安全的 http 链接", "insecure http link"),
    "rule.title.LK004": ("危险的链接地址（javascript: 等）", "unsafe URL scheme (javascript: …)"),
    "rule.title.MD001": ("图片缺少替代文字", "image without alt text"),
    "rule.title.MD002": ("图片或视频未注明来源和授权", "image or video without source and license"),
    "rule.title.MD003": ("地图缺少审图号", "map without a review number"),
    "rule.title.NM001": ("同一平台重复开设账号", "two accounts on one platform"),
    "rule.title.NM002": ("新媒体账号备案超期", "account filed late"),
    "rule.title.NM003": ("关停公告期不足", "closure announced too late"),
    "rule.title.NM004": ("账号名称未体现开设单位", "account name without its unit"),
    "rule.title.PV001": ("身份证号码未脱敏", "resident ID number unmasked"),
    "rule.title.PV002": ("手机号码未脱敏", "mobile phone number unmasked"),
    "rule.title.PV003": ("个人固定电话", "private landline"),
    "rule.title.PV004": ("银行卡号未脱敏", "bank card number unmasked"),
    "rule.title.PV005": ("个人详细住址", "private home address"),
    "rule.title.RV001": ("审核链不完整", "incomplete review chain"),
    "rule.title.RV002": ("签发晚于发布", "approved after publication"),
    "rule.title.RV003": ("签发人级别不够", "approver below the review level"),
    "rule.title.RV004": ("重大敏感内容未按重大级别审核", "sensitive topic not reviewed as major"),
    "rule.title.RV005": ("编辑自审自签", "editor approved their own item"),
    "rule.title.SR001": ("转载未注明来源", "repost without its source"),
    "rule.title.SR002": ("转载来源不在允许名单中", "repost from an unapproved source"),
    "rule.title.SR003": ("转载改动了标题", "repost title changed"),
    "rule.title.ST001": ("网站身份信息缺失或格式不对", "site identity missing or malformed"),
    "rule.title.WD001": ("严重表述错误", "serious wording error"),
    "rule.title.WD002": ("错别字", "common typo"),
    "rule.title.WV001": ("豁免没有豁免任何问题", "waiver that waives nothing"),
    "rule.title.DS008": (
        "现行有效件数与上年报告对不上",
        "documents in force do not follow from last year's report",
    ),
    "rule.title.RV006": ("疑似倒填发布日期", "backdated item"),
    "rule.title.LK005": ("外部链接打不开", "dead external link"),
    "rule.title.IN001": ("政策文件没有解读", "policy without an interpretation"),
    "rule.title.IN002": ("解读没有指向已发布的政策文件", "interpretation of no published policy"),
    "rule.title.LD001": ("领导姓名或职务有误", "leader's name or title wrong"),
    "rule.title.NM005": ("新媒体账号长期未更新", "silent new-media account"),
    "rules.severity.error": ("错误", "error"),
    "rules.severity.warning": ("警告", "warning"),
    "rules.severity.info": ("提示", "info"),
    # ---- template errors (build, serve)
    "template.no_variable": (
        "模板中没有名为 `{name}` 的变量",
        "the template has no variable `{name}`",
    ),
    "template.no_attribute": (
        "{what}没有 `{name}` 这一项（可用：{available}）{hint}",
        "{what} has no `{name}` (available: {available}){hint}",
    ),
    "template.not_found": ("找不到模板 `{name}`", "template `{name}` not found"),
    "template.syntax": (
        "模板语法错误（Jinja2）：{detail}",
        "template syntax error (Jinja2): {detail}",
    ),
    "template.failed": ("模板运行出错（Jinja2）：{detail}", "template error (Jinja2): {detail}"),
    # ---- expected formats (ST001)
    "st.format.site_code": (
        "应为 10 位数字的网站标识码（如 5399000001），或 bm 加 8 位数字（如 bm53000001）",
        "expected the 10-digit site code (e.g. 5399000001), or bm and 8 digits (e.g. bm53000001)",
    ),
    "st.format.icp": (
        "应为“省份简称 + ICP备 + 6 至 10 位数字 + 号”，可带“-序号”，如 滇ICP备12345678号-1",
        "expected province abbreviation + ICP备 + 6 to 10 digits + 号, optionally -N, "
        "e.g. 滇ICP备12345678号-1",
    ),
    "st.format.public_security": (
        "应为“省份简称 + 公网安备 + 14 位数字 + 号”，如 滇公网安备53010202000001号",
        "expected province abbreviation + 公网安备 + 14 digits + 号, e.g. 滇公网安备53010202000001号",
    ),
    "st.format.sponsor": (
        "应为主办单位全称，如 示例市人民政府办公室",
        "expected the sponsor's full name, e.g. 示例市人民政府办公室",
    ),
    "config.timezone": (
        "'{value}' 不是时区名称：应为 IANA 时区名，如 Asia/Shanghai（默认）",
        "'{value}' is not a time zone: give an IANA name such as Asia/Shanghai (the default)",
    ),
    # ---- help of commands other helpers added (report annual --template, links)
    "help.annual.description": (
        "校验并输出政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。\n\n"
        "  govsite report annual --year 2025 --dept edu    一个部门的报告（退出码 1：有错误）\n"
        "  govsite report annual --year 2025               全市汇总\n"
        "  govsite report annual --template 2025 --dept edu -o content/edu/annual-report/2025.yaml\n"
        "                                                  写出填写模板（全部为 0，附各表各行各列名称）\n",
        "Validate and print an annual information-disclosure report (the national format of "
        "国办公开办函〔2021〕30号).\n\n"
        "  govsite report annual --year 2025 --dept edu    one department's report (exit 1: errors)\n"
        "  govsite report annual --year 2025               the city summary\n"
        "  govsite report annual --template 2025 --dept edu -o content/edu/annual-report/2025.yaml\n"
        "                                                  write a template to fill in (all 0, "
        "with every table, row and column named)\n",
    ),
    "help.annual.epilog": (
        "数字照报告所印填写：件数为整数，收费金额（万元）可带小数，按所写位数原样发布；\n"
        "空白格（留空、——、/）按 0 计，页面照印；印出的合计（各行总计、小计、（七）总计、\n"
        "表四总计）都会与其下一层数字核对（DS002）；上一年度报告在仓库中时核对现行有效件数（DS008）。\n"
        "详见 docs/annual-report.md。\n",
        "Write the figures as the report prints them: counts are whole numbers, fees (10,000 "
        "yuan) may have decimals and are published as written;\nblank cells (empty, ——, /) "
        "count as 0 and are printed as blank; every printed total is checked against the "
        "figures below it (DS002);\nwith last year's report in the repository, the documents "
        "in force are checked too (DS008). See docs/annual-report.md.\n",
    ),
    "help.annual.format": (
        "text：按国家格式逐行列出；json：与 report.json 相同的数据加检查结果",
        "text: row by row in the national format; json: the data of report.json plus the findings",
    ),
    "help.annual.template": (
        "不校验，写出 YEAR 年度报告的完整 YAML 模板（每个表格、行、列，附国家格式名称）",
        "validate nothing; write the complete YAML template of YEAR's report (every table, "
        "row and column, with the national format's names)",
    ),
    "help.annual.output": (
        "模板写入此文件（须在站点目录内，不覆盖已有文件；默认输出到屏幕）",
        "write the template to this file (inside the site, never over an existing file; "
        "default: the screen)",
    ),
    "help.links": (
        "检查链接（--external：请求外部链接）",
        "check links (--external: request the external ones)",
    ),
    "help.links.external": (
        "逐个请求外部链接（结果缓存）",
        "request every external link (results are cached)",
    ),
    "import.not_docx": (
        "不是 .docx 格式，或文件已损坏",
        "not in .docx format, or the file is damaged",
    ),
    "import.missing": ("文件不存在或无法打开", "the file is missing or cannot be opened"),
    "help.init.repo": (
        "CI 和 pre-commit 安装 govsite 的仓库地址（默认自动识别）",
        "the repository CI and pre-commit install govsite from (default: detected)",
    ),
    "help.init.rev": (
        "固定的 govsite 版本：标签或提交号",
        "the govsite version to pin: a tag or a commit",
    ),
    "help.rules.pack": (
        "列出站点实际使用的规则包条目及其来源（默认或 checks/）",
        "list the rule-pack entries the site uses and where each comes from (default or checks/)",
    ),
    "help.rules.site": (
        "站点目录（默认当前目录；用于 --pack）",
        "the site's folder (default: the current folder; for --pack)",
    ),
}
