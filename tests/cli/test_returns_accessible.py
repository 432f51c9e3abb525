"""`pa-employer return`: the accessible copy beside every PDF, --format html, --no-html and
--large-print, as a user would run them on the demo employer."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader

from tests.cli.test_cli import demo, run  # noqa: F401
from tests.reports.html_outline import Outline

DRAFT = ("--from", "1/10/2026", "--to", "31/12/2026")
SENT = ("--from", "1/7/2026", "--to", "30/9/2026")


def test_the_accessible_copy_beside_every_pdf_and_large_print(demo, private_home, tmp_path):  # noqa: F811
    out = tmp_path / "q4.pdf"
    done = run("return", demo, *DRAFT, "--out", out, "--json", home=private_home)
    assert done.returncode == 1, done.stderr  # things to look at before it is sent
    summary = json.loads(done.stdout)
    assert summary["accessible_copy"] == str(tmp_path / "q4.html")
    page = Outline((tmp_path / "q4.html").read_text(encoding="utf-8"))
    assert page.lang == "en-GB" and page.headings[0] == (1, "Direct payment financial return")
    words = run("return", demo, *DRAFT, "--out", tmp_path / "again.pdf", home=private_home)
    assert f"Wrote {tmp_path / 'again.html'}: the same return as one web page" in words.stdout
    # --no-html: the PDF alone; --format html: the page alone, printed without --out
    run("return", demo, *DRAFT, "--out", tmp_path / "only.pdf", "--no-html", home=private_home)
    assert (tmp_path / "only.pdf").exists() and not (tmp_path / "only.html").exists()
    printed = run("return", demo, *DRAFT, "--format", "html", home=private_home).stdout
    assert printed == (tmp_path / "q4.html").read_text(encoding="utf-8")

    # A sent return in large print: made from the figures sent; its copy is the same page.
    kept = tmp_path / "kept.pdf"
    run("return", demo, *SENT, "--out", kept, home=private_home, check_code=0)
    large = tmp_path / "large.pdf"
    done = run("return", demo, *SENT, "--large-print", "--out", large, "--json", home=private_home)
    summary = json.loads(done.stdout)
    assert summary["large_print"] is True and summary["sha256"] is None
    assert large.read_bytes() != kept.read_bytes()
    reader = PdfReader(io.BytesIO(large.read_bytes()))
    assert "(large print)" in (reader.metadata.subject or "")  # type: ignore[union-attr]
    assert "Sent to the council on 16 October 2026." in reader.pages[0].extract_text()
    assert (tmp_path / "large.html").read_text(encoding="utf-8") == (
        tmp_path / "kept.html"
    ).read_text(encoding="utf-8")
    refused = run("return", demo, *SENT, "--format", "json", "--large-print", home=private_home)
    assert refused.returncode == 2 and "--large-print is for the PDF" in refused.stderr
