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
    deep = _too_deep(text)
    if deep is not None:
        return deep
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        duplicate = _duplicate_key(node, set()) if node is not None else None
        if duplicate is not None:  # YAML keeps the last silently; a reader sees the first
            mark = duplicate.start_mark
            return YamlProblem(
                mark.line + 1, mark.column + 1, DUPLICATE_KEY.format(key=duplicate.value)
            )
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
            if _expanded_size(node, {}, frozenset()) > MAX_EXPANDED:
                return YamlProblem(1, 1, ALIAS_BOMB)
            _collect(node, (), positions, frozenset())
        except _SelfReference as error:  # `&a [*a]`: data that contains itself
            mark = error.node.start_mark
            return YamlProblem(mark.line + 1, mark.column + 1, RECURSIVE_ALIAS)
    return LoadedYaml(data, positions)


RECURSIVE_ALIAS = "recursive alias: an anchor is used inside its own value"
# Nesting deeper than this is no front matter or report: the loader builds nodes
# recursively (libyaml's composer crashes the process a few thousand levels down).
MAX_DEPTH = 64
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"
_OPEN = (
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.BlockMappingStartToken,
)
_CLOSE = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def _too_deep(text: str) -> YamlProblem | None:
    """Where the nesting passes ``MAX_DEPTH``, read from the tokens (the scanner does not
    recurse). Each level needs one of ``[{-:``: text with few of them is never scanned."""
    if sum(text.count(mark) for mark in "[{-:") <= MAX_DEPTH:
        return None
    depth = 0
    try:
        for token in yaml.scan(text, Loader=SafeLoader):
            if isinstance(token, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = token.start_mark
                    return YamlProblem(mark.line + 1, mark.column + 1, TOO_DEEP)
            elif isinstance(token, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        return None  # the loader says where and why
    return None


# Aliases let a few lines stand for billions of values ("billion laughs"): whoever walks
# or prints the data would expand them. Front matter and reports have a few hundred.
MAX_EXPANDED = 100_000
ALIAS_BOMB = f"aliases expand to more than {MAX_EXPANDED} values"


def _expanded_size(node: yaml.Node, memo: dict[int, int], above: frozenset[int]) -> int:
    """How many nodes the document holds once every alias is expanded (capped)."""
    if id(node) in memo:
        return memo[id(node)]
    if id(node) in above:
        raise _SelfReference(node)
    above = above | {id(node)}
    size = 1
    if isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    else:
        children = []
    for child in children:
        size += _expanded_size(child, memo, above)
        if size > MAX_EXPANDED:
            break
    memo[id(node)] = size
    return size


DUPLICATE_KEY = "duplicate key {key!r}: only the last one would count"
MERGE = "tag:yaml.org,2002:merge"


def _duplicate_key(node: yaml.Node, seen: set[int]) -> yaml.ScalarNode | None:
    """The first key written twice in one mapping, read from the composed nodes (before
    ``<<`` merges add their keys), each node once however often it is aliased."""
    if id(node) in seen:
        return None
    seen.add(id(node))
    children: list = []
    if isinstance(node, yaml.MappingNode):
        keys: set[tuple[str, str]] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != MERGE:
                if (key_node.tag, key_node.value) in keys:
                    return key_node
                keys.add((key_node.tag, key_node.value))
            children += [key_node, value_node]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    for child in children:
        found = _duplicate_key(child, seen)
        if found is not None:
            return found
    return None


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
