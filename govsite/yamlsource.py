"""YAML with source positions, using libyaml's ``CSafeLoader`` when present.

Rules and errors must name the line a value is written on, so loading keeps the
node tree long enough to map every key path to its position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlProblem:
    line: int  # 1-based, in the text given
    column: int
    detail: str


@dataclass(frozen=True)
class LoadedYaml:
    data: Any
    positions: dict[KeyPath, tuple[int, int]]  # 1-based (line, column) of each key/item


def load_yaml(text: str) -> LoadedYaml | YamlProblem:
    """Parse one YAML document; on failure return where and why."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(str(part) for part in (error.context, error.problem) if part)
        return YamlProblem(line, column, detail)
    except yaml.YAMLError as error:  # e.g. a constructor error without a mark
        return YamlProblem(1, 1, str(error))
    finally:
        loader.dispose()
    positions: dict[KeyPath, tuple[int, int]] = {}
    if node is not None:
        try:
            _collect(node, (), positions, frozenset())
        except _SelfReference as error:  # `&a [*a]`: data that contains itself
            mark = error.node.start_mark
            return YamlProblem(mark.line + 1, mark.column + 1, RECURSIVE_ALIAS)
    return LoadedYaml(data, positions)


RECURSIVE_ALIAS = "recursive alias: an anchor is used inside its own value"


class _SelfReference(Exception):
    def __init__(self, node: yaml.Node):
        self.node = node


def _collect(
    node: yaml.Node, path: KeyPath, out: dict[KeyPath, tuple[int, int]], above: frozenset[int]
) -> None:
    if id(node) in above:
        raise _SelfReference(node)
    above = above | {id(node)}
    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = (*path, key)
            out[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _collect_value(value_node, child, out, above)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect(item, (*path, index), out, above)


def _collect_value(
    node: yaml.Node, path: KeyPath, out: dict[KeyPath, tuple[int, int]], above: frozenset[int]
) -> None:
    """Record a mapping value's own position under ``path + ("=",)`` and descend."""
    out[(*path, "=")] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        saved = out[path]
        _collect(node, path, out, above)
        out[path] = saved
