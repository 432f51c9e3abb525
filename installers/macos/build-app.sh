#!/usr/bin/env bash
# build-app.sh: build "PA Employer.app" and dist/pa-employer-<version>-macos-<arch>.dmg on a Mac,
# from the repository root (no edits needed; the version comes from pyproject.toml):
#   bash installers/macos/build-app.sh [PYTHON]
# 1. a virtual environment with the program and PyInstaller (.venv-bundle)
# 2. the icons (build/icons/pa-employer.icns, from resources/icons/pa-employer.svg) and the app
#    (installers/pa-employer.spec: Info.plist's CFBundleShortVersionString and CFBundleVersion
#    are the version; it declares *.paemployer files, which Finder then opens with it)
# 3. the smoke test of the command line inside the app (installers/linux/smoke-test.sh)
# 4. a disk image with the app and a link to Applications (hdiutil, compressed UDZO)
# Signing and notarising: installers/README.md (CODESIGN_IDENTITY set: the app is signed here).
set -euo pipefail
PY=${1:-python3}
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

[ -x .venv-bundle/bin/python ] || "$PY" -m venv .venv-bundle
.venv-bundle/bin/python -m pip install --upgrade pip
.venv-bundle/bin/python -m pip install -e '.[bundle]'
VERSION=$(.venv-bundle/bin/python installers/version_info.py)
ARCH=$(uname -m)
.venv-bundle/bin/python -m PyInstaller --noconfirm --clean installers/pa-employer.spec
APP="dist/PA Employer.app"
plutil -extract CFBundleShortVersionString raw "$APP/Contents/Info.plist" | grep -qx "$VERSION"

bash installers/linux/smoke-test.sh "$APP/Contents/MacOS" --cli-only

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --deep --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi

DMG="dist/pa-employer-$VERSION-macos-$ARCH.dmg"
STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "PA Employer $VERSION" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
rm -rf "$STAGE"
echo "built $DMG"
