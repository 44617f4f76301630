#!/bin/sh
# Dumps the class-data sharing archive of a Gatefill image where it lies: lib/app/gatefill.jsa from the
# class list lib/app/gatefill.classlist, by the image's own runtime through its own launcher. The archive
# records the launcher's absolute classpath (JDK 17 refuses it once moved, silently: the app just starts
# without it), so build-app-image.sh runs this in the image and the .deb's postinst runs it again in
# /opt/gatefill. The launcher's cfg names the archive; a missing one is ignored.
set -e
lib=$(cd "$(dirname "$0")" && pwd)
rm -f "$lib/app/gatefill.jsa"
JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$lib/app/gatefill.classlist -XX:SharedArchiveFile=$lib/app/gatefill.jsa" \
  "$lib/../bin/Gatefill" > "${CDS_LOG:-/dev/null}" 2>&1
[ -s "$lib/app/gatefill.jsa" ]
