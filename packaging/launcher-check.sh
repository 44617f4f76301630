#!/usr/bin/env bash
# Checks a Gatefill command (an image's bin/gatefill, or /usr/bin/gatefill once installed): one-shot
# commands run with the JIT's first compiler only, everything else with both, and both map the image's
# class-data sharing archive (-Xshare:on refuses to start without it):
#   packaging/launcher-check.sh COMMAND
set -euo pipefail
cmd=$1
level() { # ARGS...: the TieredStopAtLevel of the JVM that runs COMMAND ARGS
  JAVA_TOOL_OPTIONS=-XX:+PrintFlagsFinal "$cmd" "$@" 2>/dev/null | sed -n 's/^ *intx TieredStopAtLevel *= *\([0-9]*\).*/\1/p'
}
[ "$(level inpaint --help)" = 1 ] || { echo "inpaint does not run in the one-shot (C1) launcher" >&2; exit 1; }
[ "$(level model-info --help)" = 1 ] || { echo "model-info does not run in the one-shot (C1) launcher" >&2; exit 1; }
[ "$(level batch --help)" = 4 ] || { echo "batch does not run with both JIT compilers" >&2; exit 1; }
[ "$(level --version)" = 4 ] || { echo "--version does not run with both JIT compilers" >&2; exit 1; }
JAVA_TOOL_OPTIONS=-Xshare:on "$cmd" --version >/dev/null 2>&1 || { echo "$cmd cannot map its CDS archive" >&2; exit 1; }
JAVA_TOOL_OPTIONS=-Xshare:on "$cmd" inpaint --help >/dev/null 2>&1 || { echo "$cmd inpaint cannot map its CDS archive" >&2; exit 1; }
echo "launchers: inpaint and model-info with C1 only, the rest with C1 and C2, CDS archive mapped"
