"""``{% filter_panel filter %}``: the filter panel and chips of every list."""

from django import template

from kiallianz.filters import KEPT_PARAMS

register = template.Library()


@register.inclusion_tag("includes/filter_panel.html", takes_context=True)
def filter_panel(context, filters, panel_id: str = "filters"):
    """``filters`` is a FilterSet (kiallianz.filters) or a FilterForm.

    The panel is closed unless the form has errors; the active filters show
    beside it as chips, each a link to the list without that filter.
    """
    form = getattr(filters, "form", filters)
    params = context["request"].GET
    return {
        "form": form,
        "fields": form.panel_fields(),
        "panel_id": panel_id,
        "open": form.panel_open(),
        "chips": form.chips(params),
        "reset_url": form.reset_url(params),
        "kept": [(name, value) for name in KEPT_PARAMS for value in params.getlist(name)],
    }
