"""What checks/README.md promises a web office: a term, a pattern, a context cue and an
allow phrase each change what is reported, and a wrong value is a positioned error."""

from __future__ import annotations

import json

from tests.conftest import item

ADVERTISING = """\
scope: line
terms:
  - 某某好物
categories:
  discount:
    label: 折扣促销
    patterns:
      - '下单立减\\s?\\d{1,4}\\s?元'
allow:
  - 某某好物评选
context:
  - 告诫
"""

BODY = """\
某某好物，天天有。

下单立减 20 元，快来。

关于某某好物评选的通知。

提醒告诫书：某某好物不得虚假宣传。
"""


def test_a_term_a_pattern_an_allow_phrase_and_a_context_cue(make_site, cli):
    root = make_site(
        {"checks/advertising.yaml": ADVERTISING, "content/edu/news/x.md": item(body=BODY)}
    )
    result = cli("check", "--site", root, "--format", "json")
    found = json.loads(result.out)["findings"]
    lines = sorted(f["line"] for f in found if f["rule"] == "AD001")
    assert lines == [14, 16]  # the term, the pattern; not the allowed phrase, not the cued line
    message = next(f["message"] for f in found if f["line"] == 16)
    assert "折扣促销" in message


def test_a_scope_that_is_neither_sentence_nor_line_is_an_error_with_its_line(make_site, cli):
    root = make_site({"checks/illegal.yaml": "scope: page\ncategories: {}\n"})
    result = cli("check", "--site", root)
    assert result.code == 2
    assert "checks/illegal.yaml:1" in result.err
    assert "page" in result.err
