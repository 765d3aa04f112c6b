"""Messages of the speed area (key: (中文, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "progress.checked": ("检查 {done}/{total} 个页面", "checked {done}/{total} pages"),
    "progress.written": ("写出 {done}/{total} 个文件", "written {done}/{total} files"),
    "progress.indexed": ("索引 {done}/{total} 个部门", "indexed {done}/{total} departments"),
    "progress.site": ("全站规则检查中", "running site rules"),
    "progress.render": ("生成栏目和目录页", "rendering listings"),
    "progress.search": ("等待搜索索引", "waiting for the search index"),
    "cli.bad_jobs": (
        "--jobs 应为正整数，实为 {value}",
        "--jobs must be a positive integer, not {value}",
    ),
    "cli.cache_outside": (
        "缓存目录 {path} 是指向站点之外的链接，本次不使用缓存",
        "the cache folder {path} is a link out of the site; running without the cache",
    ),
}
