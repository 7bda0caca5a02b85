"""Every script of the plugin (docs/javascript.md) is added to Horizon's
pages once, after the helper they start with. What each script does is
tested in tests/js (Vitest) and its style by ESLint."""

import pathlib

from django.conf import settings

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "mr_dashboard" / "static" / "mr_dashboard" / "js"
NAMES = sorted(path.name for path in SCRIPTS.glob("*.js"))


def test_every_script_is_added_once_after_the_helper():
    added = [name for name in settings.HORIZON_CONFIG["js_files"]
             if name.startswith("mr_dashboard/")]
    assert sorted(added) == [f"mr_dashboard/js/{name}" for name in NAMES]
    assert added[0] == "mr_dashboard/js/mr_dashboard.js"
