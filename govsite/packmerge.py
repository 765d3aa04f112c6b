"""A portal's ``checks/`` file merged onto the packaged default: extend, remove, replace.

The default pack (``govsite/default_checks/``) is nationally neutral; a portal's own
``checks/<name>.yaml`` changes it without copying it:

- top-level keys, and the keys under ``extend:``, **add** to the default lists and tables
  (a list gains the entries it lacks; a table gains or overrides keys);
- ``remove:`` takes entries out (list items by value, or by ``name`` for lists of named
  entries; table keys by name), and an entry that removes nothing is an error;
- ``replace: true`` makes the file replace the default file, as before.

The merge is generic over the YAML shape (mappings, lists, scalars), so a new key in a
pack file's schema needs nothing here. Every value of the result keeps the file, line and
column it was written at (:class:`Origin`), for positioned errors and ``govsite rules --pack``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govsite.yamlsource import KeyPath, LoadedYaml

CONTROL_KEYS = ("extend", "remove", "replace")


@dataclass(frozen=True)
class Origin:
    """Where a value was written: ``file`` is ``checks/x.yaml`` or the default pack's file."""

    file: str
    line: int
    column: int
    default: bool = False


@dataclass(frozen=True)
class PackSource:
    """One parsed pack file and the name it is shown under."""

    file: str
    loaded: LoadedYaml
    default: bool = False

    def origin(self, path: KeyPath) -> Origin:
        positions = self.loaded.positions
        probe = path
        while probe and probe not in positions:
            probe = probe[:-1]
        line, column = positions.get(probe, (1, 1))
        return Origin(self.file, line, column, self.default)


@dataclass(frozen=True)
class MergeProblem:
    origin: Origin
    message_key: str
    params: dict = field(default_factory=dict)


@dataclass
class MergedFile:
    """The effective content of one pack file, with the origin of every key path."""

    data: Any
    origins: dict[KeyPath, Origin]
    problems: list[MergeProblem]
    files: tuple[str, ...]  # the files that contributed, default first


def merge_pack_file(default: PackSource | None, site: PackSource | None) -> MergedFile:
    """The default file with the site's file applied to it (see the module docstring)."""
    origins: dict[KeyPath, Origin] = {}
    problems: list[MergeProblem] = []
    if site is None:
        assert default is not None
        data = _copy(default.loaded.data or {}, default, (), (), origins)
        return MergedFile(data, origins, problems, (default.file,))
    raw = site.loaded.data if site.loaded.data is not None else {}
    if not isinstance(raw, dict):  # the schema reader reports a non-mapping file
        return MergedFile(_copy(raw, site, (), (), origins), origins, problems, (site.file,))
    replace = raw.get("replace", False)
    if not isinstance(replace, bool):
        problems.append(MergeProblem(site.origin(("replace",)), "pack.replace_bool"))
        replace = False
    additions, removals = _control_blocks(raw, site, problems)
    if default is None or replace:
        base: Any = {}
        files: tuple[str, ...] = (site.file,)
    else:
        base = _copy(default.loaded.data or {}, default, (), (), origins)
        files = (default.file, site.file)
    if not isinstance(base, dict):
        base = {}
    for source_path, value in additions:
        key = source_path[-1]
        if key in base:
            base[key] = _add(base[key], value, site, source_path, (key,), origins)
        else:
            base[key] = _copy(value, site, source_path, (key,), origins)
    for source_path, value in removals:
        _remove(base, value, site, source_path, (), origins, problems)
    return MergedFile(base, origins, problems, files)


def _control_blocks(
    raw: dict, site: PackSource, problems: list[MergeProblem]
) -> tuple[list[tuple[KeyPath, Any]], list[tuple[KeyPath, Any]]]:
    """The (path, value) pairs to add, in file order, and the ``remove:`` block."""
    additions: list[tuple[KeyPath, Any]] = []
    removals: list[tuple[KeyPath, Any]] = []
    for key, value in raw.items():
        if key in ("extend", "remove"):
            if not isinstance(value, dict):
                problems.append(
                    MergeProblem(site.origin((key,)), "pack.block_mapping", {"key": key})
                )
                continue
            target = additions if key == "extend" else removals
            if key == "extend":
                target.extend(((key, name), item) for name, item in value.items())
            else:
                target.append(((key,), value))
        elif key != "replace":
            additions.append(((key,), value))
    return additions, removals


