from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("audit/history_tab.html")
def history_tab(record):
    """The „Verlauf“ of a record, loaded when opened."""
    return {
        "url": reverse(
            "audit:record_history",
            kwargs={"label": record._meta.label_lower, "pk": record.pk},
        )
    }
