"""Property-based robustness (Hypothesis): whatever an editor or an attacker writes in front
matter, Markdown, file names, ``site.toml``, the rule pack, an annual report (YAML and
CSV) or a new-media registry, govsite answers with findings or a configuration error —
never a traceback — writes nothing outside the site, and renders the same bytes twice.

Profiles (``tests/conftest.py``): ``ci`` by default; ``HYPOTHESIS_PROFILE=nightly`` for a
long run."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SITE_TOML, item
from tests.properties import (
    ID,
    SPECIALS,
    Sandbox,
    check_site,
    dates,
    dump,
    edits,
    mutate,
    texts,
    yaml_values,
)

NEWS = "content/edu/news/p.md"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    box = Sandbox()
    yield box
    box.cleanup()


# ---------------------------------------------------------------- front matter


def review_chain(values):
    return st.fixed_dictionaries(
        {},
        optional={
            "status": st.one_of(st.sampled_from(["approved", "draft"]), values),
            "level": st.one_of(st.sampled_from(["general", "important", "major"]), values),
            "editor": values,
            "reviewer": values,
            "approver": st.one_of(st.just("孙签发"), values),
            "approver_role": st.one_of(st.just("principal"), values),
            "approved": st.one_of(dates, values),
        },
    )


def front_matter(values):
    return st.fixed_dictionaries(
        {"title": values, "date": st.one_of(dates, values), "review": review_chain(values)},
        optional={
            name: values
            for name in (
                "department",
                "column",
                "slug",
                "origin",
                "doc_no",
                "index_no",
                "written",
                "doc_type",
                "repealed",
                "topic",
                "keywords",
                "summary",
                "privacy",
            )
        }
        | {
            "source": st.fixed_dictionaries({}, optional={"name": values, "url": values}),
            "media": st.lists(
                st.fixed_dictionaries(
                    {"file": values}, optional={"source": values, "license": values}
                ),
                max_size=2,
            ),
            "waive": st.lists(
                st.fixed_dictionaries(
                    {"rule": st.sampled_from(["PV001", "PV002", "AD002", "XX1"]), "reason": values},
                    optional={"by": values},
                ),
                max_size=3,
            ),
        },
    )


@given(data=front_matter(st.one_of(texts, yaml_values)), body=texts)
def test_any_front_matter(sandbox, data, body):
    sandbox.reset()
    sandbox.write({NEWS: f"---\n{dump(data)}---\n\n{body}\n"})
    check_site(sandbox)


@given(changes=edits)
def test_any_edit_of_a_valid_file(sandbox, changes):
    sandbox.reset()
    sandbox.write({NEWS: mutate(item(extra=f"summary: 联系人 {ID}\n"), changes)})
    check_site(sandbox)


# ---------------------------------------------------------------- Markdown bodies


hrefs = st.one_of(
    texts,
    st.sampled_from(
        [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,<script>x</script>",
            "vbscript:x",
            "ftp://a.gov.cn/",
            "intent://x#Intent;end",
            "weixin://dl/x",
            "http:casino.example/",
            "https:\\\\evil.com\\@www.gov.cn/",
            "//evil.com/x",
            "../../../../../etc/passwd",
            "/edu/news/a.md#x",
            "../notice/b.md",
            "../media/x.png",
            "mailto:a@b.com",
            "tel:123",
            '" onerror="alert(1)',
        ]
    ),
)
blocks = st.one_of(
    texts,
    hrefs.map(lambda h: f"[链接]({h})"),
    hrefs.map(lambda h: f"![图]({h})"),
    hrefs.map(lambda h: f"<{h}>"),
    hrefs.map(lambda h: f"[r]: {h}\n\n[引用][r]"),
    texts.map(lambda t: f"# {t}"),
    texts.map(lambda t: f"| {t} | b |\n| --- | --- |\n| {t} | c |"),
    texts.map(lambda t: f"```\n{t}\n```"),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '<img src=x onerror="alert(1)">',
            "<iframe src=//evil.com></iframe>",
            '<a href="javascript:alert(1)">x</a>',
            "<svg onload=alert(1)>",
            '<div style="display:none">隐藏</div>',
            f"身份证号 {ID}",
            "\x1b[31m红字\x1b[0m",
            "单元" * 3000 + "123",
        ]
    ),
)


@given(body=st.lists(blocks, max_size=8).map("\n\n".join))
def test_any_markdown_body(sandbox, body):
    sandbox.reset()
    sandbox.write({NEWS: item(body=body + "\n")})
    check_site(sandbox)


# ---------------------------------------------------------------- file names


names = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(["..", ".", "...md", "x.MD", "page.md", "feed.md", "a b.md", "\x1b[31m.md"]),
).filter(lambda n: n not in (".", "..") and len(n.encode()) < 200)
places = st.sampled_from(
    [
        "content/edu/news/",
        "content/edu/",
        "content/",
        "content/edu/annual-report/",
        "content/edu/media/",
        "content/nobody/news/",
        "content/edu/nocolumn/",
    ]
)
suffixes = st.sampled_from([".md", ".MD", ".markdown", ".yaml", ".yml", ".csv", ".png", ""])


@given(place=places, name=names, suffix=suffixes, link=st.booleans(), content=texts)
def test_any_file_name(sandbox, place, name, suffix, link, content):
    sandbox.reset()
    rel = place + name + suffix
    path = sandbox.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if link:  # a symbolic link to a file beside the site must never be read
        path.symlink_to(sandbox.neighbour / "secret.txt")
    else:
        path.write_text(item(body=content) if suffix == ".md" else content, encoding="utf-8")
    check_site(sandbox)


# ---------------------------------------------------------------- site.toml


toml_values = st.one_of(
    texts.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.integers().map(str),
    st.sampled_from(["0", "-1", "true", "[]", '["a"]', "{}", "2026-02-30", "9999-12-31", "nan"]),
    texts,
)
toml_keys = st.sampled_from(
    ["title", "base_url", "language", "id", "name", "kind", "max_age_days", "disclosure", "phones"]
)


@given(key=toml_keys, value=toml_values, changes=edits)
def test_any_site_toml(sandbox, key, value, changes):
    lines = SITE_TOML.split("\n")
    index = next((i for i, line in enumerate(lines) if line.startswith(f"{key} =")), None)
    if index is None:  # a key the test config leaves out: add it to the first column
        lines.insert(lines.index("[[columns]]") + 1, f"{key} = {value}")
    else:
        lines[index] = f"{key} = {value}"
    sandbox.reset(site_toml=mutate("\n".join(lines), changes))
    check_site(sandbox, config_may_fail=True)


# ---------------------------------------------------------------- the rule pack


pack_files = st.sampled_from(
    [
        "domains.yaml",
        "sources.yaml",
        "advertising.yaml",
        "illegal.yaml",
        "sensitive.yaml",
        "wording.yaml",
        "typos.yaml",
        "levels.yaml",
    ]
)
pack_data = st.one_of(
    yaml_values,
    st.fixed_dictionaries(
        {},
        optional={
            "allow": st.lists(texts, max_size=3),
            "terms": st.lists(texts, max_size=3),
            "patterns": st.lists(st.sampled_from(["赌场", "(", "[a-z]+", "\\d{3}"]), max_size=2),
            "swap": st.dictionaries(texts, texts, max_size=3),
            "levels": st.dictionaries(
                st.sampled_from(["PV001", "FR001", "XX", "pv002"]), yaml_values, max_size=3
            ),
            "categories": st.dictionaries(texts, yaml_values, max_size=2),
            "sources": st.lists(yaml_values, max_size=2),
        },
    ),
)


@given(name=pack_files, data=pack_data, changes=edits)
def test_any_rule_pack(sandbox, name, data, changes):
    sandbox.reset()
    sandbox.write({f"checks/{name}": mutate(dump(data), changes)})
    check_site(sandbox, config_may_fail=True)


# ---------------------------------------------------------------- annual report and registry


rows = st.one_of(
    st.lists(st.one_of(st.integers(min_value=-2, max_value=10**20), yaml_values), max_size=8),
    yaml_values,
)
report_data = st.fixed_dictionaries(
    {"year": st.one_of(st.just(2025), yaml_values)},
    optional={
        "overview": texts,
        "problems": texts,
        "other_matters": st.one_of(texts, yaml_values),
        "proactive": st.one_of(
            yaml_values, st.dictionaries(st.sampled_from(["licensing", "fees", "x"]), yaml_values)
        ),
        "applications": st.dictionaries(
            st.sampled_from(["new", "granted", "withheld", "carried_forward", "zzz"]), rows
        ),
        "reviews_litigation": st.one_of(yaml_values, st.dictionaries(texts, yaml_values)),
    },
)
csv_cells = st.one_of(
    texts, st.sampled_from(["2025-01-02", "2026-02-30", "9999-12-31", "natural_person", "granted"])
)


@given(data=report_data, csv_rows=st.lists(st.lists(csv_cells, max_size=6), max_size=4))
def test_any_annual_report(sandbox, data, csv_rows):
    sandbox.reset()
    files = {"content/edu/annual-report/2025.yaml": dump(data)}
    if csv_rows:
        lines = ["id,received,applicant_type,outcome,closed"]
        lines += [",".join(c.replace("\n", " ") for c in row) for row in csv_rows]
        files["content/gov/annual-report/applications-2025.csv"] = "\n".join(lines) + "\n"
    sandbox.write(files)
    check_site(sandbox)


account = st.fixed_dictionaries(
    {},
    optional={
        "name": texts,
        "platform": st.one_of(st.sampled_from(["wechat", "weibo", "douyin"]), texts),
        "opened": st.one_of(dates, yaml_values),
        "filed": st.one_of(dates, yaml_values),
        "status": st.one_of(st.sampled_from(["active", "closing", "closed"]), texts),
        "closure_announced": dates,
        "closes": dates,
        "url": st.one_of(hrefs, yaml_values),
    },
)


@given(
    data=st.one_of(st.fixed_dictionaries({"accounts": st.lists(account, max_size=3)}), yaml_values)
)
def test_any_new_media_registry(sandbox, data):
    sandbox.reset()
    sandbox.write({"content/edu/new-media.yaml": dump(data)})
    check_site(sandbox)


def test_profile_is_bounded():
    """The ci profile stays small; nightly is opt-in (documented in SECURITY.md)."""
    from hypothesis import settings

    assert settings().max_examples <= 1000
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci":
        assert settings().max_examples <= 50


def test_specials_include_the_reported_inputs():
    assert {"2026-02-30", "9999-12-31", "：", "\t", "javascript:alert(1)"} <= set(SPECIALS)
