"""The shared filter base (kiallianz/filters.py): the same „alle“, ja/nein/alle,
chips that remove one filter each, and that every list uses it."""

import importlib
import re
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.http import QueryDict
from django.utils import translation

from kiallianz import filters as base
from kiallianz.models import Region, User

ROOT = Path(__file__).resolve().parents[2]


class ExampleFilter(base.FilterSet):
    q = base.SearchFilter(fields=("username", "email"))
    role = django_filters.ChoiceFilter(label="Rolle", choices=User.Role.choices)
    regions = base.MultiValueModelChoiceFilter(
        label="Region", queryset=Region.objects.all(), field_name="regions"
    )
    is_active = django_filters.BooleanFilter(label="aktiv")
    joined = django_filters.DateFromToRangeFilter(label="Beitritt", field_name="date_joined")
    since = django_filters.DateFilter(label="seit", field_name="date_joined", lookup_expr="gte")

    class Meta:
        model = User
        fields: list[str] = []


class ExampleForm(base.FilterForm):
    kind = forms.ChoiceField(label="Art", choices=[("", "---------"), ("a", "A")], required=False)
    region = forms.ModelChoiceField(label="Region", queryset=Region.objects.all(), required=False)


def _options(bound_field) -> list[str]:
    return re.findall(r"<option[^>]*>([^<]*)</option>", str(bound_field))


def _filter(query: str) -> ExampleFilter:
    return ExampleFilter(QueryDict(query), queryset=User.objects.all())


@pytest.mark.django_db
class TestPlaceholder:
    def test_every_select_offers_alle_first(self, region):
        form = _filter("").form
        for name in ("role", "regions", "is_active"):
            assert _options(form[name])[0] == "alle", name

    def test_a_plain_filter_form_offers_alle_too(self, region):
        form = ExampleForm(QueryDict(""))
        assert _options(form["kind"]) == ["alle", "A"]
        assert _options(form["region"])[0] == "alle"

    def test_no_dashes_and_no_unbekannt(self, region):
        html = _filter("").form.as_div()
        assert "---------" not in html
        assert "Unbekannt" not in html and "Unknown" not in html

    def test_it_is_all_in_english(self, region):
        with translation.override("en"):
            assert _options(_filter("").form["role"])[0] == "all"

    def test_a_multiple_select_is_refused(self):
        with pytest.raises(TypeError, match="MultiValue"):
            base.unify_field(forms.MultipleChoiceField(choices=[("a", "A")]))


@pytest.mark.django_db
class TestYesNo:
    def test_the_choices_are_alle_ja_nein(self):
        assert _options(_filter("").form["is_active"]) == ["alle", "ja", "nein"]

    @pytest.mark.parametrize(
        ("value", "expected"), [("1", True), ("true", True), ("0", False), ("false", False)]
    )
    def test_it_reads_one_zero_and_true_false(self, value, expected):
        filterset = _filter(f"is_active={value}")
        assert filterset.is_valid()
        assert filterset.form.cleaned_data["is_active"] is expected

    def test_nein_filters_and_alle_does_not(self, office_user, cm_user):
        User.objects.filter(pk=cm_user.pk).update(is_active=False)
        assert list(_filter("is_active=false").qs) == [cm_user]
        assert set(_filter("is_active=").qs) == {office_user, cm_user}

    def test_the_chip_says_ja_or_nein(self):
        assert [
            (c.label, c.value) for c in _filter("is_active=0").form.chips(QueryDict("is_active=0"))
        ] == [("aktiv", "nein")]


