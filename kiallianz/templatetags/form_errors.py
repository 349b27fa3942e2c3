"""The error summary at the top of a form (WCAG 3.3.1, 2.4.3).

Every error becomes a line of the summary; a field's error links to the
control to fix, so that a keyboard or screen-reader user jumps straight to
it. Django (5.0+) already marks the control itself with
``aria-invalid="true"`` and ``aria-describedby="<id>_error"``, and the
crispy templates give the error text that id.
"""

from django import forms, template

register = template.Library()


def error_target(bound_field) -> str:
    """The id of the control a link to this field's error should focus.

    A form may name a visible stand-in for a hidden field in
    ``error_targets`` (the capture form's hidden organisation id is chosen
    through its search box). Groups of checkboxes or radios have no single
    control: their first option is the target.
    """
    targets = getattr(bound_field.form, "error_targets", {})
    if bound_field.name in targets:
        return targets[bound_field.name] or ""
    if bound_field.is_hidden:
        return ""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple) and bound_field.auto_id:
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id or ""


def _form_items(form) -> list[dict]:
    items = [{"target": "", "label": "", "message": error} for error in form.non_field_errors()]
    for bound_field in form:
        for error in bound_field.errors:
            items.append(
                {"target": error_target(bound_field), "label": bound_field.label, "message": error}
            )
    return items


@register.simple_tag
def form_error_items(form, *formsets) -> list[dict]:
    """Non-field errors first, then each field's errors in the form's order;
    then those of the given formsets (the capture form's new persons)."""
    if form is None or not getattr(form, "is_bound", False):
        return []
    items = _form_items(form)
    for formset in formsets:
        if not formset or not formset.is_bound:
            continue
        items += [{"target": "", "label": "", "message": e} for e in formset.non_form_errors()]
        for member in formset.forms:
            items += _form_items(member)
    return items
