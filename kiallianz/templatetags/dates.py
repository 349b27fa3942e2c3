from django import template

from kiallianz.dates import date_range as format_date_range

register = template.Library()


@register.filter
def date_range(start, end=None) -> str:
    """``{{ event.start_date|date_range:event.end_date }}``"""
    if not start:
        return ""
    return format_date_range(start, end)
