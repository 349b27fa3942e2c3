"""Form layout helpers for templates."""

from django import template

register = template.Library()


@register.filter
def fields(form, names: str) -> list:
    """The bound fields named (space-separated), in that order: several fields
    that share one column layout are written once in a loop."""
    return [form[name] for name in names.split()]
