"""Message catalogues by area, merged into ``govsite.i18n.MESSAGES``.

Each module holds ``MESSAGES: dict[str, tuple[str, str]]`` (key: (中文, English)) for one
part of the tool, so the catalogue stays readable and areas can grow independently.
A key must be defined once across all modules (a test checks it).
"""
