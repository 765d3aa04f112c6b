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
}
