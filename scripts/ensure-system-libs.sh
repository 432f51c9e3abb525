#!/usr/bin/env bash
# ensure-system-libs.sh [--gui] [--test]
#
# Makes sure this machine has what PA Employer needs outside Python:
#   - Python 3.11 or newer (the interpreter named by $PYTHON, default python3)
#     that can create a virtual environment with pip in it;
#   - on Debian/Ubuntu, the system libraries that PySide6 (Qt) loads even with
#     QT_QPA_PLATFORM=offscreen (enough for the tests);
#   - with --gui, also Qt's X11 (xcb) libraries, needed to open a real window;
#   - with --test, also the tools the test suite reads documents with (pdftotext).
#
# When something is missing on Debian/Ubuntu: as root it runs `apt-get update` and
# `apt-get install`; otherwise it prints the exact command to run and exits 1.
# On other systems it checks only the Python version. Quiet when all is present,
# so it is safe to run as often as you like.
set -euo pipefail

GUI=0
TEST=0
for arg in "$@"; do
  case "$arg" in
    --gui) GUI=1 ;;
    --test) TEST=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ensure-system-libs.sh: unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

PY=${PYTHON:-python3}
say() { printf 'ensure-system-libs: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- Python
if ! command -v "$PY" >/dev/null 2>&1; then
  say "cannot find '$PY'. Install Python 3.11 or newer (on Debian/Ubuntu: apt-get install python3 python3-venv)."
  exit 1
fi
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  say "PA Employer needs Python 3.11 or newer; '$PY' is $("$PY" -c 'import platform; print(platform.python_version())')."
  say "Install a newer Python (for example python3.11 or python3.12 from your package manager)"
  say "and run make with it, for example: make PYTHON=python3.12 test"
  exit 1
fi
PYVER=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')

is_debian() { [ -f /etc/debian_version ] && command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; }

if ! is_debian; then
  # macOS, Windows (Git Bash/WSL without dpkg), other Linux: nothing to install here.
  exit 0
fi

# ---------------------------------------------------------------- Debian / Ubuntu
# Each requirement: "soname package [alternative-package ...]". A requirement is met
# when the shared library is known to the dynamic linker (ldconfig -p), or, for the
# venv check, when the Python module is importable.
BASE_LIBS=(
  "libglib-2.0.so.0 libglib2.0-0t64 libglib2.0-0"
  "libEGL.so.1 libegl1"
  "libGL.so.1 libgl1"
  "libfontconfig.so.1 libfontconfig1"
  "libxkbcommon.so.0 libxkbcommon0"
  "libdbus-1.so.3 libdbus-1-3"
)
GUI_LIBS=(
  "libxcb-cursor.so.0 libxcb-cursor0"
  "libxkbcommon-x11.so.0 libxkbcommon-x11-0"
  "libxcb-icccm.so.4 libxcb-icccm4"
  "libxcb-image.so.0 libxcb-image0"
  "libxcb-keysyms.so.1 libxcb-keysyms1"
  "libxcb-randr.so.0 libxcb-randr0"
  "libxcb-render-util.so.0 libxcb-render-util0"
  "libxcb-shape.so.0 libxcb-shape0"
  "libxcb-xinerama.so.0 libxcb-xinerama0"
  "libxcb-xkb.so.1 libxcb-xkb1"
  "libX11-xcb.so.1 libx11-xcb1"
)
# Programs the tests run, as "command package": met when the command is on PATH.
TEST_TOOLS=(
  "pdftotext poppler-utils"
)
REQS=("${BASE_LIBS[@]}")
[ "$GUI" = 1 ] && REQS+=("${GUI_LIBS[@]}")
[ "$TEST" = 1 ] && REQS+=("${TEST_TOOLS[@]}")

LDCACHE=$( (ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null) || true)
have_lib() {
  case "$1" in
    *.so*) grep -qE "^[[:space:]]+$(printf '%s' "$1" | sed 's/[.]/\\./g') " <<<"$LDCACHE" ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

# True if apt knows a package of that name (needs apt lists; false when they are empty).
apt_knows() { apt-cache show --no-all-versions "$1" >/dev/null 2>&1; }

# Choose the package name this release uses (e.g. libglib2.0-0t64 on Ubuntu 24.04 and
# Debian 13, libglib2.0-0 before). Without apt lists, the last name is the safe guess:
# newer releases accept the old name as a transitional/virtual package.
pick_pkg() {
  local p
  for p in "$@"; do apt_knows "$p" && { echo "$p"; return; }; done
  echo "${@: -1}"
}

MISSING_REQS=()
for req in "${REQS[@]}"; do
  read -r so _ <<<"$req"
  have_lib "$so" || MISSING_REQS+=("$req")
done

VENV_PKG=""
if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  # Debian/Ubuntu ship venv's pip bootstrap separately, as pythonX.Y-venv.
  VENV_PKG="python${PYVER}-venv"
fi

[ ${#MISSING_REQS[@]} -eq 0 ] && [ -z "$VENV_PKG" ] && exit 0

resolve_pkgs() {
  PKGS=()
  local req
  for req in "${MISSING_REQS[@]}"; do
    read -r _ alts <<<"$req"
    # shellcheck disable=SC2086
    PKGS+=("$(pick_pkg $alts)")
  done
  [ -n "$VENV_PKG" ] && PKGS+=("$VENV_PKG")
  return 0
}

if [ "$(id -u)" = 0 ]; then
  say "installing missing system packages (apt-get update first)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  resolve_pkgs
  say "apt-get install -y --no-install-recommends ${PKGS[*]}"
  apt-get install -y -qq --no-install-recommends "${PKGS[@]}" >/dev/null
  exit 0
fi

resolve_pkgs
say "these system packages are missing: ${PKGS[*]}"
say "install them with this command, then run make again:"
echo
echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PKGS[*]}"
echo
exit 1
