#!/usr/bin/env bash
# CI check of the .deb as users install it: builds it (the fixture model bundled), installs it with
# `apt-get install ./gatefill_*.deb` (as root), runs `gatefill --version` and a batch on two small
# photos through the PATH from another folder, removes and purges it, and checks that /usr/bin/gatefill,
# /opt/gatefill and any menu entry are gone. Works on a headless machine (no desktop menu, with or
# without xdg-utils) and on a desktop. Fails loudly, with the reason, on any deviation.
#   packaging/check-deb.sh
# The CI build compresses with gzip -1 (DPKG_DEB_COMPRESSOR_TYPE/LEVEL override it): what is checked is
# the package's contents and scripts, not xz's ratio, and xz takes minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
fail() { echo "DEB CHECK FAILED: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (apt-get install); CI runs as root"
command -v apt-get >/dev/null || fail "apt-get not found"
if dpkg-query -W -f='${Status}' gatefill 2>/dev/null | grep -q "installed"; then
  fail "a gatefill package is already installed; not testing over it (apt-get purge gatefill first)"
fi

work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  if dpkg-query -W gatefill >/dev/null 2>&1; then apt-get purge -y -q gatefill >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/models"
cp src/test/resources/fixture-model/fixture.pt src/test/resources/fixture-model/fixture.json "$work/models/"

t0=$(date +%s)
DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip} DPKG_DEB_COMPRESSOR_LEVEL=${DPKG_DEB_COMPRESSOR_LEVEL:-1} \
  packaging/build-app-image.sh --deb --models "$work/models" --dest "$work/dist"
deb=$(ls "$work"/dist/gatefill_*.deb)
t1=$(date +%s)

echo "== apt-get install $deb"
# apt reads the file as its sandbox user: the folder and file must be readable by others.
chmod 644 "$deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" > "$work/install.log" 2>&1 \
  || { cat "$work/install.log"; fail "apt-get install failed"; }
grep -i "gatefill:" "$work/install.log" || true
t2=$(date +%s)
[ "$(dpkg-query -W -f='${Status}' gatefill)" = "install ok installed" ] || fail "gatefill not configured"
[ "$(command -v gatefill)" = /usr/bin/gatefill ] || fail "gatefill is not on the PATH as /usr/bin/gatefill"
[ "$(readlink -f /usr/bin/gatefill)" = /opt/gatefill/bin/gatefill ] || fail "/usr/bin/gatefill does not lead to /opt/gatefill/bin/gatefill"
[ -f /opt/gatefill/lib/app/gatefill.jsa ] || fail "postinst made no class-data sharing archive"
# Both JIT choices of bin/gatefill, each mapping that archive (-Xshare:on).
"$root/packaging/launcher-check.sh" gatefill || fail "the installed gatefill's launchers (above)"

cd "$work"
version=$(gatefill --version) || fail "gatefill --version failed"
echo "$version" | grep -q "^gatefill " || fail "unexpected --version output: $version"
"$root/packaging/batch-check.sh" gatefill "$work/batch" fixture || fail "batch through the PATH (above)"
cd "$root"

echo "== apt-get purge gatefill"
apt-get purge -y -q gatefill > "$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "purge failed"; }
t3=$(date +%s)
[ ! -e /usr/bin/gatefill ] && [ ! -L /usr/bin/gatefill ] || fail "/usr/bin/gatefill is still there after purge"
[ ! -e /opt/gatefill ] || fail "/opt/gatefill is still there after purge: $(find /opt/gatefill | head)"
[ ! -e /usr/share/applications/gatefill-Gatefill.desktop ] || fail "the menu entry is still there after purge"
dpkg-query -W gatefill >/dev/null 2>&1 && fail "dpkg still knows gatefill after purge"
echo "DEB CHECK PASSED: $version; .deb $(du -h "$deb" | cut -f1) (${DPKG_DEB_COMPRESSOR_TYPE:-gzip}); build $((t1 - t0)) s," \
  "install $((t2 - t1)) s, purge $((t3 - t2)) s, all $(( $(date +%s) - t0 )) s"
