#!/usr/bin/env bash
# Runs every test of the project, Java and Python, on a fresh machine: README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
echo "== Python: training pipeline =="
(cd training && /usr/bin/python3 -m pytest -q -p no:cacheprovider tests)
echo "== Java: editor, engine, CLI =="
mvn -B -ntp verify
echo "== Packaging: app image, then its own launcher runs batch on a tiny folder =="
packaging/smoke-test.sh
echo "== Packaging: the .deb installed with apt, gatefill --version and batch through the PATH, purged =="
if [ "$(id -u)" -eq 0 ]; then
  packaging/check-deb.sh
else
  echo "skipped: packaging/check-deb.sh installs a package and needs root (CI runs as root)"
fi
