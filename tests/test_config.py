"""site.toml: configuration errors exit 2 and name the key and its position."""

from __future__ import annotations

from tests.conftest import SITE_TOML


def test_valid_config_builds(make_site, cli, tmp_path):
    root = make_site()
    result = cli("build", "--site", root, "--as-of", "2026-11-26")
    assert result.code == 0, result.err
    assert (root / "public" / "index.html").is_file()


def test_unknown_key_is_named_with_its_line(make_site, cli):
    root = make_site(site_toml=SITE_TOML.replace('sponsor = "', 'sponsr = "x"\nsponsor = "'))
    result = cli("check", "--site", root)
    assert result.code == 2
    line = (
        SITE_TOML.splitlines().index(
            next(x for x in SITE_TOML.splitlines() if x.startswith("sponsor"))
        )
        + 1
    )
    assert f"site.toml:{line}:1: 未知配置项 `site.sponsr`；是否想写 'sponsor'？" in result.err


def test_missing_required_key(make_site, cli):
    root = make_site(site_toml=SITE_TOML.replace('base_url = "https://www.test.gov.cn/"\n', ""))
    result = cli("build", "--site", root)
    assert result.code == 2
    assert "缺少必填配置项 `site.base_url`" in result.err
    assert "site.toml:1:1" in result.err  # the [site] table that lacks it


def test_wrong_type_names_expected_and_found(make_site, cli):
    root = make_site(site_toml=SITE_TOML.replace("disclosure = true", 'disclosure = "yes"'))
    result = cli("check", "--site", root, "--lang", "en")
    assert result.code == 2
    assert "key `columns[2].disclosure`: expected a boolean, got text 'yes'" in result.err


def test_bad_choice_guesses(make_site, cli):
    root = make_site(site_toml=SITE_TOML.replace('kind = "dynamic"', 'kind = "dynamc"'))
    result = cli("check", "--site", root)
    assert result.code == 2
    line = SITE_TOML.splitlines().index('kind = "dynamic"') + 1
    assert f"site.toml:{line}:1:" in result.err
    assert "'dynamc' 不在" in result.err and "是否想写 'dynamic'" in result.err


def test_toml_syntax_error_has_position(make_site, cli):
    root = make_site(
        site_toml=SITE_TOML.replace('title = "测试市人民政府"', 'title = "测试市人民政府')
    )
    result = cli("build", "--site", root)
    assert result.code == 2
    assert "site.toml:2:" in result.err
    assert "TOML 语法错误" in result.err


def test_duplicate_and_reserved_ids(make_site, cli):
    extra = '\n[[departments]]\nid = "edu"\nname = "重复"\n\n[[departments]]\nid = "assets"\nname = "保留"\n'
    root = make_site(site_toml=SITE_TOML + extra)
    result = cli("check", "--site", root)
    assert result.code == 2
    assert "departments id 'edu' 重复" in result.err
    assert "id 'assets' 与门户保留路径冲突" in result.err


def test_missing_site_toml(tmp_path, cli):
    result = cli("check", "--site", tmp_path)
    assert result.code == 2
    assert "找不到站点配置文件" in result.err
    assert "Traceback" not in result.err


def test_an_id_or_slug_ending_in_a_newline_is_refused(make_site, cli):
    """``$`` matches before a final newline: ``"edu2\\n"`` passed as an id (and would
    become a folder name with a newline in it)."""
    from govsite.safepath import check_slug

    extra = '\n[[departments]]\nid = "edu2\\n"\nname = "换行"\n'
    root = make_site(site_toml=SITE_TOML + extra)
    result = cli("check", "--site", root)
    assert result.code == 2
    assert "edu2" in result.err and "Traceback" not in result.err
    assert check_slug("news\n") == "fm.bad_slug"
    assert check_slug("news") is None
