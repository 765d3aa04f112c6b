"""Time from saving a file to the reloaded page in ``govsite serve`` (public tools only).

    python3 bench/serve_latency.py --site .               # the example portal
    python3 bench/serve_latency.py --site /tmp/site10k    # a site from bench/generate.py

Starts ``govsite serve`` on a free loopback port, listens to its server-sent events like
the browser does, rewrites one article N times, and measures from the write to the
moment the rebuilt page (with the new text) has been fetched again. Prints min, median
and max in milliseconds, and the first (full) build time.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Events(threading.Thread):
    """Reads the server-sent event stream; ``wait`` returns when a reload arrives."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port = port
        self.reloads = threading.Semaphore(0)
        self.connected = threading.Event()

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        connection.request("GET", "/__govsite/events")
        response = connection.getresponse()
        self.connected.set()
        for line in response:
            if line.startswith(b"event: reload"):
                self.reloads.release()

    def wait(self, timeout: float) -> bool:
        return self.reloads.acquire(timeout=timeout)


def fetch(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    return connection.getresponse().read().decode("utf-8", "replace")


def wait_until_up(port: int, process: subprocess.Popen, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            sys.exit(f"govsite serve exited with {process.returncode}")
        try:
            fetch(port, "/")
            return time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    sys.exit("govsite serve did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, default=Path("."))
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    article = sorted((args.site / "content").glob("*/news/*.md"))[0]
    slug = article.stem
    dept = article.parts[-3]
    url = f"/{dept}/news/{slug}/"
    original = article.read_text("utf-8")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "govsite", "serve", "--site", str(args.site), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    timings = []
    try:
        startup = wait_until_up(port, process, timeout=600)
        events = Events(port)
        events.start()
        events.connected.wait(10)
        for number in range(args.edits):
            marker = f"基准测试修改第{number}次"
            started = time.perf_counter()
            article.write_text(original.rstrip("\n") + f"\n\n{marker}。\n", encoding="utf-8")
            if not events.wait(timeout=120):
                sys.exit("no reload event")
            page = fetch(port, url)
            elapsed = time.perf_counter() - started
            if marker not in page:
                sys.exit(f"the reloaded page lacks the edit ({url})")
            timings.append(elapsed * 1000)
            time.sleep(0.3)
    finally:
        article.write_text(original, encoding="utf-8")
        process.terminate()
        process.wait(10)
    pages = len(list((args.site / "content").glob("*/*/*.md")))
    print(f"site: {args.site} ({pages} items); first build and start: {startup:.1f} s")
    print(
        f"save -> reloaded page, {len(timings)} edits: min {min(timings):.0f} ms, "
        f"median {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms"
    )


if __name__ == "__main__":
    main()
