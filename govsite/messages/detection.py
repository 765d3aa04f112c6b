"""Messages of the detection area (key: (中文, English))."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "ad.advertising_family": (
        "“{term}”属于商业广告用语（{label}），政府网站不得刊登商业广告",
        "“{term}” is advertising ({label}); government sites carry no commercial advertising",
    ),
    "pack.bad_scope": (
        "scope 只能是 sentence（所在句子）或 line（所在行），实际为 {scope}",
        "scope must be sentence or line, got {scope}",
    ),
}
