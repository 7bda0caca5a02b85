"""Tests of the plugin's scripts (docs/javascript.md): every one is added to
Horizon's pages after the helper they start with, each parses, and the
helper's rules hold (``scripts/mr_dashboard_check.js``, run by node)."""

import pathlib
import shutil
import subprocess

import pytest
from django.conf import settings

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "mr_dashboard" / "static" / "mr_dashboard" / "js"
HELPER = SCRIPTS / "mr_dashboard.js"
CHECK = pathlib.Path(__file__).parent / "scripts" / "mr_dashboard_check.js"
NODE = shutil.which("node") or shutil.which("nodejs")
NAMES = sorted(path.name for path in SCRIPTS.glob("*.js"))
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def test_every_script_is_added_once_after_the_helper():
    added = [name for name in settings.HORIZON_CONFIG["js_files"]
             if name.startswith("mr_dashboard/")]
    assert sorted(added) == [f"mr_dashboard/js/{name}" for name in NAMES]
    assert added[0] == "mr_dashboard/js/mr_dashboard.js"


@needs_node
@pytest.mark.parametrize("script", NAMES)
def test_the_script_parses(script):
    done = subprocess.run([NODE, "--check", str(SCRIPTS / script)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@needs_node
def test_the_helpers_rules_hold():
    done = subprocess.run([NODE, str(CHECK), str(HELPER)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "mr_dashboard.js: all rules hold\n"
