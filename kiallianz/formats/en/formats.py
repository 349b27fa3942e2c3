"""English date formats, the same names as kiallianz/formats/de/formats.py."""

DATE_FORMAT = "j F Y"  # 1 October 2023
DATETIME_FORMAT = "j F Y, H:i"  # 1 October 2023, 14:30
MONTH_DAY_FORMAT = "j F"  # 1 October
YEAR_MONTH_FORMAT = "F Y"  # October 2023
SHORT_DATE_FORMAT = "j M Y"  # 1 Oct 2023 (unambiguous, unlike 10/01/2023)
WEEKDAY_DATE_FORMAT = "l, j F Y"  # Sunday, 1 October 2023
WEEKDAY_MONTH_DAY_FORMAT = "l, j F"  # Sunday, 1 October
RANGE_FIRST_DAY_FORMAT = "j"  # „1–3 October 2023“
