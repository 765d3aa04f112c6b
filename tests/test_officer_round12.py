"""Officer round 12: a web officer's first day with govsite, hostile inputs included.

Each test is a defect found by trying the tool as a newcomer and then against the
contract (SPEC §3–§5, §9): identifiers that look right on screen but are not what the
rules think they are (full-width digits, a trailing newline, invisible characters), and
bad rows of an application log reported in Python's words."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REVIEW, SITE_TOML, item

AS_OF = "2026-11-26"
POLICY = "content/edu/policy/a.md"
NEWS = "content/edu/news/a.md"


def findings_of(cli, root, *args):
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json", *args)
    assert "Traceback" not in result.err, result.err
    document = json.loads(result.out)
    return result.code, [(f["rule"], f["path"], f["line"]) for f in document["findings"]]


# ---------------------------------------------------------------- DS004: index numbers


@pytest.mark.parametrize(
    "index_no",
    [
        "11539900MB00000036/２０２６-00012",  # full-width year: looks right, is not ASCII
        "11539900MB00000036/2026-０００１２",  # full-width serial
    ],
)
def test_an_index_number_must_be_ascii_digits_to_the_end(make_site, cli, index_no):
    root = make_site({POLICY: item(extra=f'index_no: "{index_no}"\n')})
    code, found = findings_of(cli, root)
    assert code == 1
    assert ("DS004", POLICY, 12) in found


def test_a_full_width_twin_of_an_index_number_is_not_a_second_number(make_site, cli):
    """Before: the full-width form passed as well-formed and, being another string,
    was never compared with its ASCII twin: one index number in the catalogue twice."""
    root = make_site(
        {
            POLICY: item(extra='index_no: "11539900MB00000036/2026-00012"\n'),
            "content/edu/policy/b.md": item(
                extra='index_no: "11539900MB00000036/２０２６-００012"\n'
            ),
        }
    )
    code, found = findings_of(cli, root)
    assert code == 1
    assert [f for f in found if f[0] == "DS004"] == [("DS004", "content/edu/policy/b.md", 12)]


# ---------------------------------------------------------------- ST001: site identity


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ('"5399000009"', '"５３９９０００００９"', 5),
        ('"5399000009"', '"5399000009\\n"', 5),
        ("滇ICP备00000009号-1", "滇ICP备０００００００９号-1", 6),
        ("滇ICP备00000009号-1", "滇ICP备00000009号-1\\n", 6),
        ("滇公网安备53990002000009号", "滇公网安备５３９９０００２０００００９号", 7),
        ("滇公网安备53990002000009号", "滇公网安备53990002000009号\\n", 7),
    ],
)
def test_site_identity_numbers_are_ascii_digits_to_the_end(make_site, cli, old, new, line):
    """The page labels (SiteIDCode) and footer are read by machines; a full-width
    or newline-ended site code is not the code the national inspection registered."""
    assert old in SITE_TOML
    root = make_site({NEWS: item()}, site_toml=SITE_TOML.replace(old, new))
    code, found = findings_of(cli, root)
    assert code == 1
    assert found == [("ST001", "site.toml", line)]


# ---------------------------------------------------------------- invisible characters


INVISIBLE_CHAIN = """\
review:
  status: approved
  level: general
  editor: "\\u200b"
  reviewer: "\\u2060"
  approver: "\\ufeff"
  approver_role: principal
  approved: 2026-03-02
"""


def test_an_invisible_title_is_an_empty_title(make_site, cli):
    """Before: a title of zero-width spaces was "non-empty" and the page was published
    with a blank heading and <title>."""
    root = make_site({NEWS: item(title='"\\u200b\\u200b "')})
    code, found = findings_of(cli, root)
    assert (code, found) == (1, [("FM002", NEWS, 2)])


def test_an_invisible_review_chain_is_an_incomplete_one(make_site, cli):
    """Before: editor, reviewer and approver written as invisible characters passed
    RV001, and an item nobody had reviewed or approved was published (Art. 6, 24)."""
    root = make_site({NEWS: item(review=INVISIBLE_CHAIN)})
    code, found = findings_of(cli, root)
    assert code == 1
    assert [f[0] for f in found] == ["RV001"]


def test_an_invisible_character_does_not_hide_self_approval(make_site, cli):
    chain = REVIEW.format(status="approved", approved="2026-03-02")
    chain = chain.replace("赵编辑", "张三").replace("孙签发", '"张\\u200b三"')
    root = make_site({NEWS: item(review=chain)})
    _code, found = findings_of(cli, root)
    assert [f[0] for f in found] == ["RV005"]


def test_invisible_characters_at_the_ends_of_a_name_are_not_kept(make_site, cli, tmp_path):
    chain = REVIEW.format(status="approved", approved="2026-03-02")
    chain = chain.replace("孙签发", '"\\u200b孙签发\\u200f"')
    root = make_site({NEWS: item(review=chain)})
    assert findings_of(cli, root) == (0, [])
    result = cli("build", "--site", root, "--as-of", AS_OF, "--out", tmp_path / "out", "-q")
    assert result.code == 0, result.out + result.err
    audit = (root / ".govsite" / "audit.log").read_text("utf-8")
    assert '"approver": "孙签发"' in audit and "\u200b" not in audit and "\u200f" not in audit


# ---------------------------------------------------------------- the application log

LOG = "content/edu/annual-report/applications-2025.csv"
HEADER = "id,received,applicant_type,outcome,closed\n"
REPORT_WITHOUT_TABLE_3 = """\
year: 2025
overview: 本年度政府信息公开工作有序开展。
proactive:
  normative_documents: {issued: 0, repealed: 0, in_force: 0}
