"""The school year every report counts in: 1 August to 31 July, named by the year it starts (2026 is 2026–27)."""

import datetime


def school_year_of(day: datetime.date) -> int:
    """The school year ``day`` falls in (the calendar year it started)."""
    return day.year if day.month >= 8 else day.year - 1


def school_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of school year ``year``."""
    return datetime.date(year, 8, 1), datetime.date(year + 1, 7, 31)


def school_year_label(year: int) -> str:
    """How people write it: ``2026–27``."""
    return f"{year}–{(year + 1) % 100:02d}"