def _identity(item: Any) -> Any:
    """What makes two list entries the same: a named entry's name, else the value."""
    if isinstance(item, dict) and "name" in item:
        return ("name", str(item["name"]).strip())
    if isinstance(item, str | int | float) and not isinstance(item, bool):
        return str(item).strip()
    return repr(item)


def _add(
    base: Any,
    value: Any,
    site: PackSource,
    src: KeyPath,
    dst: KeyPath,
    origins: dict[KeyPath, Origin],
) -> Any:
    if isinstance(base, dict) and isinstance(value, dict):
        for key, item in value.items():
            if key in base:
                base[key] = _add(base[key], item, site, (*src, key), (*dst, key), origins)
            else:
                base[key] = _copy(item, site, (*src, key), (*dst, key), origins)
        return base
    if isinstance(base, list) and isinstance(value, list):
        index_of = {_identity(item): index for index, item in enumerate(base)}
        for position, item in enumerate(value):
            found = index_of.get(_identity(item))
            if found is None:
                index_of[_identity(item)] = len(base)
                base.append(_copy(item, site, (*src, position), (*dst, len(base)), origins))
            elif isinstance(item, dict) and isinstance(base[found], dict):
                base[found] = _add(
                    base[found], item, site, (*src, position), (*dst, found), origins
                )
        return base
    # a scalar, or a different shape: the site's value wins (the schema judges it)
    _forget(origins, dst)
    return _copy(value, site, src, dst, origins)


def _remove(
    base: Any,
    value: Any,
    site: PackSource,
    src: KeyPath,
    dst: KeyPath,
    origins: dict[KeyPath, Origin],
    problems: list[MergeProblem],
) -> None:
    """Remove ``value``'s entries from ``base`` (in place), keeping origins in step."""
    if isinstance(value, dict) and isinstance(base, dict):
        for key, item in value.items():
            if key not in base:
                problems.append(_nothing(site, (*src, key), key))
            elif isinstance(base[key], list | dict) and isinstance(item, list):
                base[key] = _remove_entries(
                    base[key], item, site, (*src, key), (*dst, key), origins, problems
                )
            else:
                _remove(base[key], item, site, (*src, key), (*dst, key), origins, problems)
        return
    problems.append(MergeProblem(site.origin(src), "pack.remove_shape"))


def _remove_entries(
    base: list | dict,
    names: list,
    site: PackSource,
    src: KeyPath,
    dst: KeyPath,
    origins: dict[KeyPath, Origin],
    problems: list[MergeProblem],
) -> list | dict:
    wanted = {}
    for index, name in enumerate(names):
        if isinstance(name, dict) and set(name) != {"name"}:  # remove whole entries, by name
            problems.append(MergeProblem(site.origin((*src, index)), "pack.remove_shape"))
            continue
        shown = name["name"] if isinstance(name, dict) else name
        wanted[_identity(name)] = (index, shown)
    if isinstance(base, dict):
        for key, (index, name) in wanted.items():
            if key not in {str(k).strip() for k in base}:
                problems.append(_nothing(site, (*src, index), name))
        doomed = {k for k in base if str(k).strip() in wanted}
        for key in doomed:
            _forget(origins, (*dst, key))
        return {k: v for k, v in base.items() if k not in doomed}
    kept: list[int] = []
    matched = set()
    for old_index, item in enumerate(base):
        key = _matching(item, wanted)
        if key is None:
            kept.append(old_index)
        else:
            matched.add(key)
    for key, (index, name) in wanted.items():
        if key not in matched:
            problems.append(_nothing(site, (*src, index), name))
    # the surviving entries move up: their origins follow them to their new indices
    depth = len(dst)
    below = {k: v for k, v in origins.items() if k[:depth] == dst and len(k) > depth}
    for k in below:
        del origins[k]
    new_index = {old: new for new, old in enumerate(kept)}
    for k, v in below.items():
        if k[depth] in new_index:
            origins[(*dst, new_index[k[depth]], *k[depth + 1 :])] = v
    return [base[old] for old in kept]