@pytest.mark.django_db
class TestChips:
    def test_each_chip_removes_exactly_one_filter_and_keeps_the_sort(self, region):
        query = f"q=kim&role=office&regions={region.pk}&sort=-name&page=3"
        chips = _filter(query).form.chips(QueryDict(query))
        assert [(c.label, c.value) for c in chips] == [
            ("Suche", "kim"),
            ("Rolle", "Geschäftsstelle"),
            ("Region", "Karlsruhe"),
        ]
        remaining = [QueryDict(c.remove_url.lstrip("?")) for c in chips]
        assert remaining[0].dict() == {"role": "office", "regions": str(region.pk), "sort": "-name"}
        assert remaining[1].dict() == {"q": "kim", "regions": str(region.pk), "sort": "-name"}
        assert remaining[2].dict() == {"q": "kim", "role": "office", "sort": "-name"}

    def test_a_repeated_parameter_gives_a_chip_per_value(self, region, other_region):
        query = f"regions={region.pk}&regions={other_region.pk}"
        chips = _filter(query).form.chips(QueryDict(query))
        assert [c.value for c in chips] == ["Karlsruhe", "Freiburg"]
        assert chips[0].remove_url == f"?regions={other_region.pk}"

    def test_the_ends_of_a_range_are_chips_of_their_own_with_german_dates(self):
        query = "joined_after=2024-03-01&joined_before=2024-03-31&since=2024-01-06"
        chips = _filter(query).form.chips(QueryDict(query))
        assert [(c.label, c.value) for c in chips] == [
            ("Beitritt ab", "1. März 2024"),
            ("Beitritt bis", "31. März 2024"),
            ("seit", "6. Januar 2024"),
        ]
        assert chips[0].remove_url == "?joined_before=2024-03-31&since=2024-01-06"

    def test_the_accessible_name_says_what_is_removed(self, region):
        chip = _filter(f"regions={region.pk}").form.chips(QueryDict(f"regions={region.pk}"))[0]
        assert chip.remove_label == "Filter Region: Karlsruhe entfernen"
        with translation.override("en"):
            assert chip.remove_label == "Remove filter Region: Karlsruhe"

    def test_empty_and_unknown_parameters_give_no_chip(self):
        query = "q=&role=&sort=name&per_page=50&colour=red"
        assert _filter(query).form.chips(QueryDict(query)) == []

    def test_reset_keeps_only_the_sort_and_page_size(self):
        query = "q=kim&role=office&sort=name&per_page=50&page=2"
        assert _filter(query).form.reset_url(QueryDict(query)) == "?sort=name&per_page=50"
        assert _filter("q=kim").form.reset_url(QueryDict("q=kim")) == "?"

    def test_the_panel_opens_only_for_errors(self):
        assert not _filter("").form.panel_open()
        assert not _filter("role=office").form.panel_open()
        assert _filter("since=kaputt").form.panel_open()

    def test_each_end_of_a_range_has_an_accessible_name(self):
        html = str(_filter("").form["joined"])
        assert 'aria-label="Beitritt ab"' in html and 'aria-label="Beitritt bis"' in html


@pytest.mark.django_db
class TestSearch:
    def test_it_finds_the_words_in_any_of_its_fields(self, office_user, cm_user):
        User.objects.filter(pk=cm_user.pk).update(email="kim@beispiel.de")
        assert list(_filter("q=+BEISPIEL+").qs) == [cm_user]
        assert list(_filter(f"q={office_user.username}").qs) == [office_user]

    def test_blank_words_filter_nothing(self, office_user, cm_user):
        assert set(_filter("q=+++").qs) == {office_user, cm_user}

    def test_it_is_a_search_box(self):
        assert 'type="search"' in str(_filter("").form["q"])


# --- Every list of the project uses the base ---------------------------------------


def _project_apps():
    return [config for config in apps.get_app_configs() if Path(config.path).parent == ROOT]


def _project_filtersets() -> list[type]:
    for config in _project_apps():
        if (Path(config.path) / "filters.py").exists():
            importlib.import_module(f"{config.name}.filters")
    found, todo = [], [django_filters.FilterSet]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        top = cls.__module__.split(".")[0]
        if top in {c.name for c in _project_apps()} and cls.__module__ != "kiallianz.filters":
            found.append(cls)
    return found


def test_the_project_has_the_filtersets_of_its_lists():
    names = {cls.__name__ for cls in _project_filtersets() if "tests" not in cls.__module__}
    assert names >= {
        "FirstContactFilter",
        "OrganisationFilter",
        "PersonFilter",
        "QualityQueueFilter",
        "PartnerFilter",
        "EventFilter",
        "KIChallengeRoundFilter",
        "TransferProjectFilter",
        "CommunicationActivityFilter",
        "AccessLogFilter",
    }


