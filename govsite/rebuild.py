"""A build with nothing to do: the output is left as the last build left it.

A build whose inputs are all as they were for the last build of the same output, with
the same options, writes the same bytes it already wrote. When the output itself still
stands exactly as that build left it, there is nothing to do: the build reports what the
last one reported and touches nothing (as ``make`` says "nothing to be done").

- **The inputs** are those of a check (:func:`govsite.verdict.inputs`: govsite's code,
  ``site.toml``, ``templates/``, ``checks/``, every content file's bytes, git, the
  language, ``--as-of``) and the build's options: the output folder, ``--strict``,
  ``--withhold``, ``--no-search`` and the signing key.
- **The output** is compared by the status of every file and folder in it (type,
  permissions, owner, size, modification and change times, inode) with what the last
  build recorded right after it swapped its output in. Any write, ``chmod``, ``touch``,
  deletion or addition changes it: a change time cannot be set back by a user. The
  state is recorded only if nothing in the output changed after the swap (no change
  time later than the swap's): an edit in the live output while the build ended is
  never taken for the build's own. The spare beside the output is not looked at; the
  next real build checks it byte by byte as always.
- A record is stored only by a build that published, and only when none of its inputs
  changed while it ran. A blocked build stores none, so a blocked site is judged
  again every time.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from govsite import outputrecord, outputwalk, verdict
from govsite.audit import AUDIT_LOG
from govsite.cache import BUILT, Cache
from govsite.findings import Finding, well_formed
from govsite.i18n import Translator
from govsite.outputwalk import Walked, decode_walk, encode_walk, output_state
from govsite.publish import output_lock
from govsite.runoptions import BuildOptions, BuildResult
from govsite.safepath import check_output, inside


@dataclass(frozen=True)
class Built:
    """What the last build of an output reported, and the state it left the output in."""

    verdict: verdict.Verdict
    pages: int
    files: int
    withheld: tuple[str, ...]
    notes: tuple[Finding, ...]
    output: str  # the digest of the output's state (:func:`output_state`)


def build(options: BuildOptions, t: Translator) -> BuildResult:
    """Check the site and publish it (:func:`govsite.build.build_locked`), unless the
    last build of this output had the same inputs and left the output as it stands."""
    check_output(options.root, options.out)  # before anything is read or written
    inside(options.root, AUDIT_LOG.as_posix())  # the audit log: never through a link
    with output_lock(options.out, options.on_wait):  # one build at a time into one output
        check_output(options.root, options.out)  # again: the folder may have changed meanwhile
        cache = options.cache
        before, state = None, ""
        if cache is not None:
            outputrecord.keep_in_use(cache, options.out)
            walked = _walk_aside(options.out) if options.replay else Walked
            try:
                before = verdict.inputs(options.root, options.as_of, t, cache)
            finally:
                state = walked().state  # never leaves the child behind
        key = _key(before.key, options) if before is not None else None
        if state and cache is not None and key is not None:
            found = _load(cache, key)
            if found is not None and found.output == state:
                return BuildResult(
                    found.verdict,
                    published=True,
                    pages=found.pages,
                    files=found.files,
                    withheld=list(found.withheld),
                    notes=list(found.notes),
                )
        from govsite.build import build_locked  # the renderers: imported when there is work

        if before is not None:  # the pages were just hashed (or vouched for): not again
            options = replace(options, hashed=before.hashed)
        result = build_locked(options, t)
        if cache is not None and before is not None and key is not None:
            _keep(cache, key, before, result, options, t)
        return result


def _keep(
    cache: Cache,
    key: str,
    before: verdict.Inputs,
    result: BuildResult,
    options: BuildOptions,
    t: Translator,
) -> None:
    """Store the build's verdict (the next check's too) and, if it published, what it
    reported and the state it left its output in; nothing if an input changed while it
    ran (the output and the findings may then not be what these inputs give)."""
    walked = _spawned(options.out) if result.published else Walked
    try:
        unchanged = verdict.unchanged(options.root, options.as_of, t, before)
    finally:
        found = walked()  # taken while the inputs are compared
    state = found.state
    if state and result.written is not None:  # whatever the inputs did: these are its files
        outputrecord.record(
            cache, options.out, found.folder, result.written, found.statuses, result.swapped
        )
    if not unchanged:
        verdict.forget_work(cache, result.analysis)
        cache.flush()
        return
    if not options.include_drafts:
        verdict.keep(cache, before, result.verdict)
    if not state:
        return  # blocked: nothing published, no record
    if not result.swapped or found.latest > result.swapped:
        # Something in the output changed after the swap, before it was walked (a deploy
        # step or an editor writing in the live folder): that state is not the build's,
        # and the next build, finding it again, would leave the edit there. A change in
        # the swap's own clock tick cannot be told from the build's last writes.
        cache.flush()
        return
    built = Built(
        result.verdict,
        result.pages,
        result.files,
        tuple(result.withheld),
        tuple(result.notes),
        state,
    )
    cache.store(BUILT, key, built)
    cache.used.add(f"{BUILT}/{key}")
    cache.flush()


def _key(inputs_key: str, options: BuildOptions) -> str:
    digest = hashlib.sha256(f"{inputs_key}\0".encode())
    out = os.path.realpath(options.out)
    digest.update(f"out={out}\0strict={options.strict}\0withhold={options.withhold}".encode())
    digest.update(f"\0search={options.search}\0drafts={options.include_drafts}\0".encode())
    if options.sign_key is not None:  # Ed25519 signatures are deterministic: one names the key
        from govsite.signing import sign

        digest.update(b"key=" + sign(options.sign_key, b"govsite: which key signs"))
    return digest.hexdigest()


def _walk_aside(out: Path) -> Callable[[], Walked]:
    """:func:`output_state` computed by a forked process while this one hashes the
    inputs (both are mostly system calls and Python: on two cores the no-op build takes
    the longer of the two, not their sum); a function that waits for it. The fork is
    cheap here: the process is still small before the build. Where a process cannot be
    forked, the state is computed here."""
    try:
        read_end, write_end = os.pipe()
        child = os.fork()
    except OSError:
        walked = output_state(out)
        return lambda: walked
    if child == 0:  # the child: compute, send, end at once (no cleanup of the parent's)
        try:
            os.close(read_end)
            found = output_state(out)
            with os.fdopen(write_end, "wb") as stream:
                stream.write(encode_walk(found))
        finally:
            os._exit(0)
    os.close(write_end)

    def wait() -> Walked:
        with os.fdopen(read_end, "rb") as stream:
            data = stream.read()
        os.waitpid(child, 0)
        return decode_walk(data)

    return wait


def _spawned(out: Path) -> Callable[[], Walked]:
    """:func:`output_state` with each file's status, computed after a build by a fresh
    interpreter importing this govsite (:mod:`govsite.outputwalk`, standard library
    only) while this one compares the outputs; a function that waits for it. A fork would
    share this process, some 300 MB at 10,000 items by then, and the memory of the
    process tree would count it twice. Where no process can be started, the state is
    computed here."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(outputwalk.__file__)))
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": package + (os.pathsep + path if path else "")}
    command = [sys.executable, "-m", "govsite.outputwalk", os.fspath(out)]
    try:
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=env)
    except OSError:
        walked = output_state(out, True)
        return lambda: walked

    def wait() -> Walked:
        assert child.stdout is not None
        with child.stdout:
            data = child.stdout.read()
        if child.wait() != 0:
            return Walked()
        return decode_walk(data)

    return wait


def _load(cache: Cache, key: str) -> Built | None:
    value = cache.load(BUILT, key)
    if not isinstance(value, Built) or not isinstance(value.verdict, verdict.Verdict):
        return None
    if not verdict.plausible(value.verdict) or not isinstance(value.output, str):
        return None
    if not all(type(x) is int for x in (value.pages, value.files)):
        return None
    if not isinstance(value.withheld, tuple) or not all(isinstance(p, str) for p in value.withheld):
        return None
    if not isinstance(value.notes, tuple) or not all(
        isinstance(f, Finding) and well_formed(f) for f in value.notes
    ):
        return None
    return value
