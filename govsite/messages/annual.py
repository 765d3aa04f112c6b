"""Messages of the annual area (key: (中文, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- reading the figures
    "ds.not_amount": (
        "{cell}（{path}）应为非负金额（单位万元，可带小数，如 5949.088667），实为 {value}",
        "{cell} ({path}) must be a non-negative amount in 万元 (decimals allowed, "
        "e.g. 5949.088667), got {value}",
    ),
    "ds.too_large": (
        "{cell}（{path}）为 {value}，超出合理范围（件数最多 9 位，金额不到 1 亿万元），请核对",
        "{cell} ({path}) is {value}, beyond any plausible figure (counts have at most 9 "
        "digits, amounts stay under 100,000,000 万元); check it",
    ),
    "ds.too_precise": (
        "{cell}（{path}）为 {value}，金额最多保留 6 位小数（0.000001 万元即 1 分）",
        "{cell} ({path}) is {value}: an amount has at most 6 decimals (0.000001 万元 is one fen)",
    ),
    "ds.thousands_flow": (
        "{cell}（{path}）写作 {written}：在 [ ] 或 {{ }} 中 YAML 以逗号分隔各项，会把它读成几个数；"
        "已按 {value} 读取，请去掉千位分隔符写作 {value}",
        "{cell} ({path}) is written {written}: inside [ ] or {{ }} YAML splits items at "
        "commas and reads several numbers; read as {value} — write {value} without separators",
    ),
    "ds.thousands_elsewhere": (
        "{written} 写在 [ ] 或 {{ }} 中，逗号会被 YAML 当作分隔符；已按一个数读取，请去掉千位分隔符",
        "{written} inside [ ] or {{ }}: YAML splits at the comma; read as one number — "
        "remove the thousands separators",
    ),
    "ds.split_number": (
        "`{field}` 不是字段名：像是被逗号拆开的数字的后半段（{part}）；千位分隔符请去掉，"
        "如 447,228 写作 447228",
        "`{field}` is no field: it looks like the tail ({part}) of a number split at a "
        "comma; write numbers without thousands separators (447228, not 447,228)",
    ),
    # ---- shapes
    "ds.shape": (
        "`{path}` 应写作 {expected}，实为 {found}",
        "`{path}` must be written {expected}, got {found}",
    ),
    "ds.row_length": (
        "`{path}` 有 {count} 个数，应为 6 个（自然人、商业企业、科研机构、社会公益组织、"
        "法律服务机构、其他），可加第 7 个“总计”；空白格写作 ——、/ 或留空（如 [1, , 0, 0, 0, 0]），"
        "不要省略",
        "`{path}` has {count} numbers; it needs 6 (natural persons, commercial, research, "
        "public-interest, legal-services, other organisations), optionally a 7th, the total; "
        "write a blank cell as ——, / or nothing ([1, , 0, 0, 0, 0]), never leave it out",
    ),
    "ds.group_as_row": (
        "「{label}」在国家格式（国办公开办函〔2021〕30号）中分为 {count} 个子行，这里写成了一行数字"
        "（已作为本项小计计入（七）总计）：请分行填写 {path}: {{{shape}}}；无法区分的可全部填在 "
        "{last}，报告另印有本项小计的写在 {subtotal}",
        "“{label}” has {count} sub-rows in the national format (2021); here it is one row of "
        "numbers (counted as the group's subtotal in （七）总计): write {path}: {{{shape}}}; "
        "figures that cannot be split go to {last}, a printed subtotal to {subtotal}",
    ),
    # ---- arithmetic
    "ds.row_total": (
        "{cell}（{path}）应为 {expected}，实为 {found}：本行各列之和为 {expected}",
        "{cell} ({path}) should be {expected}, found {found}: the row's columns add up to "
        "{expected}",
    ),
    "ds.subtotal": (
        "{cell}（{path}）应为 {expected}，实为 {found}：{label}各子行之和为 {expected}",
        "{cell} ({path}) should be {expected}, found {found}: the sub-rows of {label} add up "
        "to {expected}",
    ),
    "ds.handled": (
        "{cell}（{path}）应为 {expected}，实为 {found}：（一）至（六）各项之和为 {expected}",
        "{cell} ({path}) should be {expected}, found {found}: rows （一） to （六） add up to "
        "{expected}",
    ),
    "ds.review_total": (
        "{cell}（{path}）应为 {expected}，实为 {found}：结果维持、结果纠正、其他结果、尚未审结之和为 "
        "{expected}",
        "{cell} ({path}) should be {expected}, found {found}: upheld, corrected, other and "
        "pending add up to {expected}",
    ),
    "ds.blank_hides": (
        "{cell}（{path}）为空白（{written}），但按勾稽关系应为 {needed}：空白按 0 计，请填写 {needed}",
        "{cell} ({path}) is blank ({written}) but the arithmetic needs {needed} there: a "
        "blank counts as 0; write {needed}",
    ),
    # ---- cross-year (DS008)
    "ds.cross_year": (
        "表二「{row}」「现行有效件数」（{path}）为 {found}，按上年报告应为 {expected}：上年现行有效 "
        "{previous}（{previous_path}）加本年制发 {issued} 减本年废止 {repealed}；"
        "如有文件因有效期届满等原因失效，请在报告中说明",
        "table 二 “{row}” in force ({path}) is {found}, but last year's report gives "
        "{expected}: {previous} in force last year ({previous_path}) plus {issued} issued "
        "minus {repealed} repealed; if documents expired, say so in the report",
    ),
    "ds.blank_note": ("（空白，按 0 计）", " (blank, counted as 0)"),
    "ds.blank_empty": ("未填", "empty"),
    # ---- the application log
    "ds.csv_symlink": (
        "申请记录是符号链接，未读取：请提交文件本身",
        "the application log is a symbolic link and was not read: commit the file itself",
    ),
    "ds.csv_unreadable": (
        "申请记录无法读取：{detail}",
        "the application log cannot be read: {detail}",
    ),
    # ---- report annual --template
    "cli.template_written": (
        "已写出年度报告模板：{path}",
        "annual report template written: {path}",
    ),
    "cli.template_exists": (
        "{path} 已存在，未覆盖；请换一个文件名或先移走原文件",
        "{path} exists and was not overwritten; choose another name or move it first",
    ),
    "cli.template_unwritable": (
        "{path} 无法写入：{detail}",
        "cannot write {path}: {detail}",
    ),
    "cli.template_outside": (
        "{path} 不在站点目录 {site} 之内，未写出",
        "{path} is outside the site folder {site}; nothing written",
    ),
    "cli.year_required": (
        "请用 --year YEAR 指定年份（或用 --template YEAR 生成模板）",
        "give --year YEAR (or --template YEAR for a blank template)",
    ),
    "cli.template_year": (
        "年份 {year} 不对：应为四位数年份，如 2025",
        "year {year} is not a four-digit year such as 2025",
    ),
}
