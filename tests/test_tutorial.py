"""docs/getting-started.md, run as written: every ``sh`` block in order, in one shell, from
a fresh clone, with pip reading only the wheelhouse (the docs cannot drift from what works)."""

from __future__ import annotations

import yaml

from tests.install_support import (
    REPO,
    clone,
    documented_blocks,
    git,
    offline_env,
    run_shell,
    source_commit,
    source_repository,
    wheelhouse,
)


def test_getting_started_works_from_a_fresh_clone(tmp_path):
    blocks = documented_blocks(REPO / "docs/getting-started.md")
    assert len(blocks) >= 8  # install, init, department, pages, attachment, item, build, git
    wheels = wheelhouse()
    work = tmp_path / "work"
    work.mkdir()
    clone(work / "govsite")
    home = tmp_path / "home"
    home.mkdir()
    script = "\n".join(blocks)
    # the portal still builds once it is in git, as CI builds it: dates are checked against
    # the first commit (RV006), so the tutorial's pages must carry real dates
    assert script.rindex("govsite build") > script.index("git commit")
    result = run_shell(script, work, offline_env(home, wheels))

    portal = work / "city-portal"
    # the department, the item and its attachment are published
    assert (portal / "public/edu/notice/2026-exam-sites/index.html").is_file()
    page = (portal / "public/edu/notice/2026-exam-sites/index.html").read_text("utf-8")
    assert "/edu/media/2026-exam-sites.csv" in page
    assert (portal / "public/edu/media/2026-exam-sites.csv").is_file()
    assert (portal / "public/edu/guide/guide/index.html").is_file()
    assert (portal / "compliance.html").is_file()
    # CI and pre-commit pin the govsite the tutorial installed: the clone's origin and commit
    hooks = yaml.safe_load((portal / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hooks["repos"][0]["repo"] == str(source_repository())
    assert hooks["repos"][0]["rev"] == source_commit()
    workflow = (portal / ".github/workflows/govsite.yml").read_text("utf-8")
    assert f"git+{source_repository().as_uri()}@{source_commit()}" in workflow
    # the commit went through the pre-commit hook
    assert (portal / ".git/hooks/pre-commit").is_file()
    assert git(portal, "log", "--format=%s") == "新建门户：市政府办和市教体局"
    assert "govsite check" in result.stdout + result.stderr
