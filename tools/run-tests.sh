#!/usr/bin/env bash
# Run every test of mr_dashboard: unit, packaging, functional (real demo cloud)
# and browser (Horizon + headless Chromium). Installs what is missing, starts
# the demo cloud (3 regions) if it is not running, then runs pytest from the
# dashboard venv.
#
# The tests that need no cloud (tests/unit, tests/packaging) run in a second
# pytest process while the demo cloud starts and the cloud's tests run, and so
# do the JavaScript checks (npm ci, ESLint, Vitest: docs/javascript.md), both
# at a lower CPU priority (nice 10: the cloud's start and tests are the
# longer path, and the two cores are shared); their reports are printed at
# the end, and the command fails if any part failed. The cloud's tests are
# kept in a log too; each failure is printed again, short, last of all
# (tools/failures.py), where a CI's cut log still shows it.
#
# Extra arguments go to one pytest run after the cloud is up, e.g.
#   tools/run-tests.sh tests/unit -x
set -euo pipefail
cd "$(dirname "$0")/.."

export MRD_ARTIFACTS="${MRD_ARTIFACTS:-$PWD/test-artifacts}"
mkdir -p "$MRD_ARTIFACTS"
python3 -c "from democloud import install; install.prepare()"
venv=$(python3 -c "from democloud import install; print(install.dashboard_venv())")
pytest=("$venv/bin/python" -m pytest -p no:cacheprovider -ra --tb=short --durations=25)

# The JavaScript checks: node and npm (Debian's nodejs and npm, installed by
# ensure_apt with the other Debian packages), the tools package-lock.json
# pins, then ESLint, then Vitest; each step's seconds are printed.
js_checks() {
    local step
    for step in "npm ci --no-audit --no-fund --ignore-scripts --prefer-offline" "npm run lint" "npm test"; do
        echo "--- $step"
        SECONDS=0
        $step || return
        echo "--- $step: ${SECONDS} s"
    done
}

set +e
if [ $# -eq 0 ]; then
    cloud_log="$MRD_ARTIFACTS/tests-with-cloud.log"
    offline_log="$MRD_ARTIFACTS/tests-without-cloud.log"
    nice -n 10 "${pytest[@]}" tests/unit tests/packaging > "$offline_log" 2>&1 &
    offline=$!
    js_log="$MRD_ARTIFACTS/javascript-checks.log"
    (renice -n 10 -p "$BASHPID" > /dev/null; js_checks) > "$js_log" 2>&1 &
    js=$!
    python3 -m democloud up --regions 3 --second-cloud
    up_rc=$?
    if [ $up_rc -eq 0 ]; then
        "${pytest[@]}" tests/functional tests/browser 2>&1 | tee "$cloud_log"
        rc=${PIPESTATUS[0]}
    else
        rc=$up_rc
    fi
    wait $offline
    offline_rc=$?
    wait $js
    js_rc=$?
    echo "=== the tests that need no cloud (tests/unit, tests/packaging): $offline_log"
    cat "$offline_log"
    echo "=== the JavaScript checks (npm ci, ESLint, Vitest): $js_log"
    cat "$js_log"
    # Last, where a CI's log is cut: each failure, short (tools/failures.py).
    [ $rc -eq 0 ] && [ $offline_rc -eq 0 ] || python3 tools/failures.py "$offline_log" "$cloud_log"
    [ $rc -eq 0 ] && rc=$offline_rc
    [ $rc -eq 0 ] && rc=$js_rc
else
    python3 -m democloud up --regions 3 --second-cloud && "${pytest[@]}" "$@"
    rc=$?
fi
set -e
echo "screenshots of the browser tests: $MRD_ARTIFACTS/screenshots"
exit $rc
