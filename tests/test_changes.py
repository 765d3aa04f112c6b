"""``check --staged`` / ``--since``: a commit that deletes or renames a page is judged by
the links it breaks in every department, in a real git repository, and through the
real hook definition in ``.pre-commit-hooks.yaml`` run by pre-commit itself."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, SITE_TOML
from tests.conftest import item as dated_item

EXAM = "content/edu/notice/exam.md"
LINKER = "content/gov/news/linker.md"  # another department's page that links to EXAM
LINKING_BODY = (
    "详见[考试安排](../../edu/notice/exam.md#报名时间)。\n\n"
    "另见[网址形式的链接](/edu/notice/exam/)。\n"
)
TODAY = dt.date.today().isoformat()  # committed today: not backdated (RV006)


def item(**fields: str) -> str:
    return dated_item(**{"date": TODAY, **fields})


GIT_ENV = {
    "GIT_AUTHOR_NAME": "赵编辑",
    "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
    "GIT_COMMITTER_NAME": "赵编辑",
    "GIT_COMMITTER_EMAIL": "editor@example.gov.cn",
}


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        capture_output=True,
        text=True,
        check=check,
        env={**os.environ, **GIT_ENV},
    )


@pytest.fixture
def repo(make_site) -> Path:
    root = make_site(
        {
            EXAM: item(title="考试安排", body="## 报名时间\n\n三月。\n"),
            LINKER: item(title="工作动态", body=LINKING_BODY),
            "content/edu/news/other.md": item(title="其他动态"),
        }
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "初始内容")
    return root


def test_a_clean_commit_passes(repo, cli):
    (repo / "content/edu/news/other.md").write_text(item(title="其他动态，已修改"), "utf-8")
    git(repo, "add", "-A")
    result = cli("check", "--site", repo, "--staged")
    assert result.code == 0, result.out
    assert "检查" in result.out and "0 个错误" in result.out


def test_a_staged_deletion_reports_the_links_it_breaks_in_other_departments(repo, cli):
    git(repo, "rm", "-q", EXAM)
    result = cli("check", "--site", repo, "--staged")
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "LK002" in line]
    assert lines == [
        f"{LINKER}:14:10: LK002 站内链接 `../../edu/notice/exam.md#报名时间` 指向的页面不存在或尚未发布",
        f"{LINKER}:16:13: LK002 站内链接 `/edu/notice/exam/` 指向的页面不存在或尚未发布",
    ]
    assert "删除或改名了 1 个文件" in result.err


def test_a_rename_is_a_deletion_of_the_old_name(repo, cli):
    git(repo, "mv", EXAM, "content/edu/notice/exam-2026.md")
    result = cli("check", "--site", repo, "--staged", "--format", "json")
    assert result.code == 1
    import json

    found = json.loads(result.out)["findings"]
    assert {(f["rule"], f["path"], f["line"]) for f in found} == {
        ("LK002", LINKER, 14),
        ("LK002", LINKER, 16),
    }


def test_renaming_a_page_with_a_slug_breaks_only_file_links(make_site, cli):
    root = make_site(
        {
            EXAM: item(title="考试安排", extra="slug: kaoshi\n"),
            LINKER: item(
                title="工作动态",
                body="[按网址](/edu/notice/kaoshi/)和[按文件](../../edu/notice/exam.md)\n",
            ),
        }
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    git(root, "mv", EXAM, "content/edu/notice/exam-new.md")
    result = cli("check", "--site", root, "--staged")
    # the URL stays (the slug is in the front matter); the link by file name breaks
    assert result.code == 1
    assert [line.split(": LK002")[0] for line in result.out.splitlines() if "LK002" in line] == [
        f"{LINKER}:14:34"
    ]
    git(root, "reset", "-q", "--hard")
    git(root, "rm", "-q", EXAM)
    result = cli("check", "--site", root, "--staged")
    assert sum("LK002" in line for line in result.out.splitlines()) == 2  # the old slug's URL too


def test_deleting_the_disclosure_guide_reports_ds005(make_site, cli):
    site_toml = (
        SITE_TOML + '\n[[columns]]\nid = "guide"\ntitle = "政府信息公开指南"\nkind = "guide"\n'
    )
    root = make_site(
        {
            "content/edu/guide/guide.md": item(title="指南"),
            "content/gov/guide/guide.md": item(title="指南"),
        },
        site_toml=site_toml,
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    git(root, "rm", "-q", "content/edu/guide/guide.md")
    result = cli("check", "--site", root, "--staged")
    assert result.code == 1
    assert "content/edu/guide/: DS005" in result.out


def test_a_deleted_path_on_the_command_line_counts_as_removed(repo, cli):
    (repo / EXAM).unlink()
    result = cli("check", "--site", repo, repo / EXAM)
    assert result.code == 1 and f"{LINKER}:14:10: LK002" in result.out


def test_a_path_that_never_existed_is_a_usage_error(repo, cli):
    result = cli("check", "--site", repo, repo / "content/edu/nwes")
    assert result.code == 2
    assert "content/edu/nwes 不存在，git 中也没有这个文件（路径写错了？）" in result.err


def test_since_a_branch_point(repo, cli):
    git(repo, "checkout", "-q", "-b", "topic")
    git(repo, "rm", "-q", EXAM)
    git(repo, "commit", "-qm", "删除考试安排")
    result = cli("check", "--site", repo, "--since", "main")
    assert result.code == 1 and f"{LINKER}:14:10: LK002" in result.out
    result = cli("check", "--site", repo, "--since=--output=x")
    assert result.code == 2 and "不是 git 版本名" in result.err


def test_a_site_in_a_subfolder_of_the_repository(make_site, cli, tmp_path):
    root = make_site({EXAM: item(title="考试安排"), LINKER: item(body=LINKING_BODY)})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "init")
    git(tmp_path, "rm", "-q", f"site/{EXAM}")
    result = cli("check", "--site", root, "--staged")
    assert result.code == 1 and f"{LINKER}:14:10: LK002" in result.out


def test_without_git_staged_is_a_usage_error(make_site, cli):
    root = make_site({EXAM: item()})
    env_ceiling = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(root.parent)
    try:
        result = cli("check", "--site", root, "--staged")
    finally:
        if env_ceiling is None:
            del os.environ["GIT_CEILING_DIRECTORIES"]
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = env_ceiling
    assert result.code == 2 and "不在 git 仓库中" in result.err


# ---------------------------------------------------------------- the real pre-commit hook


def install_hook(root: Path) -> None:
    """The hook exactly as ``.pre-commit-hooks.yaml`` defines it, run by pre-commit as a
    local hook (``language: system`` instead of an install from the repository, and the
    ``govsite`` of this tree)."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "govsite-check")
    hook = {**hook, "language": "system"}
    hook["entry"] = hook["entry"].replace("govsite", f"{sys.executable} -m govsite", 1)
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    git(root, "add", ".pre-commit-config.yaml")
    git(root, "commit", "-qm", "pre-commit", "--no-verify")
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=root,
        check=True,
        capture_output=True,
        env=hook_env(root),
    )


