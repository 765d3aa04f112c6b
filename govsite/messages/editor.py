"""Messages of the editor area (key: (中文, English)): drafts, preview, change sets, new
departments, the command line's own words."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
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
}
