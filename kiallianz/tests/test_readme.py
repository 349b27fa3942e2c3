"""What the README promises about the two commands holds for the Makefile."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="make fehlt")
def test_make_run_serves_on_the_port_the_readme_names():
    readme = (ROOT / "README.md").read_text()
    assert "make run PORT=8001" in readme
    dry_run = subprocess.run(  # noqa: S603 (fixed arguments)
        [MAKE, "-n", "run", "PORT=8001"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "manage.py runserver 127.0.0.1:8001" in dry_run
    assert "http://127.0.0.1:8001/" in dry_run
