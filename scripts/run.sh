#!/usr/bin/env bash
# Builds Hearth and starts it on its embedded defaults: H2 and ./data, http://127.0.0.1:8080
# Settings come from the environment (docs/configuration.md), e.g. HEARTH_ADMIN_PASSWORD, SERVER_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
mvn -B -q -DskipTests package
exec java -jar server/target/hearth-server.jar "$@"