@pytest.mark.parametrize("filterset", _project_filtersets(), ids=lambda cls: cls.__name__)
def test_every_filterset_uses_the_base(filterset):
    assert issubclass(filterset, base.FilterSet)


@pytest.mark.django_db
@pytest.mark.parametrize("filterset", _project_filtersets(), ids=lambda cls: cls.__name__)
def test_every_filterset_renders_alle_and_ja_nein(filterset, region):
    form = filterset(QueryDict(""), queryset=filterset._meta.model.objects.none()).form
    assert isinstance(form, base.FilterForm)
    html = form.as_div()
    assert "---------" not in html and "Unbekannt" not in html
    for field in form:
        if isinstance(field.field.widget, forms.Select):
            assert _options(field)[0] == "alle", field.name
        assert not isinstance(field.field.widget, forms.SelectMultiple), field.name


def _sources(pattern: str):
    for config in _project_apps():
        yield from Path(config.path).rglob(pattern)
    yield from (ROOT / "templates").rglob(pattern)


def test_no_list_builds_its_filters_without_the_base():
    offenders = [
        str(path.relative_to(ROOT))
        for path in _sources("*.py")
        if "tests" not in path.parts
        and path != ROOT / "kiallianz" / "filters.py"
        and re.search(r"django_filters\.FilterSet\b|BooleanWidget", path.read_text())
    ]
    assert offenders == []


def test_no_template_draws_a_filter_form_of_its_own():
    """Every list draws its filters with {% filter_panel %}."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in _sources("*.html")
        if re.search(r"filter\.form\b", path.read_text())
    ]
    assert offenders == []


def test_every_filter_form_of_the_project_uses_the_base():
    """Lists that are no queryset (the change log) use FilterForm directly."""
    found = []
    for config in _project_apps():
        if (Path(config.path) / "filters.py").exists():
            module = importlib.import_module(f"{config.name}.filters")
            found += [
                value
                for value in vars(module).values()
                if isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ]
    assert found, "the change log's form"
    assert all(issubclass(form, base.FilterForm) for form in found)


def test_a_plain_multiwidget_reads_its_numbered_parameters():
    class SplitForm(base.FilterForm):
        when = forms.SplitDateTimeField(label="Zeitpunkt", required=False)

    query = QueryDict("when_0=2024-05-06&when_1=10:00")
    chips = SplitForm(query).chips(query)
    assert [(c.label, c.value) for c in chips] == [
        ("Zeitpunkt", "6. Mai 2024"),
        ("Zeitpunkt", "10:00"),
    ]
    assert chips[0].remove_url == "?when_1=10%3A00"


@pytest.mark.django_db
class TestPanelMarkup:
    """The panel's fields without crispy: label or legend, Bootstrap's
    classes, and an error linked to its control."""

    def _panel(self, query: str) -> str:
        from django.template import Context, Template
        from django.test import RequestFactory

        request = RequestFactory().get(f"/?{query}")
        template = Template("{% load filter_panel %}{% filter_panel filters %}")
        return template.render(Context({"request": request, "filters": _filter(query)}))

    def test_each_control_has_its_label_and_class(self, region):
        html = self._panel("")
        assert '<label for="id_q" class="form-label">Suche</label>' in html
        assert re.search(r'<select name="role" class="form-select" id="id_role">', html)
        assert re.search(r'<input type="search" name="q" class="form-control" id="id_q">', html)
        assert '<legend class="form-label fs-6">Beitritt</legend>' in html
        assert "is-invalid" not in html and "aria-invalid" not in html

    def test_an_error_marks_the_control_and_is_linked_to_it(self, region):
        html = self._panel("since=kein-datum&joined_after=2024-13-01")
        assert (
            'class="form-control is-invalid" aria-invalid="true" aria-describedby="id_since_error"'
            in html
        )
        assert '<div id="id_since_error" class="invalid-feedback">' in html
        # A range is a fieldset: the legend names it, the fieldset points at the error.
        assert '<fieldset aria-describedby="id_joined_error">' in html
        assert html.count('aria-invalid="true"') == 3  # since, and both ends of the range
        assert '<details class="card" open>' in html
