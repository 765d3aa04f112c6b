"""A department or column named on the command line (``new``, ``import``, ``report
annual --dept``): found in ``site.toml``, or a usage error that says which there are.
Here, below the commands that use it, so none of them imports another's module."""

from __future__ import annotations

from govsite.config import Column, Department, SiteConfig
from govsite.errors import UsageError
from govsite.i18n import Translator


def department_hint(config: SiteConfig, dept_id: str, t: Translator) -> str:
    """What to say after "no department ``dept_id``": the one meant, else which there are."""
    known = [d.id for d in config.departments]
    return t.did_you_mean(dept_id, known) or t("cli.known_departments", known=t.join(known))


def column_hint(config: SiteConfig, column_id: str, t: Translator) -> str:
    """What to say after "no column ``column_id``": the one meant, else which there are."""
    known = [c.id for c in config.columns]
    return t.did_you_mean(column_id, known) or t("cli.known_columns", known=t.join(known))


def require_department(config: SiteConfig, dept_id: str, t: Translator) -> Department:
    """The department named on the command line, or a usage error that says which
    departments there are (or the one meant), since the officer typed a name, not a folder."""
    dept = config.department(dept_id)
    if dept is None:
        hint = department_hint(config, dept_id, t)
        raise UsageError(t("cli.no_such_department", dept=dept_id, hint=hint))
    return dept


def require_placement(
    config: SiteConfig, dept_id: str, column_id: str, t: Translator
) -> tuple[Department, Column]:
    """The department and column named on the command line (``new``, ``import``).

    A column that exists in ``site.toml`` but is not in the department's ``columns`` is
    not "unknown": saying so sent officers looking for a typo that was not there."""
    dept = require_department(config, dept_id, t)
    column = config.column(column_id)
    if column is None:
        hint = column_hint(config, column_id, t)
        raise UsageError(t("cli.no_such_column", column=column_id, hint=hint))
    opened = config.columns_of(dept)
    if column not in opened:
        raise UsageError(
            t(
                "cli.column_not_opened",
                column=column_id,
                dept=dept_id,
                opened=t.join([c.id for c in opened]),
            )
        )
    return dept, column
