"""PRC working days: statutory holidays and adjusted working weekends (调休).

The ``chinese-calendar`` library knows each year's arrangement once the State Council
has announced it; ``site.toml [calendar]`` adds or overrides days for years the library
does not know yet. A year known to neither is never guessed: :class:`UnknownYear` is
raised and callers report it. The new-media rules (NM002, NM003) use this module too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import chinese_calendar

# The library checks its arguments on every call; deadlines count thousands of days.
_library_workday = lru_cache(maxsize=8192)(chinese_calendar.is_workday)


class UnknownYear(Exception):
    """No holiday arrangement is known for this year (library or ``site.toml``)."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[dt.date] = field(default_factory=frozenset)  # extra days off
    workdays: frozenset[dt.date] = field(default_factory=frozenset)  # adjusted working weekends

    @cached_property
    def override_years(self) -> frozenset[int]:
        return frozenset(d.year for d in self.holidays | self.workdays)

    def knows(self, year: int) -> bool:
        if year in self.override_years:
            return True
        try:
            chinese_calendar.is_workday(dt.date(year, 6, 1))
        except NotImplementedError:
            return False
        return True

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if day.year in self.override_years:
            return day.weekday() < 5  # the site declared this year's arrangement itself
        try:
            return _library_workday(day)
        except NotImplementedError:
            raise UnknownYear(day.year) from None

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if end ≤ start):
        the count of 条例 deadlines, which run from the day after receipt."""
        count = 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            count += self.is_workday(day)
            day += dt.timedelta(days=1)
        return count

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``start``."""
        day = start
        while days > 0:
            day += dt.timedelta(days=1)
            days -= self.is_workday(day)
        return day
