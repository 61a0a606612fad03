#!/usr/bin/env bash
# Runs graphkit's lint and test suite the way CI does. Starts the Neo4j test server when
# NEO4J_URI is not set, installs Debian's chromium for the browser tests when it is missing and we may (root),
# and stops what it started. Under CI=true nothing may be skipped for want of a service.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
VENV=${VENV:-.venv}
started_neo4j=0

cleanup() {
    if [ "$started_neo4j" = 1 ]; then
        bash scripts/neo4j.sh stop >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

# Headless Chromium for the HTML view tests.
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: installing Debian chromium for the browser tests" >&2
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) >&2 \
            || echo "test.sh: could not install chromium" >&2
    else
        echo "test.sh: chromium not found; browser tests will skip (CI fails instead)" >&2
    fi
fi

# A real Neo4j over Bolt, unless the caller points at one.
if [ -z "${NEO4J_URI:-}" ]; then
    already=0
    bash scripts/neo4j.sh status >/dev/null 2>&1 && already=1  # someone else's server: leave it running
    set +e
    exports=$(bash scripts/neo4j.sh start --fresh)  # tests begin from an empty graph
    rc=$?
    set -e
    if [ $rc = 0 ]; then
        eval "$exports"
        export NEO4J_URI NEO4J_USER NEO4J_PASSWORD
        [ "$already" = 1 ] || started_neo4j=1
    elif [ $rc = 3 ]; then
        echo "test.sh: no Java/Maven here; Neo4j tests will skip (CI fails instead)" >&2
    else
        echo "test.sh: the Neo4j test server did not start (exit $rc)" >&2
        [ "${CI:-}" = "true" ] && exit 1
    fi
fi

# Lint first: a finding fails the run in a second, before the suite's minutes (pyproject.toml: [tool.ruff]).
"$VENV/bin/ruff" check --quiet .
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
