"""What the chosen libraries alone cost on a generated portal: a floor under any build.

    python3 bench/generate.py /tmp/site10k --items 10000
    python3 bench/floor.py /tmp/site10k [--out /tmp/site10k-out]

govsite's targets compare it with Hugo (a Go binary that checks nothing). This measures
the parts no change to govsite's own code can make cheaper, each in one process, so the
ratios in ``bench/RESULTS.md`` can be read against them:

* markdown-it-py (the chosen Markdown parser, with the same options as govsite) parsing
  and rendering every body;
* PyYAML's C loader (``CSafeLoader``) reading every front matter;
* starting Python and importing what a build imports (Jinja2, markdown-it-py, PyYAML
  and govsite's build modules), which every run pays, a no-op or one-file rebuild too;
* Pagefind (the chosen search indexer, which has no incremental update) indexing one
  group of :data:`GROUP_PAGES` pages, as a one-file rebuild must for the group of the
  changed page; with ``--out`` (a built output of the site) only.

Times are CPU seconds (user + system: ``time.process_time``, or the child's rusage),
Pagefind's wall seconds; medians of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

GROUP_PAGES = 280  # govsite.search.GROUP_PAGES


def cpu_of(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def child_cpu(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--out", type=Path, help="a built output of the site (for Pagefind)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import yaml

    from govsite.content.frontmatter import split
    from govsite.i18n import Translator
    from govsite.render.markdown import markdown_parser

    t = Translator("en")
    parts = [split(f.read_text("utf-8"), t) for f in sorted(args.site.glob("content/*/*/*.md"))]
    heads = [part.front_matter for part in parts if hasattr(part, "front_matter")]
    bodies = [part.body for part in parts if hasattr(part, "body")]
    md = markdown_parser()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rows = []

    def median(work) -> float:
        return statistics.median(work() for _ in range(args.repeat))

    rows.append(
        (
            f"markdown-it-py: parse and render {len(bodies):,} bodies",
            median(lambda: cpu_of(lambda: [md.render(b) for b in bodies])),
        )
    )
    rows.append(
        (
            f"PyYAML {loader.__name__}: {len(heads):,} front matters",
            median(lambda: cpu_of(lambda: [yaml.load(h, Loader=loader) for h in heads])),
        )
    )
    imports = "import jinja2, markdown_it, yaml, govsite.build, govsite.sitework, govsite.search"
    rows.append(
        (
            "python3 startup + the build's imports",
            median(lambda: child_cpu([sys.executable, "-c", imports])),
        )
    )
    if args.out is not None:
        from pagefind_bin_extended import get_executable

        pages = sorted(args.out.glob("*/*/*/index.html"))[:GROUP_PAGES]
        with tempfile.TemporaryDirectory() as folder:
            group = Path(folder) / "site"
            for page in pages:
                target = group / page.relative_to(args.out)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(page, target)

            def index() -> float:
                shutil.rmtree(Path(folder) / "index", ignore_errors=True)
                command = [str(get_executable()), "--site", str(group)]
                command += ["--output-path", str(Path(folder) / "index")]
                started = time.perf_counter()
                child_cpu([*command, "--force-language", "zh-cn"])
                return time.perf_counter() - started

            rows.append((f"Pagefind: one group of {len(pages)} pages (wall time)", median(index)))
    for label, seconds in rows:
        print(f"{label:<58} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
