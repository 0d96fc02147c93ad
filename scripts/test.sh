#!/usr/bin/env bash
# Runs the whole test suite: unit tests, the integration suite on H2 and again on MariaDB, the web app's tests
# and the CLI against a started server. Needs litmus and a MariaDB on 127.0.0.1:3306 (.ci/run sets both up).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
exec mvn -B verify "$@"
