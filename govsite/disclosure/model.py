"""One department's annual report for one year, with every total computed."""

from __future__ import annotations

from dataclasses import dataclass, field

from govsite.content.model import Problem
from govsite.disclosure.figures import Number, format_number


@dataclass(frozen=True)
class LateReply:
    application: str
    line: int
    working_days: int
    limit: int


@dataclass(frozen=True)
class TextSection:
    """A text section (一、五、六) with where its text starts in the YAML file.

    ``line`` is the file line of the text's first line: for a block scalar (``|``, ``>``)
    the line after the key, so line ``k`` of a ``|`` text is file line ``line + k``.
    """

    key: str  # "overview", "problems", "other_matters"
    label: str  # "一、总体情况"
    text: str
    line: int | None
    column: int | None
    block: bool = False  # written as a block scalar: its lines map one to one


@dataclass
class AnnualReport:
    """One department's report for one year.

    ``table3`` maps each row of table 三 (its YAML path, ``withheld.third_party``) to the
    six applicant columns and the 总计; ``table4`` each kind to its four results and the
    总计; ``proactive`` each row of table 二 to its columns. Blank cells are 0 there and
    ``written`` keeps what the office wrote for them, keyed by the cell's path
    (``proactive.regulations.issued``, ``applications.new[3]``,
    ``reviews_litigation.review.total``).
    """

    path: str  # content/<dept>/annual-report/<year>.yaml
    department: str
    year: int
    overview: str = ""
    problems_text: str = ""
    other_matters: str = ""
    texts: tuple[TextSection, ...] = ()
    proactive: dict[str, dict[str, Number]] = field(default_factory=dict)
    table3: dict[str, list[int]] = field(default_factory=dict)
    table4: dict[str, list[int]] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # cell paths reported as unreadable
    applications_source: str = "yaml"  # or the CSV's path
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (path, problem)
    late_replies: list[LateReply] = field(default_factory=list)
    unknown_years: set[int] = field(default_factory=set)
    positions: dict = field(default_factory=dict)

    def line_of(self, *path: str | int) -> int | None:
        while path:
            if path in self.positions:
                return self.positions[path][0]
            path = path[:-1]
        return None

    @property
    def arithmetic_ok(self) -> bool:
        return not any(p.rule in ("DS002", "FM001") for _, p in self.problems)

    def row(self, key: str) -> list[int]:
        return self.table3.get(key, [0] * 7)

    def shown(self, cell: str, value: Number) -> str:
        """What the page prints in a cell: the figure in full, or the blank as written."""
        return self.written[cell] if cell in self.written else format_number(value)

    def is_blank(self, cell: str) -> bool:
        return cell in self.written
