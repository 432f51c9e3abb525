"""Rules packs: the national rule files with a manifest, checked, installed per user.

A pack is the rule files the program reads (``PACK_FILES``: rate tables, council profiles,
spending and statement categories, statement and payroll layouts, payroll results
presets, State Pension ages) plus ``manifest.toml``: the pack's
version, the day it was made, the period it covers and the SHA-256 of each file. The
repository's ``resources/`` folder is the pack bundled with the program. A support
organisation publishes a newer one as a single zip file (``make rules-pack``); the user
loads it (Help > Load newer rules…, ``pa-employer rules load FILE``) into their own data
folder, never into the program. The program uses the newest valid pack it has.

A pack is refused, naming the file, line and field (or the file whose hash is wrong), when
its manifest is missing or unreadable, a file's hash does not match, a row has no source or
status, a rule's dates overlap or leave a gap, or a rule the program needs is missing.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import tomllib
import uuid
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib.abc import Traversable
from pathlib import Path

from pa_employer.core.account.statement import parse_category_rules, parse_layouts_toml
from pa_employer.core.council.categories import parse_categories_csv
from pa_employer.core.council.profile import parse_councils_toml
from pa_employer.core.pay.payroll_layouts import parse_payroll_layouts_toml
from pa_employer.core.pay.payroll_results import parse_presets_toml
from pa_employer.core.pay.state_pension_age import parse_pension_age_csv
from pa_employer.core.people.retention import parse_retention_csv
from pa_employer.core.rules import (
    RuleFileError,
    RuleRow,
    check_no_gaps,
    parse_rules_csv_lines,
)
from pa_employer.services.storage.home import rules_home
from pa_employer.services.storage.private import make_private, private_folder

MANIFEST = "manifest.toml"
RATES = "rates.csv"
#: Every file of a pack, in the order they are checked.
PACK_FILES: tuple[str, ...] = (
    RATES,
    "councils.toml",
    "spending_categories.csv",
    "statement_layouts.toml",
    "statement_categories.csv",
    "payroll_layouts.toml",
    "payroll_result_presets.toml",
    "state_pension_age.csv",
    "retention.csv",
)
#: No file in a pack may be bigger than this (the real ones are a few tens of kilobytes).
MAX_FILE_BYTES = 5_000_000
BUNDLED = "bundled"
INSTALLED = "installed"

_VERSION_RE = re.compile(r"^\d{1,6}(\.\d{1,6}){0,3}$")
_HASH_RE = re.compile(r"^[0-9a-f]{64}$")


class PackError(ValueError):
    """A rules pack that cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class Manifest:
    """What a pack says about itself (``manifest.toml``)."""

    version: str
    made: date
    covers_from: date
    covers_to: date
    files: Mapping[str, str]
    title: str = ""
    published_by: str = ""
    fixture: bool = False

    @property
    def version_key(self) -> tuple[int, ...]:
        return version_key(self.version)

    @property
    def period(self) -> str:
        return f"{self.covers_from:%-d %B %Y} to {self.covers_to:%-d %B %Y}"


@dataclass(frozen=True)
class RulesPack:
    """One pack the program has: bundled with it or installed by the user."""

    where: str
    folder: Traversable
    manifest: Manifest | None
    #: Why an installed pack is not used (it failed its check); empty when it is fine.
    problem: str = ""

    @property
    def version(self) -> str:
        return self.manifest.version if self.manifest else "unversioned"

    @property
    def version_key(self) -> tuple[int, ...]:
        return self.manifest.version_key if self.manifest else (0,)

    @property
    def usable(self) -> bool:
        return not self.problem

    def describe(self) -> str:
        """For About and ``rules``: "2027.1 (installed, covers 1 April 2027 to ...)"."""
        if self.manifest is None:
            return f"unversioned ({self.where})"
        extra = ", TEST FIXTURE values" if self.manifest.fixture else ""
        return f"{self.version} ({self.where}, covers {self.manifest.period}{extra})"


@dataclass(frozen=True)
class LoadResult:
    """What loading a pack did, in words for the user."""

    pack: RulesPack
    replaced: bool
    message: str


def version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- the manifest


def _date(table: Mapping[str, object], key: str, filename: str) -> date:
    value = table.get(key)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PackError(f"{filename}, field '{key}': give a date such as 2027-04-06")


