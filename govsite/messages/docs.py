"""Messages of the docs area (key: (中文, English)): rule-pack merging, init, rules --pack."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- rule pack: extend / remove / replace (govsite/packmerge.py)
    "pack.yaml": ("不是合法的 YAML：{detail}", "not valid YAML: {detail}"),
    "pack.replace_bool": (
        "`replace` 应为 true 或 false（true：本文件替换默认规则包中的同名文件）",
        "`replace` must be true or false (true: this file replaces the default pack's file)",
    ),
    "pack.block_mapping": (
        "`{key}:` 下应为与文件顶层相同结构的映射（如 `{key}: {{allow: [example.org.cn]}}`）",
        "`{key}:` must hold a mapping shaped like the file itself"
        " (e.g. `{key}: {{allow: [example.org.cn]}}`)",
    ),
    "pack.remove_nothing": (
        "`remove` 中的 '{entry}' 不在默认规则包中，没有可删除的条目（是否写错了？）",
        "`remove`: '{entry}' is not in the default pack; nothing to remove (a typo?)",
    ),
    "pack.remove_shape": (
        "`remove` 下应列出要删除的条目（列表）或键名；带 name 的条目只写名称，整条删除",
        "`remove` must list the entries (a list) or keys to take out; a named entry by its"
        " name alone, removed whole",
    ),
    # ---- govsite init
    "init.pinned": (
        "CI 和 pre-commit 将安装：{requirement}",
        "CI and pre-commit will install: {requirement}",
    ),
    "init.unknown_source": (
        "注意：无法确定 govsite 的仓库地址和版本，CI 文件和 .pre-commit-config.yaml 中写的是占位地址；"
        "请用 --govsite-repo URL --govsite-rev 标签 重新生成，或手工修改",
        "note: govsite's repository and version are unknown, so the CI files and"
        " .pre-commit-config.yaml hold a placeholder; run again with --govsite-repo URL"
        " --govsite-rev TAG, or edit them",
    ),
    "init.next": (
        "下一步：site.toml 中标有“占位”的值上线前必须改为真实值；然后 cd {path} && govsite build",
        "next: replace every value marked 占位 (placeholder) in site.toml before going live;"
        " then cd {path} && govsite build",
    ),
    "pack.recursive": (
        "YAML 别名引用了自身（如 `&a [*a]`），无法展开",
        "a YAML alias refers to itself (such as `&a [*a]`) and cannot be expanded",
    ),
    # ---- content/<部门>/new-media.yaml (govsite/newmedia/registry.py)
    "nm.yaml": (
        "政务新媒体登记表不是合法的 YAML：{detail}",
        "new-media registry is not valid YAML: {detail}",
    ),
    # ---- govsite rules --pack
    "pack.default": ("默认规则包", "default pack"),
    "pack.header": ("# ==== {name}（{files}）", "# ==== {name} ({files})"),
}
