"""Messages of the speed area (key: (中文, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "progress.checked": ("检查 {done}/{total} 个页面", "checked {done}/{total} pages"),
    "progress.written": ("写出 {done}/{total} 个文件", "written {done}/{total} files"),
    "progress.indexed": ("索引 {done}/{total} 个部门", "indexed {done}/{total} departments"),
    "progress.site": ("全站规则检查中", "running site rules"),
    "progress.render": ("生成栏目和目录页", "rendering listings"),
    "progress.search": ("等待搜索索引", "waiting for the search index"),
    "help.speed.cache": (
        "缓存目录（默认 <站点>/.govsite-cache）",
        "cache folder (default <site>/.govsite-cache)",
    ),
    "help.speed.no_cache": ("不读也不写缓存", "neither read nor write the cache"),
    "help.speed.jobs": (
        "并行进程数（默认 CPU 数）",
        "worker processes (default: the number of CPUs)",
    ),
    "help.speed.quiet": ("不显示进度行", "no progress line"),
    "help.build.no_search": ("不生成站内搜索索引", "build without the search index"),
    "cli.bad_jobs": (
        "--jobs 应为正整数，实为 {value}",
        "--jobs must be a positive integer, not {value}",
    ),
    "cli.worker_died": (
        "一个工作进程意外退出（退出码 {code}），可能是内存不足或被终止；"
        "可用 --jobs 1 不经工作进程重新运行",
        "a worker process ended unexpectedly (exit code {code}): out of memory, or killed? "
        "--jobs 1 runs without worker processes",
    ),
    "cli.cache_outside": (
        "缓存目录 {path} 是指向站点之外的链接，本次不使用缓存",
        "the cache folder {path} is a link out of the site; running without the cache",
    ),
}
