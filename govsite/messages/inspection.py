"""Messages of the inspection area (key: (中文, English)): the national inspection's veto
items — leaders' names (LD001), backdated items (RV006), dead links (LK005, ``govsite
links``), policy interpretations (IN001, IN002), silent new-media accounts (NM005)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- configuration
    "config.at_least": ("不能小于 {minimum}", "must be at least {minimum}"),
    # ---- RV006 backdated items
    "rv.backdated": (
        "发布日期 {date} 比首次提交该文件的日期 {added}（提交 {commit}）早 {days} 天，"
        "超过允许的 {tolerance} 天，疑似倒填发稿日期；请按实际发布日填写，确属更正的在 `waive` 中登记理由",
        "publication date {date} is {days} days before the file was first committed on {added} "
        "(commit {commit}), more than the {tolerance} allowed: a backdated item; use the real "
        "publication day, or record a genuine correction in `waive`",
    ),
    "rv.date_changed": (
        "已发布条目的发布日期在 {day} 由 {old} 改为 {new}（提交 {commit}）；已发布信息不得改动发布日期，"
        "确属更正的在 `waive` 中登记理由",
        "the publication date of a published item was changed from {old} to {new} on {day} "
        "(commit {commit}); a published item keeps its date, record a genuine correction in `waive`",
    ),
    "rv.date_changed_uncommitted": (
        "已发布条目的发布日期由 {old} 改为 {new}（尚未提交）；已发布信息不得改动发布日期，"
        "确属更正的在 `waive` 中登记理由",
        "the publication date of a published item is changed from {old} to {new} (not yet "
        "committed); a published item keeps its date, record a genuine correction in `waive`",
    ),
    "rv.history_not-git": (
        "站点不在 git 仓库中，无法核对发布日期与提交历史，未作判断",
        "the site is not a git checkout: publication dates cannot be checked against history, not judged",
    ),
    "rv.history_no-git": (
        "找不到 git 命令，无法核对发布日期与提交历史，未作判断",
        "no git command found: publication dates cannot be checked against history, not judged",
    ),
    "rv.history_shallow": (
        "站点是浅克隆（shallow clone），缺少完整提交历史，无法核对发布日期，未作判断；"
        "请用 `git fetch --unshallow` 或完整克隆后再检查",
        "the site is a shallow clone without its full history: publication dates not judged; "
        "run `git fetch --unshallow` or use a full clone",
    ),
    "rv.history_untracked": (
        "content/ 中没有已提交的文件，无法核对发布日期与提交历史，未作判断",
        "nothing under content/ is committed yet: publication dates cannot be checked, not judged",
    ),
    # ---- IN001–IN002 policy interpretations
    "in.missing": (
        "政策文件于 {date} 发布，超过 {days} 天（应在 {due} 前）仍没有政策解读；请发布解读稿件，"
        "并在其前置元数据中写 `interprets: /{path}`",
        "policy published on {date} still has no interpretation {days} days later (due by "
        "{due}); publish one with `interprets: /{path}` in its front matter",
    ),
    "in.no_target": (
        "`interprets: {target}` 指向的政策文件不存在或尚未发布",
        "`interprets: {target}` names no published policy document",
    ),
    "in.not_policy": (
        "`interprets: {target}` 指向的《{title}》不在政策文件类栏目",
        "`interprets: {target}` names “{title}”, which is not in a policy column",
    ),
    # ---- NM005 silent new-media accounts
    "nm.silent": (
        "账号“{name}”（{platform}）最近一次发布在 {last_post}，已 {days} 天未更新，超过 {limit} 天"
        "（国家检查：2 周内无更新即单项否决）；请恢复更新，不再维护的账号按程序关停注销",
        "account “{name}” ({platform}) last posted on {last_post}, {days} days ago, more than "
        "{limit} (the inspection vetoes an account silent for two weeks); post again, or close "
        "an account no longer kept",
    ),
    "nm.silent_label": ("超过 {limit} 天未更新", "silent for more than {limit} days"),
    # ---- LD001 leaders' names, titles and order
    "ld.wrong_title": (
        "领导同志职务有误：名册中{name}现任{current}，不是{title}",
        "wrong title for a leader: the roster has {name} as {current}, not {title}",
    ),
    "ld.former_title": (
        "领导同志职务有误：{name}已于 {until} 卸任{title}，本页日期 {date} 时任{current}",
        "outdated title for a leader: {name} left the post of {title} on {until}; on the "
        "page's date {date} the title is {current}",
    ),
    "ld.not_yet": (
        "领导同志职务有误：{name}自 {since} 起才任{title}，本页日期为 {date}",
        "title not yet held: {name} became {title} on {since}, the page is dated {date}",
    ),
    "ld.near_name": (
        "领导同志姓名疑似写错：“{written}”与名册中的{title}“{name}”只差一个字",
        "a leader's name looks misspelt: “{written}” is one character away from the "
        "roster's {title} “{name}”",
    ),
    "ld.order": (
        "领导同志排序有误：写作“{written}”，按名册位次应为“{expected}”",
        "leaders out of rank order: “{written}”, the roster's order is “{expected}”",
    ),
    # ---- LK005 dead external links, govsite links
    "lk.dead": (
        "外部链接无法访问：{url}（{reason}，{checked} 检查）；请改为现行地址或删除链接",
        "external link does not open: {url} ({reason}, checked {checked}); link to the current "
        "address or remove it",
    ),
    "lk.dead_home": (
        "首页上的外部链接无法访问：{url}（{reason}，{checked} 检查）；请修改模板或站点配置中的链接",
        "external link on the home page does not open: {url} ({reason}, checked {checked}); fix "
        "it in the templates or site configuration",
    ),
    "lk.redirected": (
        "外部链接已重定向（{statuses}）：{url} → {final}；可直接链接到新地址",
        "external link redirects ({statuses}): {url} → {final}; link to the new address",
    ),
    "lk.reason.timeout": ("超时", "timed out"),
    "lk.reason.refused": ("连接被拒绝", "connection refused"),
    "lk.reason.dns": ("域名无法解析", "host not found"),
    "lk.reason.tls": ("证书或加密连接错误", "certificate or TLS error"),
    "lk.reason.loop": ("重定向循环", "redirect loop"),
    "lk.reason.too-many-redirects": ("重定向次数过多", "too many redirects"),
    "lk.reason.unsupported": ("不支持的地址", "unsupported address"),
    "lk.reason.private": (
        "内网或保留地址，公众无法访问，未请求",
        "a private, link-local or reserved address the public cannot reach; not requested",
    ),
    "links.summary": (
        "外部链接 {urls} 个（本次请求 {requested} 个，其余取自 {days} 天内的检查结果）：不可用 {dead} 个，重定向 {redirected} 个",
        "{urls} external URLs ({requested} requested now, the rest from results younger than "
        "{days} days): {dead} dead, {redirected} redirected",
    ),
    "links.internal_only": (
        "只检查了站内链接；加 --external 请求外部链接",
        "internal links only; add --external to request external links",
    ),
    "links.offline": (
        "所有站点的域名都无法解析，看来本机无法访问网络：{count} 个外部链接未作判断，结果未缓存",
        "no host could be resolved: this machine seems to have no network; {count} external "
        "URLs not judged, nothing cached",
    ),
    "links.cache_unwritable": (
        "无法在站点目录中写入 {path}，本次结果未缓存",
        "cannot write {path} inside the site: results not cached",
    ),
    "ld.short_name": (
        "姓名 `{name}` 至少应有两个字",
        "name `{name}` needs at least two characters",
    ),
}
