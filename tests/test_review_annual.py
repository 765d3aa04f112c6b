"""Annual-report figures and YAML under attack (review): digits of other scripts read as
numbers without a word, and aliases that expand to billions of values."""

from __future__ import annotations

import json

import pytest

from govsite.disclosure.figures import Figure, Unreadable, parse_figure
from govsite.yamlsource import YamlProblem, load_yaml
from tests.conftest import item
from tests.test_annual import CONSISTENT, REPORT


@pytest.mark.parametrize(
    "text",
    ["٣٩", "३", "𝟑", "³", "①②", "12³", "٣٫٥"],  # Arabic-Indic, Devanagari, maths, super, circled
)
def test_digits_of_other_scripts_are_no_figures(text):
    assert isinstance(parse_figure(text, amount=False), Unreadable)
    assert isinstance(parse_figure(text, amount=True), Unreadable)


def test_full_width_digits_are_still_read():
    assert parse_figure("３，９８５", amount=False) == Figure(3985, "３，９８５")
    assert parse_figure("１２．５", amount=True).value == parse_figure("12.5", amount=True).value


def test_a_circled_figure_in_a_report_is_a_positioned_error(make_site, cli):
    report = CONSISTENT.replace("{decisions: 120}", "{decisions: ①②⓪}")
    root = make_site({REPORT: report})
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    found = [f for f in json.loads(result.out)["findings"] if f["path"] == REPORT]
    assert [(f["rule"], f["line"]) for f in found] == [("DS002", 7)]
    assert "①②⓪" in found[0]["message"]


def _bomb(name: str) -> str:
    lines = [f"{name}0: &{name}0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [
        f"{name}{i}: &{name}{i} [" + ", ".join([f"*{name}{i - 1}"] * 9) + "]" for i in range(1, 10)
    ]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_anything_walks_it():
    loaded = load_yaml(_bomb("a") + "keywords: *a9\n")
    assert isinstance(loaded, YamlProblem) and "aliases" in loaded.detail
    small = load_yaml("a: &a [1, 2]\nb: *a\nc: *a\n")  # ordinary aliases still load
    assert not isinstance(small, YamlProblem) and small.data["c"] == [1, 2]


def test_an_alias_bomb_in_front_matter_or_a_report_is_a_finding(make_site, cli):
    page = item().replace("---\n", "---\n" + _bomb("b") + "keywords: *b9\n", 1)
    root = make_site(
        {
            "content/edu/news/bomb.md": page,
            REPORT: CONSISTENT + _bomb("c") + "extra: *c9\n",
        }
    )
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    assert "Traceback" not in result.err
    found = {(f["path"], f["rule"]) for f in json.loads(result.out)["findings"]}
    assert ("content/edu/news/bomb.md", "FM001") in found
    assert (REPORT, "FM001") in found


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 50000 + "]" * 50000 + "\n",  # crashed the process (libyaml's composer)
        "a: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n",  # a RecursionError traceback
        "- " * 3000 + "x\n",
    ],
)
def test_nesting_too_deep_is_a_positioned_problem(text):
    loaded = load_yaml(text)
    assert isinstance(loaded, YamlProblem) and "nested" in loaded.detail
    assert loaded.line == 1


def test_deep_nesting_in_front_matter_is_a_finding(make_site, cli):
    page = item().replace("---\n", "---\nkeywords: " + "[" * 20000 + "]" * 20000 + "\n", 1)
    root = make_site({"content/edu/news/deep.md": page})
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    assert "Traceback" not in result.err
    found = [f for f in json.loads(result.out)["findings"] if f["path"].endswith("deep.md")]
    assert [(f["rule"], f["line"]) for f in found] == [("FM001", 2)]


def test_a_key_written_twice_is_a_problem_at_the_second():
    loaded = load_yaml(
        "new: [1, 0, 0, 0, 0, 0]\ngranted: [1, 0, 0, 0, 0, 0]\nnew: [0, 0, 0, 0, 0, 0]\n"
    )
    assert isinstance(loaded, YamlProblem) and (loaded.line, loaded.column) == (3, 1)
    assert "new" in loaded.detail
    flow = load_yaml("fees: {amount_wan_yuan: 1.5, amount_wan_yuan: 0}\n")
    assert isinstance(flow, YamlProblem) and flow.column == 30
    merged = load_yaml("base: &b {x: 1, y: 1}\nc:\n  <<: *b\n  x: 2\n")  # an override, not a twin
    assert not isinstance(merged, YamlProblem) and merged.data["c"] == {"x": 2, "y": 1}


def test_a_review_chain_written_twice_is_not_read_as_the_last(make_site, cli):
    # a reader sees the draft; YAML alone would publish the approved copy below it
    page = item(status="draft").replace("---\n\n", "review:\n  status: approved\n---\n\n", 1)
    root = make_site({"content/edu/news/twice.md": page})
    result = cli("check", "--site", root, "--as-of", "2026-11-26", "--format", "json")
    found = [f for f in json.loads(result.out)["findings"] if f["path"].endswith("twice.md")]
    assert [f["rule"] for f in found] == ["FM001"] and "review" in found[0]["message"]