def read_manifest(text: str, filename: str = MANIFEST, *, with_hashes: bool = True) -> Manifest:
    """Read and check ``manifest.toml``; raise PackError naming the field.
    ``with_hashes=False`` reads only the [pack] section (for rebuilding the hashes)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{filename}: not a readable manifest ({exc})") from None
    pack = data.get("pack")
    if not isinstance(pack, dict):
        raise PackError(f"{filename}: the [pack] section is missing")
    version = pack.get("version")
    if not isinstance(version, str) or not _VERSION_RE.match(version):
        raise PackError(
            f"{filename}, field 'version': give numbers with dots, such as 2027.1 "
            f"(found {version!r})"
        )
    covers_from = _date(pack, "covers_from", filename)
    covers_to = _date(pack, "covers_to", filename)
    if covers_to < covers_from:
        raise PackError(f"{filename}, field 'covers_to': ends before 'covers_from'")
    files = data.get("files") if with_hashes else {name: "0" * 64 for name in PACK_FILES}
    if not isinstance(files, dict):
        raise PackError(f"{filename}: the [files] section (the SHA-256 of each file) is missing")
    for name in PACK_FILES:
        digest = files.get(name)
        if not isinstance(digest, str) or not _HASH_RE.match(digest):
            raise PackError(
                f"{filename}, [files] field '{name}': give the file's SHA-256 "
                "(64 lower-case hexadecimal digits)"
            )
    extra = sorted(set(files) - set(PACK_FILES))
    if extra:
        raise PackError(
            f"{filename}, [files] field '{extra[0]}': not a file a rules pack holds "
            f"(one of: {', '.join(PACK_FILES)})"
        )
    return Manifest(
        version=version,
        made=_date(pack, "made", filename),
        covers_from=covers_from,
        covers_to=covers_to,
        files={name: files[name] for name in PACK_FILES},
        title=str(pack.get("title", "")),
        published_by=str(pack.get("published_by", "")),
        fixture=bool(pack.get("fixture", False)),
    )


def manifest_text(manifest: Manifest, notes: str = "") -> str:
    """``manifest.toml`` for ``manifest`` (hashes in the order of ``PACK_FILES``)."""
    out = [
        "# A PA Employer rules pack: written by `make rules-pack` (pa-employer rules build);",
        "# do not edit the hashes by hand.",
    ]
    out += [f"# {line}" for line in notes.splitlines()]
    out += [
        "",
        "[pack]",
        f"title = {_quote(manifest.title)}",
        f"published_by = {_quote(manifest.published_by)}",
        f'version = "{manifest.version}"',
        f"made = {manifest.made.isoformat()}",
        f"covers_from = {manifest.covers_from.isoformat()}",
        f"covers_to = {manifest.covers_to.isoformat()}",
        f"fixture = {'true' if manifest.fixture else 'false'}",
        "",
        "[files]",
    ]
    out += [f'"{name}" = "{manifest.files[name]}"' for name in PACK_FILES]
    return "\n".join(out) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------- checking a pack


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(f"{name}: not UTF-8 text (byte {exc.start})") from None


def check_files(
    manifest: Manifest,
    read: Callable[[str], bytes],
    needed_rules: Iterable[str] = (),
) -> None:
    """Check each file against its hash, then read it as the program will; raise PackError.

    ``needed_rules``: rule names the pack must have rows for (those of the bundled pack).
    """
    for name in PACK_FILES:
        data = read(name)
        found = sha256(data)
        if found != manifest.files[name]:
            raise PackError(
                f"{name}: its SHA-256 is {found}, but {MANIFEST} says "
                f"{manifest.files[name]}: the file has been changed or damaged"
            )
    texts = {name: _text(read(name), name) for name in PACK_FILES}
    try:
        lines = parse_rules_csv_lines(texts[RATES], RATES)
        check_no_gaps([r for r, _ in lines], [n for _, n in lines], RATES)
        categories = parse_categories_csv(
            texts["spending_categories.csv"], "spending_categories.csv"
        )
        parse_councils_toml(texts["councils.toml"], "councils.toml", {c.code for c in categories})
        parse_layouts_toml(texts["statement_layouts.toml"], "statement_layouts.toml")
        parse_category_rules(texts["statement_categories.csv"], "statement_categories.csv")
        parse_payroll_layouts_toml(texts["payroll_layouts.toml"], "payroll_layouts.toml")
        parse_presets_toml(texts["payroll_result_presets.toml"], "payroll_result_presets.toml")
        parse_pension_age_csv(texts["state_pension_age.csv"], "state_pension_age.csv")
        parse_retention_csv(texts["retention.csv"], "retention.csv")
    except ValueError as exc:  # RuleFileError and CouncilFileError name file, line and field
        raise PackError(str(exc)) from None
    have = {row.name for row, _ in lines}
    missing = sorted(set(needed_rules) - have)
    if missing:
        raise PackError(
            f"{RATES}, field 'name': the pack has no rows for '{missing[0]}' "
            f"({len(missing)} rule{'s' if len(missing) > 1 else ''} the program needs "
            "are missing)"
        )


def read_folder(folder: Traversable, where: str, needed_rules: Iterable[str] = ()) -> RulesPack:
    """Check the pack in ``folder``; raise PackError (naming the file) if it is not usable."""
    manifest_file = folder / MANIFEST
    if not manifest_file.is_file():
        raise PackError(f"{MANIFEST} is missing: this is not a PA Employer rules pack")
    manifest = read_manifest(manifest_file.read_bytes().decode("utf-8-sig"))

    def read(name: str) -> bytes:
        found = folder / name
        if not found.is_file():
            raise PackError(f"{name} is missing from the pack")
        return found.read_bytes()

    check_files(manifest, read, needed_rules)
    return RulesPack(where, folder, manifest)


def _zip_members(path: Path) -> dict[str, bytes]:
    label = path.name
    members: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if info.is_dir():
                    continue
                if name not in (MANIFEST, *PACK_FILES):
                    raise PackError(f"{label}: holds {name!r}, which is not part of a rules pack")
                if name in members:
                    raise PackError(f"{label}: holds {name} twice")
                if info.file_size > MAX_FILE_BYTES:
                    raise PackError(f"{label}: {name} is too big to be a rule file")
                members[name] = archive.read(info)
    except FileNotFoundError:
        raise PackError(f"{path}: there is no such file") from None
    except zipfile.BadZipFile:
        raise PackError(f"{label}: not a rules pack (it is not a zip file)") from None
    except (OSError, zipfile.LargeZipFile, RuntimeError) as exc:
        raise PackError(f"{label}: could not be read ({exc})") from None
    return members


def read_zip(path: Path, needed_rules: Iterable[str] = ()) -> tuple[Manifest, dict[str, bytes]]:
    """Check a pack file (a zip); its manifest and files, or PackError naming the pack."""
    members = _zip_members(path)
    try:
        if MANIFEST not in members:
            raise PackError(f"{MANIFEST} is missing: this is not a PA Employer rules pack")
        manifest = read_manifest(_text(members[MANIFEST], MANIFEST))

        def read(name: str) -> bytes:
            if name not in members:
                raise PackError(f"{name} is missing from the pack")
            return members[name]

        check_files(manifest, read, needed_rules)
    except PackError as exc:
        raise PackError(f"{path.name}: {exc}") from None
    return manifest, members


# ---------------------------------------------------------------- installed packs


def installed_packs(needed_rules: Iterable[str] = ()) -> list[RulesPack]:
    """Every pack in the user's data folder, checked; a failing one carries its problem."""
    home = rules_home()
    try:
        folders = sorted(home.iterdir()) if home.is_dir() else []
    except OSError:  # a folder we cannot read: the bundled pack is used
        return []
    needed = tuple(needed_rules)
    found: list[RulesPack] = []
    for folder in folders:
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        try:
            found.append(read_folder(folder, INSTALLED, needed))
        except (PackError, OSError) as exc:
            found.append(RulesPack(INSTALLED, folder, None, problem=str(exc)))
    return found


