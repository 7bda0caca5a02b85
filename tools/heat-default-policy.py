#!/usr/bin/env python3
"""Print Heat's default policy (its policy in code) in Horizon's default_policies format.

Run from the repository root with the system python3; it re-runs itself with
the demo cloud's venv, where Heat is installed:
    python3 tools/heat-default-policy.py > mr_dashboard/policy/heat.yaml
"""
import importlib.metadata
import os
import pathlib
import sys

HEADER = """\
# Heat's default policy (policy in code of openstack-heat {version}), in Horizon's
# default_policies format, for the policy checks of mr_dashboard's panels.
# Regenerate: python3 tools/heat-default-policy.py > mr_dashboard/policy/heat.yaml
"""


def main() -> None:
    import yaml
    from heat.policies import list_rules
    rules = []
    for rule in list_rules():
        item = {"name": rule.name, "check_str": rule.check_str,
                "description": rule.description, "scope_types": rule.scope_types}
        if getattr(rule, "operations", None):
            item["operations"] = rule.operations
        rules.append(item)
    sys.stdout.write(HEADER.format(version=importlib.metadata.version("openstack-heat")))
    yaml.safe_dump(rules, sys.stdout, default_flow_style=False, sort_keys=True)


if __name__ == "__main__":
    try:
        import heat  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
        from democloud import install
        python = str(install.cloud_venv() / "bin/python")
        os.execv(python, [python, __file__])
    main()
