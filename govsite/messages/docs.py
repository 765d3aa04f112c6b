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
        "`remove` 下应列出要删除的条目（列表）或键名",
        "`remove` must list the entries (a list) or keys to take out",
    ),
    # ---- govsite rules --pack
    "pack.default": ("默认规则包", "default pack"),
    "pack.header": ("# ==== {name}（{files}）", "# ==== {name} ({files})"),
}