def hook_env(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"),
        "PYTHONPATH": str(REPO),
    }


def commit(root: Path, message: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "commit", "-qm", message],
        cwd=root,
        capture_output=True,
        text=True,
        env=hook_env(root),
    )


def test_pre_commit_refuses_a_deletion_that_breaks_links(repo):
    install_hook(repo)
    git(repo, "rm", "-q", EXAM)
    refused = commit(repo, "删除考试安排")
    assert refused.returncode != 0
    assert f"{LINKER}:14:10: LK002" in refused.stdout + refused.stderr
    assert git(repo, "status", "--porcelain").stdout.startswith("D ")  # nothing committed
    # fixing the link in the same commit lets it through
    (repo / LINKER).write_text(item(title="工作动态", body="考试安排另行通知。\n"), "utf-8")
    git(repo, "add", LINKER)
    passed = commit(repo, "删除考试安排并修改链接")
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_pre_commit_refuses_a_draft_with_a_mobile_number_but_not_an_unfinished_draft(repo):
    install_hook(repo)
    draft = repo / "content/edu/news/draft.md"
    draft.write_text(
        item(
            title="草稿", status="draft", body="![现场](../media/none.png)\n\n联系 13912345678。\n"
        ),
        "utf-8",
    )
    git(repo, "add", "-A")
    refused = commit(repo, "草稿")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "PV002" in output and "139****5678" in output
    assert "13912345678" not in output
    # the same draft without the number: its pending findings (a missing image) do not
    # stop the commit of work in progress
    draft.write_text(
        item(title="草稿", status="draft", body="![现场](../media/none.png)\n"), "utf-8"
    )
    git(repo, "add", "-A")
    passed = commit(repo, "草稿")
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_renaming_an_image_reports_the_image_and_its_media_entry(make_site, cli):
    page = "content/gov/news/photo.md"
    root = make_site(
        {
            "content/edu/media/合影.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 16,
            page: item(
                title="活动合影",
                extra="media:\n  - {file: /edu/media/合影.png, source: 本局, license: 自有}\n",
                body="![活动合影](../../edu/media/合影.png)\n",
            ),
        }
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    git(root, "mv", "content/edu/media/合影.png", "content/edu/media/活动 合影.png")
    result = cli("check", "--site", root, "--staged")
    assert result.code == 1
    found = [line.split(": ")[0] for line in result.out.splitlines() if "LK002" in line]
    assert found == [f"{page}:13:6", f"{page}:16:9"]  # the media entry and the image


def test_a_change_to_the_rule_pack_is_judged_by_every_page(repo, cli):
    (repo / "checks/illegal.yaml").write_text(
        "categories:\n  gambling:\n    label: 赌博\n    terms: [三月]\n", "utf-8"
    )
    git(repo, "add", "-A")
    result = cli("check", "--site", repo, "--staged")
    assert result.code == 1 and f"{EXAM}:16:1: AD002" in result.out, result.out
