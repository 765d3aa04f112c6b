"""Messages in the site's language (zh-CN first), with English available.

Every user-facing sentence lives in ``MESSAGES`` so that findings, errors and the
CLI speak one language per run. Keys are stable; the text is part of the interface.
"""

from __future__ import annotations

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
        "应为完整网址，如 https://www.example.gov.cn/",
        "must be a full URL such as https://www.example.gov.cn/",
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
        "栏目 `{column}` 未在部门 `{dept}` 的栏目列表中开设",
        "column `{column}` is not opened for department `{dept}` in site.toml",
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
        "已暂缓发布 {count} 个有错误的页面：",
        "withheld {count} pages with errors:",
    ),
    "cli.template_error": ("模板错误：{detail}", "template error: {detail}"),
    "cli.new_written": ("已创建 {path}", "wrote {path}"),
    "cli.new_exists": ("{path} 已存在，未覆盖", "{path} already exists; not overwritten"),
    "cli.init_written": ("已在 {path} 创建新门户", "scaffolded a new portal in {path}"),
    "cli.init_not_empty": ("{path} 不是空目录，未写入", "{path} is not empty; nothing written"),
    "cli.bad_date": ("日期 '{value}' 应为 YYYY-MM-DD", "date '{value}' must be YYYY-MM-DD"),
    "cli.path_outside": (
        "路径 {path} 不在站点目录之内",
        "path {path} is outside the site folder",
    ),
    "cli.unknown_rule": ("没有规则 {code}", "no rule {code}"),
    "cli.output_inside_content": (
        "输出目录 {out} 不能位于 content/、templates/ 或 checks/ 之内",
        "output folder {out} must not be inside content/, templates/ or checks/",
    ),
}


@dataclass(frozen=True)
class Translator:
    """Formats messages in one language for the whole run."""

    lang: str = "zh"

    def __call__(self, message_key: str, /, **params: object) -> str:
        zh, en = MESSAGES[message_key]
        template = en if self.lang == "en" else zh
        return template.format(**params)

    def join(self, items: list[str]) -> str:
        """A list in running text: 甲、乙 / a, b."""
        return (", " if self.lang == "en" else "、").join(items)


def language_of(code: str) -> str:
    """Map a site language such as ``zh-CN`` or ``en`` to a catalogue language."""
    return "en" if code.lower().startswith("en") else "zh"
