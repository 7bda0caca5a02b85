"""Command line of the demo cloud: ``python3 -m democloud up|down|status|reset|env``."""
import argparse
import json
import sys

from democloud import configs, procs, services
from democloud.layout import HOST, PORTS, SECOND_CLOUD, TIGHT, TIGHT_QUOTAS, State, regions


def print_login(state: State) -> None:
    print(f"\nmr_dashboard is running at http://{HOST}:{PORTS['horizon']}/")
    print(f"  log in as: demo / {state.secrets()['demo']}   (domain: Default)")
    print(f"         or: {TIGHT} / {state.secrets()[TIGHT]}   (quotas tight in "
          f"{', '.join(TIGHT_QUOTAS)})")
    print(f"  logs: {state.logs}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m democloud", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("up", help="install what is missing and start the demo cloud")
    start.add_argument("--regions", type=int, default=None,
                       help="number of Heat regions, 1..5 (default: as last time, else 3)")
    start.add_argument("--second-cloud", action=argparse.BooleanOptionalAction, default=None,
                       help="also run a second cloud (own Keystone and Heat; with the IaaS, "
                            "Glance, Neutron and Nova APIs) with a credential secret for it "
                            "(default: as last time, else no)")
    start.add_argument("--iaas", action=argparse.BooleanOptionalAction, default=None,
                       help="run Placement, Glance, Neutron and Nova in every region (the "
                            "second cloud's: APIs only); "
                            "--no-iaas gives Heat-only regions (default: as last time, else yes)")
    start.add_argument("--no-horizon", action="store_true", help="start the cloud only")
    sub.add_parser("down", help="stop every service (data is kept)")
    sub.add_parser("status", help="show which services run")
    sub.add_parser("reset", help="stop and delete all data (next 'up' is a cold start)")
    sub.add_parser("env", help="print the cloud's access details as JSON (for tests)")
    args = parser.parse_args(argv)
    state = State()
    if args.command == "up":
        count = args.regions or state.settings().get("regions", 3)
        second = (state.settings().get("second_cloud", False) if args.second_cloud is None
                  else args.second_cloud)
        with_iaas = state.settings().get("iaas", True) if args.iaas is None else args.iaas
        try:
            timings = services.up(state, count, second, with_iaas,
                                  with_horizon=not args.no_horizon)
        except procs.StartError as exc:
            print(f"[democloud] start failed: {exc}", file=sys.stderr)
            return 1
        print("[democloud] up: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
        if not args.no_horizon:
            print_login(state)
    elif args.command == "down":
        services.down(state)
    elif args.command == "status":
        rows = services.status(state)
        for name, pid in rows:
            print(f"{name:28} {'running, pid ' + str(pid) if pid else 'stopped'}")
        return 0 if all(pid for _, pid in rows) else 3
    elif args.command == "reset":
        services.reset(state)
    elif args.command == "env":
        print(json.dumps({
            "keystone_url": configs.keystone_url(),
            "horizon_url": f"http://{HOST}:{PORTS['horizon']}",
            "demo_password": state.secrets()["demo"], "admin_password": state.secrets()["admin"],
            "tight_password": state.secrets()[TIGHT],
            "regions": [r.name for r in regions(state.settings().get("regions", 3))],
            "second_cloud_keystone_url": (configs.keystone_url(cloud=SECOND_CLOUD)
                                          if state.settings().get("second_cloud") else None),
            "iaas": state.settings().get("iaas", True),
            "state": str(state.root),
        }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
