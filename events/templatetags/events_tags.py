from django import template
from django.urls import reverse

from kiallianz.permissions import can_change

register = template.Library()


@register.simple_tag
def contacts_url(name: str, pk: int) -> str:
    """A link into the contacts app."""
    return reverse(f"contacts:{name}", args=[pk])


@register.filter
def may_change(user, obj) -> bool:
    """Template access to the one permission rule (kiallianz.permissions)."""
    return can_change(user, obj)
