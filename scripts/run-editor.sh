#!/usr/bin/env bash
# Builds the editor if needed and opens it with the bundled model: README's launch command.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/gatefill.jar || -n "$(find src pom.xml -newer target/gatefill.jar -print -quit)" ]]; then
  mvn -q -B -ntp package -DskipTests
fi
exec java -jar target/gatefill.jar "$@"