problems: 无。
other_matters: 无。
"""


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("1\n", "1 列"),  # a short row: "received 'None'" before
        ("1,2025-03-02,natural_person,granted,2025-03-10,extra,more\n", "7 列"),  # ignored before
    ],
)
def test_a_log_row_of_the_wrong_width_says_so(make_site, cli, row, words):
    root = make_site(
        {
            "content/edu/annual-report/2025.yaml": REPORT_WITHOUT_TABLE_3,
            LOG: HEADER + row,
        }
    )
    result = cli("check", "--site", root, "--as-of", AS_OF, "--format", "json")
    assert result.code == 1, result.out + result.err
    found = [f for f in json.loads(result.out)["findings"] if f["path"] == LOG]
    assert [(f["rule"], f["line"]) for f in found] == [("FM001", 2)]
    assert words in found[0]["message"] and "None" not in found[0]["message"]


# ---------------------------------------------------------------- govsite new


@pytest.mark.parametrize("title", ["", "   ", "\u200b"])
def test_new_refuses_an_empty_title(make_site, cli, title):
    root = make_site()
    result = cli("new", "edu", "news", title, "--site", root, "--slug", "x")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert not (root / "content/edu/news/x.md").exists()


# ---------------------------------------------------------------- SR001: the original's address


@pytest.mark.parametrize(
    "url", ["/../../etc/passwd", "/edu/news/nothing/", "www.news.cn/2026/a.htm", "a.htm"]
)
def test_a_repost_source_url_is_a_full_web_address(make_site, cli, url):
    """Before: an allowed source name with a relative or scheme-less ``source.url``
    passed every rule (LK002 reads the body only) and the page published a broken
    "original" link (``www.news.cn/…`` resolved under the item's own URL)."""
    extra = (
        f'origin: repost\nsource: {{name: 新华网, url: "{url}", title: 关于做好开学工作的通知}}\n'
    )
    code, found = findings_of(cli, make_site({NEWS: item(extra=extra)}))
    assert (code, found) == (1, [("SR001", NEWS, 13)])


def test_a_repost_from_a_full_web_address_passes(make_site, cli):
    extra = (
        'origin: repost\nsource: {name: 新华网, url: "https://www.news.cn/2026/a.htm",'
        " title: 关于做好开学工作的通知}\n"
    )
    assert findings_of(cli, make_site({NEWS: item(extra=extra)})) == (0, [])


def test_trim_takes_the_ends_only_and_a_long_run_of_spaces_in_linear_time():
    from govsite.textnorm import trim

    assert trim("\u200b 张三\u2060 \ufeff") == "张三"
    assert trim("\u200b\u2060\ufeff  ") == ""
    assert trim("张 \u200b 三") == "张 \u200b 三"  # the middle is kept
    # 200,000 spaces between two letters: a pattern anchored at the end (tried at every
    # space) took minutes here; walking from each end takes no time at all.
    middle = "x" + " " * 200_000 + "x"
    assert trim(middle) == middle
    assert trim(" " * 200_000) == ""


@pytest.mark.parametrize(
    "written",
    ["abc/../x", "11539900MB0000003", "11539900MB00000036\\n", "１１539900MB00000036"],
)
def test_a_malformed_credit_code_is_one_configuration_error_on_its_key(make_site, cli, written):
    """The credit code prefixes every index number of the department: a malformed one made
    DS004 fire on every disclosure page instead of once, on the key, in site.toml."""
    toml = SITE_TOML.replace('credit_code = "11539900MB00000036"', f'credit_code = "{written}"')
    assert toml != SITE_TOML
    root = make_site(
        {POLICY: item(extra='index_no: "11539900MB00000036/2026-00012"\n')}, site_toml=toml
    )
    result = cli("check", "--site", root, "--as-of", AS_OF)
    assert "Traceback" not in result.err
    assert result.code == 2, result.out + result.err
    lines = toml.splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "credit_code" in text)
    assert f"site.toml:{line}:" in result.err + result.out
    assert "credit_code" in result.err + result.out
