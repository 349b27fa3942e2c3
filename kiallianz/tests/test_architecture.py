"""The architecture holds: apps import one way, and the version of a record
is raised in kiallianz/versioning.py only (docs/architecture.md)."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
# Each app may import only the apps to its right.
LAYERS = ["reporting", "partners", "events", "contacts", "kiallianz"]


def _source_files(package: str | None = None):
    base = ROOT / package if package else ROOT
    for path in sorted(base.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in LAYERS or "tests" in parts or "migrations" in parts:
            continue
        yield path


def _imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names)
    return found & set(LAYERS)


@pytest.mark.parametrize("app", LAYERS)
def test_apps_import_only_the_apps_below_them(app):
    allowed = set(LAYERS[LAYERS.index(app) :])
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_apps(path) - allowed)
        for path in _source_files(app)
        if _imported_apps(path) - allowed
    }
    assert offenders == {}


def test_kiallianz_imports_no_app_and_no_app_imports_reporting():
    for path in _source_files():
        app = path.relative_to(ROOT).parts[0]
        imported = _imported_apps(path)
        if app == "kiallianz":
            assert imported <= {"kiallianz"}, path
        if app != "reporting":
            assert "reporting" not in imported, path


def _versioned_model_names() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if any(field.name == "version" for field in model._meta.concrete_fields)
    }


def _names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _version_writes(path: Path, versioned: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.AugAssign)
            and isinstance(node.target, ast.Attribute)
            and node.target.attr == "version"
        ):
            found.append(f"{path.name}:{node.lineno} version +=")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "update"
        ):
            receiver = node.func.value
            if _names_in(receiver) & versioned or any(k.arg == "version" for k in node.keywords):
                found.append(f"{path.name}:{node.lineno} .update(")
    return found


@pytest.mark.django_db
def test_versions_are_raised_only_by_the_versioning_helper():
    versioned = _versioned_model_names()
    assert {"Organisation", "Person", "FirstContact", "Event", "Partner"} <= versioned
    helper = ROOT / "kiallianz" / "versioning.py"
    offenders = [
        hit
        for path in _source_files()
        if path != helper
        for hit in _version_writes(path, versioned)
    ]
    assert offenders == []


def test_the_version_check_finds_what_it_bans(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "event.version += 1\n"
        "Event.objects.filter(pk=1).update(title='x')\n"
        "rows.update(version=F('version') + 1)\n"
        "context.update(a=1)\n"
    )
    assert len(_version_writes(sample, {"Event"})) == 3


def test_the_architecture_page_names_only_files_and_names_that_exist():
    import re

    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`([a-z_/]+\.(?:py|md|html))(?::(\w+))?`", page))
    assert paths
    missing = []
    for path, name in paths:
        candidates = [ROOT / path, ROOT / "templates" / path, *ROOT.glob(f"*/{path}")]
        found = next((c for c in candidates if c.exists()), None)
        if found is None:
            missing.append(path)
        elif name and not re.search(
            rf"^(def|class) {name}\b", found.read_text(encoding="utf-8"), re.M
        ):
            missing.append(f"{path}:{name}")
    assert missing == []