def newest(packs: Iterable[RulesPack]) -> RulesPack | None:
    """The newest usable pack; at equal versions an installed one (the user loaded it)."""
    usable = [p for p in packs if p.usable]
    if not usable:
        return None
    return max(usable, key=lambda p: (p.version_key, p.where == INSTALLED))


def install(path: Path, in_use: RulesPack, needed_rules: Iterable[str] = ()) -> LoadResult:
    """Check the pack file at ``path`` and install it for this user, atomically.

    Refused (PackError) if it fails a check or is older than the pack in use. A pack of the
    same version as one installed replaces it (a corrected edition).
    """
    manifest, members = read_zip(path, needed_rules)
    if manifest.version_key < in_use.version_key:
        raise PackError(
            f"{path.name}: this pack is version {manifest.version}, older than the rules "
            f"in use ({in_use.version}, {in_use.where}). Nothing was changed: PA Employer "
            "keeps using the newer rules."
        )
    home = private_folder(rules_home(), ours=True)
    incoming = home / f".incoming-{uuid.uuid4().hex}"
    private_folder(incoming, ours=True)
    try:
        for name in (*PACK_FILES, MANIFEST):
            target = incoming / name
            with open(target, "wb") as out:
                out.write(members[name])
                out.flush()
                os.fsync(out.fileno())
            make_private(target)
        pack = read_folder(incoming, INSTALLED, needed_rules)  # what reached the disk
        final = home / manifest.version
        replaced = final.exists()
        if replaced:
            old = home / f".old-{uuid.uuid4().hex}"
            os.replace(final, old)
            os.replace(incoming, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(incoming, final)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    pack = RulesPack(INSTALLED, final, pack.manifest)
    what = "replaced the copy of the same version" if replaced else "installed"
    fixture = (
        " These are TEST FIXTURE values, not real rates: use this pack only for trying the program."
        if manifest.fixture
        else ""
    )
    message = (
        f"Rules pack {manifest.version} ({manifest.period}) {what} in {final}. "
        f"PA Employer uses it from now on.{fixture}"
    )
    return LoadResult(pack, replaced, message)


# ---------------------------------------------------------------- building a pack


def build(source: Path, out_dir: Path, made: date, version: str | None = None) -> Path:
    """Write the manifest of the pack in ``source`` (the hashes of its files now, ``made``
    as the day it was made when a file or the version changed, and ``version`` if given),
    then the pack file ``out_dir``/``pa-employer-rules-VERSION.zip``. Checks the pack
    first, as loading it will: a pack that would be refused is not built."""
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise PackError(f"{manifest_path}: missing; copy it from resources/{MANIFEST}")
    text = manifest_path.read_text(encoding="utf-8-sig")
    notes = "\n".join(
        line[2:] if line.startswith("# ") else line[1:]
        for line in text.splitlines()[2:]
        if line.startswith("#")
    )
    old = _manifest_fields(text, manifest_path.name)
    files = {}
    for name in PACK_FILES:
        if not (source / name).is_file():
            raise PackError(f"{source / name}: missing")
        files[name] = sha256((source / name).read_bytes())
    try:
        unchanged = read_manifest(text).files == files and version in (None, old.version)
    except PackError:
        unchanged = False
    fresh = Manifest(
        version=version or old.version,
        made=old.made if unchanged else made,
        covers_from=old.covers_from,
        covers_to=old.covers_to,
        files=files,
        title=old.title,
        published_by=old.published_by,
        fixture=old.fixture,
    )
    new_text = manifest_text(fresh, notes)
    check_files(fresh, lambda name: (source / name).read_bytes())
    if new_text != text:
        manifest_path.write_text(new_text, encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"pa-employer-rules-{fresh.version}.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in (MANIFEST, *PACK_FILES):
            info = zipfile.ZipInfo(name, date_time=(made.year, made.month, made.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (source / name).read_bytes())
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(buffer.getvalue())
    os.replace(partial, out)
    return out


def _manifest_fields(text: str, filename: str) -> Manifest:
    """The manifest's own fields, whatever its hashes say (they are about to be rewritten)."""
    return read_manifest(text, filename, with_hashes=False)


def stale_files(folder: Traversable) -> list[str]:
    """The files of the pack in ``folder`` whose hash is not the one in its manifest."""
    manifest = read_manifest((folder / MANIFEST).read_bytes().decode("utf-8-sig"))
    return [
        name for name in PACK_FILES if sha256((folder / name).read_bytes()) != manifest.files[name]
    ]


def rule_rows(pack: RulesPack) -> list[RuleRow]:
    """The rate rows of a pack (already checked)."""
    text = (pack.folder / RATES).read_bytes().decode("utf-8-sig")
    try:
        return [row for row, _ in parse_rules_csv_lines(text, RATES)]
    except RuleFileError as exc:
        raise PackError(str(exc)) from None
