#!/usr/bin/env bash
# build-tarball.sh PYTHON
# Builds the one-folder bundle (installers/pa-employer.spec) with PYTHON's PyInstaller, then
#   dist/pa-employer-<version>-linux-x86_64.tar.gz
# holding pa-employer-<version>/ with:
#   bundle/                     the program (bundle/pa-employer, bundle/pa-employer-cli)
#   share/applications/         the menu entry, share/mime/packages/ the file type,
#   share/icons/hicolor/        the icon in every size (drawn from resources/icons/pa-employer.svg)
#   install.sh                  installs into ~/.local for this user (no root); --uninstall
# Prints the build time, the bundle's size and the tarball's size. Run by `make bundle`.
set -euo pipefail
PY=${1:-python3}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
VERSION=$("$PY" installers/version_info.py)
NAME="pa-employer-$VERSION"
ARCH=$(uname -m)
TARBALL="dist/$NAME-linux-$ARCH.tar.gz"

start=$(date +%s.%N)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN installers/pa-employer.spec
built=$(date +%s.%N)

STAGE="build/tarball/$NAME"
rm -rf "build/tarball" && mkdir -p "$STAGE/share/applications" "$STAGE/share/mime/packages"
cp -a dist/pa-employer "$STAGE/bundle"
cp installers/linux/pa-employer.desktop "$STAGE/share/applications/"
cp installers/linux/pa-employer-mime.xml "$STAGE/share/mime/packages/pa-employer.xml"
mkdir -p "$STAGE/share/icons" && cp -a build/icons/hicolor "$STAGE/share/icons/hicolor"
cp installers/linux/install-bundle.sh "$STAGE/install.sh"
cp LICENSE "$STAGE/"
chmod +x "$STAGE/install.sh"
tar -C build/tarball -czf "$TARBALL" "$NAME"
done_at=$(date +%s.%N)

echo "bundle: $(du -sh dist/pa-employer | cut -f1) unpacked ($(du -sb dist/pa-employer | cut -f1) bytes)," \
  "$(find dist/pa-employer -type f | wc -l) files"
echo "tarball: $TARBALL, $(du -h "$TARBALL" | cut -f1) ($(stat -c %s "$TARBALL") bytes)"
awk -v a="$start" -v b="$built" -v c="$done_at" \
  'BEGIN { printf "build time: %.0f s (PyInstaller %.0f s, tarball %.0f s)\n", c-a, b-a, c-b }'
