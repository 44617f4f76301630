#!/bin/bash
# bin/gatefill of the Gatefill image, what /usr/bin/gatefill and the menu entry run: starts the image's
# JVM directly with the options, classpath and main class of lib/app/Gatefill.cfg (jpackage's launcher
# configuration, class-data archive included), for the editor and every command.
#
# Why not jpackage's native bin/Gatefill: on Linux it asks the package managers who owns it on every start
# (`rpm -qf`, then `dpkg -S`, and `dpkg -L` of the owner), twice: 0.17 s here with a few hundred packages
# installed, and dpkg -S alone takes about 0.5 s on a desktop with thousands.
#
# One-shot commands (inpaint, model-info) stop the JIT at its first compiler (C1): a single photo is done
# before C2's code pays back its compile time on two cores (a 24 MP PNG through inpaint: median 3.07 s
# against 4.04 s with both compilers); a warm fill runs 7-13 % slower in C1's code, so the editor and
# batch keep both (docs/batch.md, "bin/gatefill").
set -euo pipefail
bin=$(dirname "$(readlink -f "$0")")
app=$(dirname "$bin")/lib/app
options=()
classpath=
main=
while IFS= read -r line; do
    case $line in
        app.classpath=*) classpath+=${classpath:+:}${line#app.classpath=} ;;
        app.mainclass=*) main=${line#app.mainclass=} ;;
        java-options=*) options+=("${line#java-options=}") ;;
    esac
done < "$app/Gatefill.cfg"
[ -n "$main" ] || { echo "gatefill: no main class in $app/Gatefill.cfg" >&2; exit 1; }
classpath=${classpath//\$APPDIR/$app}
options=("${options[@]//\$APPDIR/$app}")
case ${1:-} in
    inpaint|model-info) options+=(-XX:TieredStopAtLevel=1) ;;
esac
exec "$(dirname "$bin")/lib/runtime/bin/java" "${options[@]}" -cp "$classpath" "$main" "$@"