def _matching(item: Any, wanted: dict) -> Any:
    """The ``remove:`` key that names ``item``, if any (a named entry by its name too)."""
    key = _identity(item)
    if key in wanted:
        return key
    if isinstance(key, tuple) and key[1] in wanted:
        return key[1]
    return None


def _nothing(site: PackSource, path: KeyPath, name: Any) -> MergeProblem:
    return MergeProblem(site.origin(path), "pack.remove_nothing", {"entry": name})


def _forget(origins: dict[KeyPath, Origin], path: KeyPath) -> None:
    for key in [k for k in origins if k[: len(path)] == path]:
        del origins[key]


def _copy(
    value: Any, source: PackSource, src: KeyPath, dst: KeyPath, origins: dict[KeyPath, Origin]
) -> Any:
    """Record the origin of ``value`` and everything under it; return a fresh copy."""
    origins[dst] = source.origin(src)
    own = (*src, "=")
    if own in source.loaded.positions:
        origins[(*dst, "=")] = source.origin(own)
    if isinstance(value, dict):
        return {
            key: _copy(item, source, (*src, key), (*dst, key), origins)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [
            _copy(item, source, (*src, index), (*dst, index), origins)
            for index, item in enumerate(value)
        ]
    return value


def listing(name: str, merged: MergedFile, default_label: str) -> list[str]:
    """The effective file as YAML lines, each entry followed by ``# where it came from``.

    ``default_label`` names the default pack ("默认规则包"); a site's entry shows its
    ``checks/x.yaml:line``. The output is itself valid YAML.
    """
    lines: list[str] = []
    _list_value(merged.data, merged.origins, (), 0, lines, default_label)
    return lines


def _where(origins: dict[KeyPath, Origin], path: KeyPath, default_label: str) -> str:
    origin = origins.get(path)
    if origin is None:
        return ""
    if origin.default:
        return f"  # {default_label} {origin.file.rsplit('/', 1)[-1]}:{origin.line}"
    return f"  # {origin.file}:{origin.line}"


def _scalar(value: Any) -> str:
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _list_value(
    value: Any,
    origins: dict[KeyPath, Origin],
    path: KeyPath,
    depth: int,
    lines: list[str],
    label: str,
) -> None:
    indent = "  " * depth
    if isinstance(value, dict):
        for key, item in value.items():
            child = (*path, key)
            if isinstance(item, dict | list) and item:
                lines.append(f"{indent}{_scalar(key)}:")
                _list_value(item, origins, child, depth + 1, lines, label)
            else:
                lines.append(
                    f"{indent}{_scalar(key)}: {_scalar(item)}{_where(origins, child, label)}"
                )
    elif isinstance(value, list):
        for index, item in enumerate(value):
            child = (*path, index)
            if isinstance(item, dict) and item:
                first, *rest = item.items()
                lines.append(
                    f"{indent}- {_scalar(first[0])}: {_scalar(first[1])}{_where(origins, child, label)}"
                )
                entry_file = getattr(origins.get(child), "file", None)
                for key, sub in rest:
                    sub_path = (*child, key)
                    files = (
                        {
                            getattr(origins.get((*sub_path, i)), "file", None)
                            for i in range(len(sub))
                        }
                        if isinstance(sub, list)
                        else set()
                    )
                    if files - {entry_file}:  # entries added by another file: show each origin
                        lines.append(f"{indent}  {_scalar(key)}:")
                        _list_value(sub, origins, sub_path, depth + 2, lines, label)
                    else:
                        lines.append(f"{indent}  {_scalar(key)}: {_scalar(sub)}")
            else:
                lines.append(f"{indent}- {_scalar(item)}{_where(origins, child, label)}")
