#!/usr/bin/env bash
# install.sh [--uninstall]
#
# Installs PA Employer for the current user only (no root needed for this part):
#   ~/.local/share/pa-employer/venv      a virtual environment with this checkout installed
#   ~/.local/bin/pa-employer             a link to its command
#   ~/.local/share/applications/         the menu entry (pa-employer.desktop)
#   ~/.local/share/mime/packages/        the *.paemployer file type (pa-employer.xml)
# and makes PA Employer the default program for employer files. Run it again to update
# to the checkout's current code. On Debian/Ubuntu it first checks the Qt system
# libraries (scripts/ensure-system-libs.sh --gui), which may ask you to run one sudo command.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
PY=${PYTHON:-python3}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APPDIR="$DATA/pa-employer"
VENV="$APPDIR/venv"
BINDIR="$HOME/.local/bin"
DESKTOP="$DATA/applications/pa-employer.desktop"
MIMEXML="$DATA/mime/packages/pa-employer.xml"

say() { printf 'install.sh: %s\n' "$*"; }
refresh() {
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$DATA/mime" >/dev/null 2>&1 || true; fi
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$APPDIR" "$DESKTOP" "$MIMEXML"
  [ -L "$BINDIR/pa-employer" ] && rm -f "$BINDIR/pa-employer"
  for s in 48x48 scalable; do rm -f "$DATA/icons/hicolor/$s/apps/pa-employer."*; done
  refresh
  say "PA Employer removed (your employer files were not touched)."
  exit 0
elif [ $# -gt 0 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2
fi

PYTHON="$PY" bash "$SRC/scripts/ensure-system-libs.sh" --gui

# 1. The program, in its own virtual environment (pip, no pipx needed).
if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  say "creating $VENV"
  mkdir -p "$APPDIR"
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
say "installing PA Employer from $SRC"
"$VENV/bin/python" -m pip install --quiet --upgrade "$SRC"
mkdir -p "$BINDIR"
ln -sfn "$VENV/bin/pa-employer" "$BINDIR/pa-employer"

# 2. Menu entry (with the full path, as menus often do not search ~/.local/bin).
mkdir -p "$(dirname "$DESKTOP")"
sed "s|^Exec=pa-employer |Exec=\"$VENV/bin/pa-employer\" |" "$HERE/pa-employer.desktop" > "$DESKTOP"

# 3. Icon, if the project has one.
for icon in "$SRC/resources/icons/pa-employer.svg" "$SRC/resources/icons/pa-employer.png"; do
  [ -f "$icon" ] || continue
  case "$icon" in *.svg) size=scalable ;; *) size=48x48 ;; esac
  mkdir -p "$DATA/icons/hicolor/$size/apps"
  cp "$icon" "$DATA/icons/hicolor/$size/apps/"
done

# 4. File type, and PA Employer as its default program.
mkdir -p "$(dirname "$MIMEXML")"
cp "$HERE/pa-employer-mime.xml" "$MIMEXML"
refresh
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime default pa-employer.desktop application/x-paemployer 2>/dev/null || true
fi

say "installed. Start it from the menu (PA Employer) or with: $BINDIR/pa-employer"
case ":$PATH:" in *":$BINDIR:"*) ;; *) say "note: $BINDIR is not on your PATH; use the full path above or add it." ;; esac
