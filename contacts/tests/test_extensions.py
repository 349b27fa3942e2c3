import pytest
from django.core.exceptions import ValidationError

from contacts import extensions


def test_it_runs_registered_membership_checks(monkeypatch):
    monkeypatch.setattr(extensions, "_membership_checks", [])
    seen = []

    def refuse_members(organisation, new_status):
        seen.append(new_status)
        if new_status == "member":
            raise ValidationError("nein")

    extensions.register_membership_check(refuse_members)
    extensions.register_membership_check(refuse_members)
    extensions.run_membership_checks(object(), "none")
    with pytest.raises(ValidationError):
        extensions.run_membership_checks(object(), "member")
    assert seen == ["none", "member"]


def test_it_orders_panels_and_skips_empty_ones(monkeypatch):
    monkeypatch.setattr(extensions, "_organisation_panels", {})
    extensions.register_organisation_panel(
        extensions.OrganisationPanel("b", "b.html", lambda org, user: {"x": 1}, order=20)
    )
    extensions.register_organisation_panel(
        extensions.OrganisationPanel("a", "a.html", lambda org, user: {"y": 2}, order=10)
    )
    extensions.register_organisation_panel(
        extensions.OrganisationPanel("c", "c.html", lambda org, user: None, order=5)
    )
    panels = extensions.organisation_panels(object(), None)
    assert [(panel.key, context) for panel, context in panels] == [("a", {"y": 2}), ("b", {"x": 1})]
