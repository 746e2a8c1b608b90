"""Reproduce resources/fonts/ from pinned npm packages (run by a developer, never at run time).

    python installer/vendor_fonts.py            # npm pack, verify, extract, write PROVENANCE.md
    python installer/vendor_fonts.py --verify   # offline: shipped files still match PROVENANCE.md

Why these packages: the console ships the *unsubsetted* Google Fonts TTFs that the
``@expo-google-fonts/*`` packages carry. ``@fontsource/be-vietnam-pro`` (the first choice) holds the
same font version (1.002) but cut into latin / latin-ext / vietnamese WOFF subsets by unicode-range:
a Qt application font has no unicode-range, so the subsets would have to be merged back into one
font, which loses the kerning and mark positioning between letters of different subsets (T + ệ).
Qt documents only TrueType/OpenType for addApplicationFont; the WOFF files do load on Linux because
that build renders through FreeType, which is no promise for the Windows font engine. The TTFs need
no conversion at all, so nothing here depends on fontTools.

The tarball is checked against the integrity hash pinned below before anything is extracted: a
republished or tampered package stops the script instead of silently changing the shipped fonts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import provenance

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "resources" / "fonts"
PROVENANCE = FONT_DIR / "PROVENANCE.md"
LICENSE = FONT_DIR / "LICENSE"

# An sfnt file starts with 0x00010000 (TrueType outlines) or "OTTO" (CFF outlines).
_SFNT_MAGICS = (b"\x00\x01\x00\x00", b"OTTO")


@dataclass(frozen=True)
class FontPackage:
    name: str
    version: str
    integrity: str  # npm's sha512 "integrity" of the tarball, as `npm view NAME@VERSION dist.integrity` prints it
    family: str
    licence: str
    licence_file: str  # path inside the tarball (after "package/")
    files: dict[str, str]  # path inside the tarball -> file name under resources/fonts/

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


PACKAGES: tuple[FontPackage, ...] = (
    FontPackage(
        name="@expo-google-fonts/be-vietnam-pro",
        version="0.4.1",
        integrity="sha512-4o2bsqU1zcC6NZf5FRYB+7gE49waNWYOGc5c5qLfPgrSqqr61hS2Bz4TVPgxudO038tLydSyPxV8e79g8j5DpQ==",
        family="Be Vietnam Pro",
        licence="OFL-1.1",
        licence_file="LICENSE_FONT",
        files={
            "400Regular/BeVietnamPro_400Regular.ttf": "BeVietnamPro-Regular.ttf",
            "500Medium/BeVietnamPro_500Medium.ttf": "BeVietnamPro-Medium.ttf",
            "600SemiBold/BeVietnamPro_600SemiBold.ttf": "BeVietnamPro-SemiBold.ttf",
            "700Bold/BeVietnamPro_700Bold.ttf": "BeVietnamPro-Bold.ttf",
        },
    ),
    FontPackage(
        name="@expo-google-fonts/jetbrains-mono",
        version="0.4.1",
        integrity="sha512-CslACrtMOcRwoWXCO7OMEI+9w3fukWSoBtvNz46OqPoogEuuoY0tkDY1O8sFumk8t0pC6Cx0Xr95O0TOQhpkug==",
        family="JetBrains Mono",
        licence="OFL-1.1",
        licence_file="LICENSE_FONT",
        files={
            "400Regular/JetBrainsMono_400Regular.ttf": "JetBrainsMono-Regular.ttf",
            "700Bold/JetBrainsMono_700Bold.ttf": "JetBrainsMono-Bold.ttf",
        },
    ),
)


class VendorError(RuntimeError):
    pass


def _sri_sha512(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def _npm() -> str:
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("npm is not on PATH; install Node.js/npm (Debian: apt-get install npm)")
    return npm


def fetch_tarball(pkg: FontPackage, dest: Path) -> Path:
    """`npm pack` the exact version into dest and check it against the pinned integrity."""
    proc = subprocess.run(
        [_npm(), "pack", pkg.spec, "--json", "--ignore-scripts", "--pack-destination", str(dest)],
        cwd=dest,  # so that no project .npmrc can redirect the registry
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise VendorError(f"npm pack {pkg.spec} failed:\n{proc.stderr.strip()}")
    info = json.loads(proc.stdout)[0]
    tarball = dest / str(info["filename"])
    # Hash the bytes ourselves as well: the JSON only repeats what the registry claimed.
    actual = _sri_sha512(tarball.read_bytes())
    if actual != pkg.integrity or info.get("integrity") != pkg.integrity:
        raise VendorError(
            f"{pkg.spec}: tarball integrity {actual} differs from the pinned {pkg.integrity}; "
            "review the new package before changing the pin"
        )
    return tarball


def _member_bytes(archive: tarfile.TarFile, inner: str) -> bytes:
    # Read single members by name instead of extractall(): nothing from the archive is written
    # anywhere except the files named in PACKAGES.
    member = archive.getmember(f"package/{inner}")
    handle = archive.extractfile(member)
    if handle is None:
        raise VendorError(f"package/{inner} is not a regular file")
    with handle:
        return handle.read()


@dataclass(frozen=True)
class ShippedFile:
    name: str
    package: FontPackage
    inner: str
    size: int
    sha256: str


def vendor(tmp: Path) -> list[ShippedFile]:
    FONT_DIR.mkdir(parents=True, exist_ok=True)
    shipped: list[ShippedFile] = []
    licence_parts: list[str] = []
    for pkg in PACKAGES:
        tarball = fetch_tarball(pkg, tmp)
        with tarfile.open(tarball, "r:gz") as archive:
            for inner, out_name in pkg.files.items():
                data = _member_bytes(archive, inner)
                if data[:4] not in _SFNT_MAGICS:
                    raise VendorError(f"{pkg.spec}: {inner} is not a TrueType/OpenType file")
                (FONT_DIR / out_name).write_bytes(data)
                shipped.append(ShippedFile(out_name, pkg, inner, len(data), hashlib.sha256(data).hexdigest()))
            licence_text = _member_bytes(archive, pkg.licence_file).decode("utf-8").strip()
        licence_parts.append(
            f"{'=' * 72}\n{pkg.family} ({', '.join(pkg.files.values())})\n"
            f"from {pkg.spec}, file {pkg.licence_file}\n{'=' * 72}\n\n{licence_text}\n"
        )
    LICENSE.write_text("\n\n".join(licence_parts), encoding="utf-8", newline="\n")
    PROVENANCE.write_text(_provenance(shipped), encoding="utf-8", newline="\n")
    return shipped


def _provenance(shipped: list[ShippedFile]) -> str:
    lines = [
        "# Bundled fonts: provenance",
        "",
        "Written by `installer/vendor_fonts.py`; do not edit by hand. Regenerate with",
        "`python installer/vendor_fonts.py` (needs npm and the npm registry) and check offline with",
        "`python installer/vendor_fonts.py --verify`.",
        "",
        "The files are copied byte for byte from the npm tarballs below (no conversion, no subsetting).",
        "The `@expo-google-fonts` packages are MIT for their JavaScript and carry the fonts under the",
        "fonts' own licence; only the fonts are shipped, so only the fonts' licence applies. Full licence",
        "texts with the copyright notices: `LICENSE` in this folder.",
        "",
        "| package | tarball integrity | family | licence |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{p.spec}` | `{p.integrity}` | {p.family} | {p.licence} |" for p in PACKAGES]
    lines += [
        "",
        "| file | from | bytes | SHA-256 |",
        "|---|---|---:|---|",
    ]
    lines += [f"| `{f.name}` | `{f.package.spec}` `{f.inner}` | {f.size} | `{f.sha256}` |" for f in shipped]
    total = sum(f.size for f in shipped)
    lines += ["", f"Total: {total} bytes ({total / 1024:.0f} KiB).", ""]
    return "\n".join(lines)


def verify() -> list[str]:
    """Problems between PROVENANCE.md and the files on disk; empty when they agree."""
    expected: dict[str, str | None] = {out: None for pkg in PACKAGES for out in pkg.files.values()}
    return provenance.check(PROVENANCE, FONT_DIR, expected, "*.[ot]tf", "font file")


def main(argv: list[str] | None = None) -> int:
    return provenance.main(argv, __doc__, verify, vendor, VendorError, "fonts", FONT_DIR)


if __name__ == "__main__":
    sys.exit(main())
