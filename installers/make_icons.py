"""Make every icon the installers need from the one SVG, resources/icons/pa-employer.svg.

    python installers/make_icons.py [OUT]        (OUT defaults to build/icons)

writes, into OUT:
    hicolor/NxN/apps/pa-employer.png   N = 16 24 32 48 64 128 256 512 (Linux menus, freedesktop
                                        icon theme layout), and hicolor/scalable/apps/ the SVG
    pa-employer.ico                    Windows: 16, 24, 32, 48, 64, 128 and 256 pixels
    pa-employer.icns                   macOS: 16 to 1024 pixels (512@2x)

Qt's SVG renderer (PySide6.QtSvg, already a dependency) draws each size; Pillow (installed
with reportlab) packs the .ico and .icns. The files are generated at build time (make bundle,
the CI workflow, installers/macos/build-app.sh, installers/windows/build.ps1) rather than
committed, so they can never fall behind the SVG.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "pa-employer.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int) -> bytes:
    """``svg`` drawn at ``size`` x ``size`` pixels, as PNG bytes (transparent corners)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_png.app = QGuiApplication([])  # type: ignore[attr-defined]  (kept alive)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG image")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def make_icons(out: Path, svg: Path = SVG) -> list[Path]:
    """Write the PNG sizes, the SVG, the .ico and the .icns into ``out``; return them."""
    from PIL import Image

    pngs = {size: render_png(svg, size) for size in sorted({*PNG_SIZES, *ICNS_SIZES})}
    written: list[Path] = []
    for size in PNG_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / "pa-employer.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / "pa-employer.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)

    def image(size: int) -> Image.Image:
        return Image.open(io.BytesIO(pngs[size])).convert("RGBA")

    ico = out / "pa-employer.ico"
    largest = image(max(ICO_SIZES))
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[image(s) for s in ICO_SIZES[:-1]],
    )
    written.append(ico)
    icns = out / "pa-employer.icns"
    image(max(ICNS_SIZES)).save(
        icns, format="ICNS", append_images=[image(s) for s in ICNS_SIZES[:-1]]
    )
    written.append(icns)
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "icons"
    for path in make_icons(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
