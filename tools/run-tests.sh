#!/usr/bin/env bash
# Run every test of mr_dashboard: unit, functional (real demo cloud) and browser
# (Horizon + headless Chromium). Installs what is missing, starts the demo cloud
# (3 regions) if it is not running, then runs pytest from the dashboard venv.
# Extra arguments go to pytest, e.g.  tools/run-tests.sh tests/unit -x
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m democloud up --regions 3 --second-cloud
venv=$(python3 -c "from democloud import install; print(install.dashboard_venv())")
export MRD_ARTIFACTS="${MRD_ARTIFACTS:-$PWD/test-artifacts}"
mkdir -p "$MRD_ARTIFACTS"
set +e
"$venv/bin/python" -m pytest -p no:cacheprovider -ra --durations=25 "${@:-tests}"
rc=$?
set -e
echo "screenshots of the browser tests: $MRD_ARTIFACTS/screenshots"
exit $rc
