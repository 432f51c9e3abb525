#!/usr/bin/env bash
# install.sh [--uninstall]        (inside the unpacked pa-employer-<version> folder)
#
# Installs PA Employer for the current user only; no root, no Python needed:
#   ~/.local/lib/pa-employer/           the program (a copy of bundle/)
#   ~/.local/bin/pa-employer            a link to it: pa-employer FILE, pa-employer check FILE...
#   ~/.local/share/applications/        the menu entry (pa-employer.desktop)
#   ~/.local/share/mime/packages/       the *.paemployer file type (pa-employer.xml)
#   ~/.local/share/icons/hicolor/       the icon, every size
# and makes PA Employer the default program for employer files. Run it again to update.
# --uninstall removes exactly those; your employer files and backups are never touched.
# It then names any system library the window needs that this computer lacks.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
LIBDIR="$HOME/.local/lib/pa-employer"
BINDIR="$HOME/.local/bin"
DESKTOP="$DATA/applications/pa-employer.desktop"
MIMEXML="$DATA/mime/packages/pa-employer.xml"
SIZES="16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512 scalable"

say() { printf 'install.sh: %s\n' "$*"; }
refresh() {
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$DATA/mime" >/dev/null 2>&1 || true; fi
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true; fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t "$DATA/icons/hicolor" >/dev/null 2>&1 || true; fi
}

# System libraries the window (Qt's X11/Wayland plug-ins) loads from the computer, not the
# bundle, with the Debian/Ubuntu package that has each one.
missing_libraries() {
  local inside="$1/_internal" qt="$1/_internal/PySide6/Qt"
  [ -d "$qt" ] && command -v ldd >/dev/null 2>&1 || return 0
  LD_LIBRARY_PATH="$inside:$qt/lib" ldd "$qt"/lib/libQt6*.so.6 "$qt/plugins/platforms/libqxcb.so" \
    "$inside"/PySide6/Qt*.so 2>/dev/null | awk '/not found/ {print $1}' | sort -u
}
package_for() {
  case "$1" in
    libEGL*) echo libegl1 ;; libGL.so*|libGLX*) echo libgl1 ;; libOpenGL*) echo libopengl0 ;;
    libfontconfig*) echo libfontconfig1 ;; libfreetype*) echo libfreetype6 ;;
    libxkbcommon-x11*) echo libxkbcommon-x11-0 ;; libxkbcommon*) echo libxkbcommon0 ;;
    libxcb-cursor*) echo libxcb-cursor0 ;; libxcb-icccm*) echo libxcb-icccm4 ;;
    libxcb-image*) echo libxcb-image0 ;; libxcb-keysyms*) echo libxcb-keysyms1 ;;
    libxcb-render-util*) echo libxcb-render-util0 ;; libxcb-xkb*) echo libxcb-xkb1 ;;
    libxcb-*) n=${1#libxcb-}; echo "libxcb-${n%%.so*}0" ;; libxcb.so*) echo libxcb1 ;;
    libX11-xcb*) echo libx11-xcb1 ;; libX11*) echo libx11-6 ;; libdbus-1*) echo libdbus-1-3 ;;
    libglib-2.0*|libgthread*) echo libglib2.0-0 ;; libwayland-client*) echo libwayland-client0 ;;
    libwayland-cursor*) echo libwayland-cursor0 ;; libwayland-egl*) echo libwayland-egl1 ;; libICE*) echo libice6 ;; libSM*) echo libsm6 ;;
    *) echo "(the package with $1)" ;;
  esac
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$LIBDIR" "$DESKTOP" "$MIMEXML"
  [ -L "$BINDIR/pa-employer" ] && rm -f "$BINDIR/pa-employer"
  for s in $SIZES; do rm -f "$DATA/icons/hicolor/$s/apps/pa-employer."*; done
  refresh
  say "PA Employer removed. Your employer files and backups were not touched."
  exit 0
elif [ $# -gt 0 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2
fi

[ -x "$HERE/bundle/pa-employer" ] || { say "bundle/pa-employer is missing: unpack the whole tarball first."; exit 1; }

# 1. The program: replace the previous copy as a whole (a half-copied program never runs).
mkdir -p "$(dirname "$LIBDIR")" "$BINDIR"
rm -rf "$LIBDIR.new"
cp -a "$HERE/bundle" "$LIBDIR.new"
rm -rf "$LIBDIR" && mv "$LIBDIR.new" "$LIBDIR"
ln -sfn "$LIBDIR/pa-employer" "$BINDIR/pa-employer"

# 2. Menu entry with the full path (menus often do not search ~/.local/bin), icons, file type.
mkdir -p "$(dirname "$DESKTOP")" "$(dirname "$MIMEXML")"
sed "s|^Exec=pa-employer |Exec=\"$LIBDIR/pa-employer\" |" \
  "$HERE/share/applications/pa-employer.desktop" > "$DESKTOP"
mkdir -p "$DATA/icons"
cp -a "$HERE/share/icons/hicolor" "$DATA/icons/"
cp "$HERE/share/mime/packages/pa-employer.xml" "$MIMEXML"
refresh
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default pa-employer.desktop application/x-paemployer 2>/dev/null || true
fi

say "installed $("$LIBDIR/pa-employer-cli" --version 2>/dev/null || echo 'PA Employer')."
say "start it from the menu (PA Employer) or with: $BINDIR/pa-employer"
case ":$PATH:" in *":$BINDIR:"*) ;; *) say "note: $BINDIR is not on your PATH; use the full path above or add it." ;; esac

libs=$(missing_libraries "$LIBDIR")
if [ -n "$libs" ]; then
  pkgs=$(for l in $libs; do package_for "$l"; done | sort -u | tr '\n' ' ')
  say "the command line works now, but the window needs system libraries this computer lacks:"
  for l in $libs; do say "  $l"; done
  say "On Debian or Ubuntu, ask your administrator to run:  sudo apt-get install $pkgs"
fi
