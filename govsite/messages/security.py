"""Messages of the security area (key: (中文, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- paths (govsite/safepath.py)
    "safe.outside": (
        "路径 `{path}` 指向站点目录之外（含 `..`、绝对路径或非法字符），已拒绝",
        "path `{path}` leads outside the site (`..`, an absolute path or a bad character); refused",
    ),
    "safe.symlink": (
        "路径 `{path}` 经过符号链接，已拒绝：站点内容不得链接到站点之外",
        "path `{path}` goes through a symbolic link; refused: site content may not link outside the site",
    ),
    "safe.symlink_file": (
        "`{path}` 是符号链接，未读取：站点文件必须是普通文件",
        "`{path}` is a symbolic link and was not read: site files must be regular files",
    ),
    "safe.not_regular": (
        "`{path}` 不是普通文件（命名管道、设备或套接字），未读取",
        "`{path}` is not a regular file (a FIFO, device or socket) and was not read",
    ),
    "safe.not_read": (
        "`{path}` 是符号链接或不是普通文件（命名管道、设备等），未读取：请换成普通文件",
        "`{path}` is a symbolic link or not a regular file (a FIFO, a device …) and was not read: use a regular file",
    ),
    "safe.misnamed": (
        "`{path}` 不会被读取或发布：稿件文件名应以小写 `.md` 结尾并放在 content/<部门>/<栏目>/ 下；"
        "年度报告只读取 annual-report/<年份>.yaml 和 applications-<年份>.csv；政务新媒体登记表应为 new-media.yaml",
        "`{path}` is never read or published: items end in lowercase `.md` under content/<dept>/<column>/; "
        "annual-report/ holds only <year>.yaml and applications-<year>.csv; the new-media registry is new-media.yaml",
    ),
    "safe.csv_error": (
        "CSV 文件无法读取（{detail}）：请检查引号是否成对、字段是否过长",
        "the CSV file cannot be read ({detail}): check that quotes come in pairs and no field is huge",
    ),
    "safe.unreadable": ("无法读取 `{path}`：{detail}", "cannot read `{path}`: {detail}"),
    "safe.slug_too_long": (
        "slug 过长（{length} 个字符，最多 {limit} 个）：'{slug}'",
        "slug too long ({length} characters, at most {limit}): '{slug}'",
    ),
    "safe.out_root": (
        "输出目录不能是文件系统根目录 {out}",
        "the output folder cannot be the filesystem root {out}",
    ),
    "safe.out_site": (
        "输出目录 {out} 是站点目录本身或其上级目录：构建会删除全部源文件，已拒绝",
        "output folder {out} is the site itself or a folder above it: a build would delete every source file; refused",
    ),
    "safe.out_input": (
        "输出目录 {out} 位于站点的 `{input}` 之中：构建会覆盖站点的源文件，已拒绝",
        "output folder {out} is inside the site's `{input}`: a build would overwrite the site's sources; refused",
    ),
    "safe.out_file": (
        "输出位置 {out} 已是一个文件或符号链接，不是目录；未覆盖",
        "output location {out} is an existing file or symbolic link, not a folder; not overwritten",
    ),
    "safe.out_foreign": (
        "输出目录 {out} 不是空目录，也不是 govsite 以前的构建输出（没有 govsite 的 manifest.json）："
        "构建会删除其中全部文件，已拒绝。请指定新目录或空目录",
        "output folder {out} is neither empty nor a previous govsite output (no govsite manifest.json): "
        "a build would delete everything in it; refused. Use a new or empty folder",
    ),
    "safe.report_not_file": (
        "--report 应为文件路径，{path} 是目录或无法创建",
        "--report must be a file path; {path} is a folder or cannot be created",
    ),
    "verify.manifest_not_file": (
        "{path} 不是普通文件（是目录或管道等）",
        "{path} is not a regular file (a folder, a pipe …)",
    ),
    "verify.manifest_missing": ("{path} 不存在", "{path} does not exist"),
    "verify.manifest_unreadable": ("{path}：{reason}", "{path}: {reason}"),
    "verify.manifest_foreign": (
        "{path} 不是 govsite 的构建清单（不是 JSON，或没有 files 表）",
        "{path} is not a govsite manifest (not JSON, or no files table)",
    ),
    "verify.manifest_bad_entry": (
        "{path} 不是 govsite 的构建清单：条目 {name!r} 的格式不对",
        "{path} is not a govsite manifest: the entry {name!r} is malformed",
    ),
    "safe.report_foreign": (
        "--report {path} 已存在，且不是 govsite 写的检查报告：不会覆盖它；请换一个文件名或先删除它",
        "--report {path} exists and is not a report govsite wrote: it is not overwritten; "
        "choose another name or delete it first",
    ),
    "safe.report_input": (
        "--report {path} 位于站点的 `{input}` 之中，会覆盖站点的源文件；已拒绝",
        "--report {path} is inside the site's `{input}` and would overwrite its sources; refused",
    ),
    "safe.cache_input": (
        "--cache {path} 位于站点的 `{input}` 之中：缓存会混入站点的源文件；已拒绝，请放在源文件之外",
        "--cache {path} is inside the site's `{input}`: the cache would mix with the site's "
        "sources; refused, keep it elsewhere",
    ),
    "safe.cache_in_output": (
        "--cache {path} 位于输出目录 {out} 之中：缓存会随网站发布，也会被下次构建删除；已拒绝，请放在输出目录之外",
        "--cache {path} is inside the output folder {out}: it would be published with the "
        "portal and deleted by the next build; refused, keep it elsewhere",
    ),
    "safe.report_in_output": (
        "--report {path} 位于输出目录 {out} 之中：会被下次构建删除，且使构建清单核验失败；请写到输出目录之外",
        "--report {path} is inside the output folder {out}: the next build deletes it and verify would flag it; write it elsewhere",
    ),
    "safe.lock_wait": (
        "另一次构建正在写入 {out}，等待其完成……",
        "another build is writing to {out}; waiting for it to finish…",
    ),
    "cli.init_not_folder": (
        "{path} 已存在且不是目录，未写入",
        "{path} exists and is not a folder; nothing written",
    ),
    # ---- signed manifests (govsite/signing.py)
    "help.build.sign_key": (
        "用 Ed25519 私钥签名 manifest.json，写出 manifest.json.sig（也可用环境变量 GOVSITE_SIGN_KEY；"
        "私钥不得放在站点目录中）",
        "sign manifest.json with an Ed25519 private key, writing manifest.json.sig (or set "
        "GOVSITE_SIGN_KEY; the key may not live in the site folder)",
    ),
    "help.keygen": (
        "生成签名构建清单用的 Ed25519 密钥对",
        "make an Ed25519 key pair for signing build manifests",
    ),
    "help.keygen.private_key": (
        "私钥文件（放在站点目录之外；不覆盖已有文件）",
        "the private key file (outside the site folder; never overwritten)",
    ),
    "help.keygen.public_key": (
        "公钥文件（默认：私钥文件名加 .pub）",
        "the public key file (default: the private key's name plus .pub)",
    ),
    "sign.no_key": ("找不到密钥文件 {path}", "key file {path} not found"),
    "sign.key_in_site": (
        "私钥 {path} 位于站点目录 {site} 之中：私钥会随内容提交或发布，已拒绝。请放在站点之外（如 CI 的机密变量）",
        "private key {path} is inside the site folder {site}: it would be committed or published with the content; "
        "refused. Keep it outside the site (e.g. a CI secret)",
    ),
    "sign.bad_private_key": (
        "{path} 不是 Ed25519 私钥（PEM）；如已加密，请用环境变量 GOVSITE_SIGN_PASSPHRASE 提供口令",
        "{path} is not an Ed25519 private key (PEM); if it is encrypted, give the passphrase in GOVSITE_SIGN_PASSPHRASE",
    ),
    "sign.bad_public_key": (
        "{path} 不是 Ed25519 公钥（PEM）",
        "{path} is not an Ed25519 public key (PEM)",
    ),
    "sign.key_exists": ("{path} 已存在，未覆盖", "{path} already exists; not overwritten"),
    "sign.keys_written": (
        "已生成私钥 {private}（仅本人可读，切勿提交到仓库）和公钥 {public}",
        "wrote the private key {private} (owner-only; never commit it) and the public key {public}",
    ),
    "verify.signature_valid": (
        "构建清单签名有效：{manifest}",
        "the manifest's signature is valid: {manifest}",
    ),
    "verify.signature_invalid": (
        "构建清单签名无效：{manifest} 已被改动，或签名密钥不符；清单不可信",
        "the manifest's signature is INVALID: {manifest} was changed or signed with another key; it cannot be trusted",
    ),
    "verify.signature_missing": (
        "找不到构建清单或其签名 {manifest}.sig：清单不可信",
        "the manifest or its signature {manifest}.sig is missing: it cannot be trusted",
    ),
    "fm.date_field": (
        "字段 `{field}` 应为日期（YYYY-MM-DD）：",
        "field `{field}`: expected a date (YYYY-MM-DD): ",
    ),
    "rule.title.WV002": ("不允许的豁免", "waiver that may not waive"),
    # ---- waivers (engine.apply_waivers)
    "wv.unwaivable": (
        "规则 {rule} 不能豁免（个人身份信息、违法信息、可执行代码、审核链和文件问题必须改正），此豁免不生效",
        "rule {rule} cannot be waived (personal identifiers, illegal content, executable code, the review chain "
        "and file problems must be fixed); this waiver has no effect",
    ),
    "wv.not_approver": (
        "豁免 {rule} 的批准人“{by}”不是本稿件的签发人“{approver}”：只有签发人能批准豁免，此豁免不生效",
        "the waiver of {rule} is approved by “{by}”, not by the item's approver “{approver}”: only the approver "
        "can approve a waiver; this waiver has no effect",
    ),
    # ---- published URLs (govsite/urlpolicy.py)
    "lk.scheme_not_allowed": (
        "{scheme}: 地址不能发布：政府网站只链接 https、http、mailto、tel 地址，请改为网页地址或删除",
        "a {scheme}: URL cannot be published: a government site links only https, http, mailto and tel URLs; "
        "use a web address or remove it",
    ),
    "lk.no_host": (
        "地址 `{href}` 没有写明网站域名，浏览器会把它解释成别的地址：请写完整的 https:// 网址",
        "the URL `{href}` names no host and browsers read it as something else: write a full https:// URL",
    ),
    # ---- site.toml (govsite/config.py)
    "config.empty_value": ("配置项 `{key}` 不能为空", "key `{key}` must not be empty"),
    "config.bad_format": (
        "配置项 `{key}` 的值 `{value}` 格式不对，应为{expected}",
        "key `{key}` is `{value}`: expected {expected}",
    ),
    "config.out_of_range": (
        "配置项 `{key}` 应在 {low} 到 {high} 之间",
        "key `{key}` must be between {low} and {high}",
    ),
    "toml.full_width": (
        '这里用了全角符号“{char}”：TOML 只认半角的 = : " [ ] ,，请切换到英文输入法重写',
        'a full-width “{char}” here: TOML needs ASCII = : " [ ] ,; retype it with an English keyboard layout',
    ),
    "toml.expected_equals": (
        "缺少等号：每行应为 `键 = 值`（TOML 用 `=`，不用冒号）",
        "an equals sign is missing: each line is `key = value` (TOML uses `=`, not a colon)",
    ),
    "toml.invalid_value": (
        '值写法不对：文字要放在半角双引号里（如 title = "示例市人民政府"），数字、true/false、日期不加引号',
        'the value is malformed: text goes in ASCII double quotes (title = "Example City"); numbers, true/false and dates do not',
    ),
    "toml.unterminated_string": (
        "引号没有闭合：文字两端都要有半角双引号",
        "a string is not closed: put an ASCII double quote at both ends",
    ),
    "toml.unclosed": (
        '方括号或花括号没有闭合：列表应为 ["甲", "乙"]',
        'a bracket or brace is not closed: a list is ["a", "b"]',
    ),
    "toml.declared_twice": (
        "同一个表或键写了两次：[site] 只能出现一次，部门和栏目用 [[departments]]、[[columns]]",
        "a table or key is declared twice: [site] appears once; departments and columns use [[departments]], [[columns]]",
    ),
    "toml.bad_date": (
        "日期不存在或格式不对：应为 YYYY-MM-DD",
        "an impossible or malformed date: write YYYY-MM-DD",
    ),
    "toml.one_per_line": (
        "一行只能写一个 `键 = 值`；值中有空格时请放在引号里",
        "one `key = value` per line; quote a value that contains spaces",
    ),
    "toml.backslash": (
        "字符串中的反斜杠要写成 \\\\，或改用单引号字符串",
        "write a backslash in a string as \\\\, or use a single-quoted string",
    ),
    # ---- YAML (govsite/yamlsource.py): what went wrong and how to fix it
    "yaml.file": ("YAML 有误：{detail}", "YAML error: {detail}"),
    "yaml.syntax": ("YAML 语法错误（{detail}）", "YAML syntax error ({detail})"),
    "yaml.colon_in_value": (
        '这里不能出现“冒号加空格”：值里含有“: ”时，请把整个值放在引号里，如 title: "通知: 第二批"',
        'a colon followed by a space is not allowed here: quote a value that contains ": ", e.g. title: "Notice: part 2"',
    ),
    "yaml.expected_colon": (
        "缺少冒号：每行应为“键: 值”（半角冒号后加空格），或上一行的引号、括号没有闭合",
        "a colon is missing: each line is `key: value` (ASCII colon and a space), or a quote or bracket above is not closed",
    ),
    "yaml.reserved_start": (
        "字符 `{char}` 不能作为值的开头（YAML 保留字符）：请把这个值放在引号里",
        "a value cannot start with `{char}` (reserved in YAML): put the value in quotes",
    ),
    "yaml.undefined_alias": (
        "引用了未定义的锚点（`*名称`）：请先用 `&名称` 定义，或把 `*` 开头的值放在引号里",
        "an alias (`*name`) refers to an anchor never defined: define it with `&name`, or quote a value starting with `*`",
    ),
    "yaml.indentation": (
        "缩进不一致：同一层的键必须对齐，子项用空格（不能用 Tab）多缩进一级",
        "inconsistent indentation: keys at one level must line up, and children are indented further with spaces (never tabs)",
    ),
    "yaml.unclosed_quote": (
        "引号没有闭合：请检查本行及上面几行的引号是否成对（中文引号“”不算 YAML 引号）",
        "a quote is not closed: check that the quotes on this line and the lines above come in pairs",
    ),
    "yaml.escape": (
        "双引号字符串中有无效的反斜杠转义：请改用单引号，或把 \\ 写成 \\\\",
        "an invalid backslash escape in a double-quoted string: use single quotes, or write \\ as \\\\",
    ),
    "yaml.flow_sequence": (
        "方括号列表没有闭合或缺少逗号：应为 [甲, 乙]（半角逗号）",
        "a [list] is not closed or lacks a comma: write [a, b] with ASCII commas",
    ),
    "yaml.flow_mapping": (
        "花括号映射没有闭合或缺少逗号：应为 {{键: 值, 键: 值}}（半角逗号）",
        "a {{mapping}} is not closed or lacks a comma: write {{key: value, key: value}} with ASCII commas",
    ),
    "yaml.node_content": (
        "这里缺少一个值：方括号或花括号没有闭合（应为 [甲, 乙]、{{键: 值}}），或多了一个逗号；"
        "以 ]、}}、逗号开头的文字请放在引号里",
        "a value is missing here: a [list] or {{mapping}} is not closed (write [a, b], "
        "{{key: value}}), or there is a comma too many; quote text that starts with ], }} or a comma",
    ),
    "yaml.several_documents": (
        "文件中有多个 YAML 文档（多余的 `---` 行）：一个文件只能有一个",
        "the file holds several YAML documents (an extra `---` line): one file holds one",
    ),
    "yaml.tag": (
        "不支持的 YAML 标签 `{tag}`：只能使用普通的文字、数字、日期、列表和映射",
        "unsupported YAML tag `{tag}`: only plain text, numbers, dates, lists and mappings are allowed",
    ),
    "yaml.duplicate_anchor": ("锚点 `&名称` 重复定义", "an anchor `&name` is defined twice"),
    "yaml.tab": (
        "缩进中有 Tab 字符：YAML 只能用空格缩进，请把 Tab 换成空格",
        "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces",
    ),
    "yaml.full_width_colon": (
        "键 `{key}` 后面用了全角冒号“：”：YAML 只认半角冒号，请改为 `{key}: `（冒号后加空格）",
        "the key `{key}` is followed by a full-width colon “：”: YAML needs an ASCII colon; write `{key}: ` (with a space)",
    ),
    "yaml.too_deep": (
        "嵌套超过 {limit} 层，已拒绝读取",
        "nested more than {limit} levels deep; refused",
    ),
    "yaml.too_many_aliases": (
        "别名（`*名称`）引用超过 {limit} 次，已拒绝读取（可能是“别名炸弹”）",
        "more than {limit} alias uses (`*name`); refused (a possible alias bomb)",
    ),
    "yaml.too_big": (
        "展开别名后超过 {limit} 个值，已拒绝读取（可能是“别名炸弹”）",
        "more than {limit} values once aliases are expanded; refused (a possible alias bomb)",
    ),
    "yaml.recursive": (
        "别名引用了包含它自己的值（递归引用），无法读取",
        "an alias refers to a value that contains it (a recursive alias); cannot be read",
    ),
    "yaml.key_type": (
        "键 `{key}` 不是文字（空值、日期、数字或布尔值作键）：请把键放在引号里或改名",
        "the key `{key}` is not text (null, a date, a number or a boolean): quote the key or rename it",
    ),
    "yaml.duplicate_key": (
        "键 `{key}` 重复出现：后一个会悄悄覆盖前一个，请删除或合并",
        "the key `{key}` appears twice: the second would silently replace the first; remove or merge them",
    ),
    "yaml.int_too_big": (
        "数字超过 {limit} 位，已拒绝读取：如是编号请放在引号里",
        "a number longer than {limit} digits; refused: quote it if it is an identifier",
    ),
    "yaml.bad_date": (
        "日期 `{value}` 不存在或格式不对：应为 YYYY-MM-DD 的真实日期，如 2026-03-02",
        "the date `{value}` does not exist or is malformed: write a real date as YYYY-MM-DD, e.g. 2026-03-02",
    ),
    "yaml.date_range": (
        "日期 `{value}` 超出可接受的范围（{min} 至 {max}）",
        "the date `{value}` is outside the accepted range ({min} to {max})",
    ),
    "yaml.chinese_date": (
        "中文写法的日期 `{value}` 请改写为 {iso}",
        "write the date `{value}` as {iso}",
    ),
}
