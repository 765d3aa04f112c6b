"""ST001: the portal's identity is complete (《政府网站发展指引》: footer identity)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govsite.config import CONFIG_NAME, key_positions
from govsite.content.model import Problem
from govsite.findings import Severity
from govsite.rules.registry import SiteContext, rule

# ASCII digits to the very end (machines read these numbers from the page labels and the
# footer): ``\d`` also takes full-width digits and ``$`` also matches before a final "\n".
IDENTITY = {
    "site_code": re.compile(r"^([0-9]{10}|bm[0-9]{8})\Z"),
    "icp": re.compile(r"^[\u4e00-\u9fa5]ICP备[0-9]{6,10}号(-[0-9]+)?\Z"),
    "public_security": re.compile(r"^[\u4e00-\u9fa5]公网安备 ?[0-9]{14}号\Z"),
    "sponsor": re.compile(r"\S"),
}
LABELS = {
    "site_code": ("网站标识码", "site code"),
    "icp": ("ICP 备案号", "ICP number"),
    "public_security": ("公安机关备案号", "public-security filing number"),
    "sponsor": ("主办单位", "sponsor"),
}


@rule(
    "ST001", "site-identity-missing", Severity.ERROR, article="《政府网站发展指引》", scope="site"
)
def site_identity_missing(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """
    ## 查什么
    `site.toml` 缺少网站身份信息，或格式不对：网站标识码 `site_code`（10 位数字，或 bm 加
    8 位数字）、ICP 备案号 `icp`（如 `滇ICP备12345678号-1`）、公安机关备案号
    `public_security`（如 `滇公网安备53990002000001号`，14 位数字）、主办单位 `sponsor`。

    ## 为什么
    《政府网站发展指引》要求每个页面底部标明主办单位、网站标识码、ICP 备案编号和公安机关
    备案标识；国家检查会核对这些信息。

    ## 示例
    ```toml
    [site]
    icp = "ICP备12345678"
    ```

    ## 应改为
    ```toml
    [site]
    icp = "滇ICP备12345678号-1"
    ```
    ---
    ## What it finds
    Site identity missing or malformed in `site.toml`: site code (10 digits, or bm + 8
    digits), ICP number, public-security filing number (14 digits), sponsor.

    ## Why
    The national guideline requires them in every page's footer.

    ## Example
    `icp = "ICP备12345678"`

    ## Instead
    `icp = "滇ICP备12345678号-1"`
    """
    site = ctx.config.site
    positions: dict = {}
    path = ctx.config.root / CONFIG_NAME
    if path.is_file():
        positions = key_positions(path.read_text("utf-8-sig"))
    for name, pattern in IDENTITY.items():
        written = getattr(site, name)  # as the pages will carry it, spaces and all
        value = written.strip()
        if pattern.search(written):
            continue
        label = LABELS[name][1 if ctx.t.lang == "en" else 0]
        position = positions.get(("site", name))
        line, column = (position.line, position.column) if position and value else (None, None)
        key = "st.malformed" if value else "st.missing"
        expected = ctx.t(f"st.format.{name}")
        message = ctx.t(key, label=label, key=f"site.{name}", value=written, expected=expected)
        yield CONFIG_NAME, Problem("ST001", line, column, message)
