"""German date formats (FORMAT_MODULE_PATH); what is not here comes from Django.

Templates and code name the format („DATE_FORMAT“), never the pattern, so
English pages get English dates (kiallianz/formats/en/formats.py).
"""

DATE_FORMAT = "j. F Y"  # 1. Oktober 2023
DATETIME_FORMAT = "j. F Y, H:i"  # 1. Oktober 2023, 14:30
MONTH_DAY_FORMAT = "j. F"  # 1. Oktober
YEAR_MONTH_FORMAT = "F Y"  # Oktober 2023
SHORT_DATE_FORMAT = "d.m.Y"  # 01.10.2023
# Project formats (the date filter and formats.date_format accept these names).
WEEKDAY_DATE_FORMAT = "l, j. F Y"  # Sonntag, 1. Oktober 2023
WEEKDAY_MONTH_DAY_FORMAT = "l, j. F"  # Sonntag, 1. Oktober
RANGE_FIRST_DAY_FORMAT = "j."  # „1.–3. Oktober 2023“ (kiallianz/dates.py)
