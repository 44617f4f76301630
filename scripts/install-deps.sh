#!/usr/bin/env bash
# Installs the system packages that building, training and testing need, only where missing.
# Java 17 and Maven come with the machine; Python packages come from Debian (there is no PyPI here).
# OpenBLAS matters: without it Debian's torch uses the reference BLAS, ~30x slower in attention.
# xvfb, openbox, xdotool, x11-utils, libgtk-3-0, imagemagick: the editor tests in a real window under a
# window manager (imagemagick: their screenshots, and scripts/screenshot-editor.sh).
set -euo pipefail
packages=(python3-torch python3-torchvision python3-opencv python3-pytest python3-matplotlib
          python3-tqdm libopenblas0-pthread
          xvfb openbox xdotool x11-utils libgtk-3-0 imagemagick)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
