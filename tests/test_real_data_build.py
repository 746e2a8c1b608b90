"""installer/real_data.py rebuilds the real development set from a snapshot at a pinned commit."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "installer"))

import real_data

from inference.synth import on_vehicle, render


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env)
    return out.stdout.strip()


@pytest.fixture()
def snapshot(tmp_path: Path) -> tuple[Path, real_data.Source]:
    work = tmp_path / "work"
    (work / "imgs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    cv2.imwrite(str(work / "imgs" / "a.jpg"), on_vehicle(render("30A-261.44")))
    cv2.imwrite(str(work / "imgs" / "b.jpg"), on_vehicle(render("59-X1 394.58")))
    (work / "labels.csv").write_text("\ufeffname,plate\na.jpg,30A26144\nb.jpg,59X139458\n", encoding="utf-8")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "data")
    commit = git(work, "rev-parse", "HEAD")
    mirrors = tmp_path / "mirrors"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirrors / "owner+set" / "repo")], check=True)
    source = replace(
        real_data.SOURCES[0], name="toy", repo="owner/set", commit=commit, images="imgs", text_labels="labels.csv",
        labels="toy.json",
    )  # fmt: skip
    return mirrors, source


def labels(tmp_path: Path, items: dict[str, object]) -> Path:
    folder = tmp_path / "labels"
    folder.mkdir(exist_ok=True)
    (folder / "toy.json").write_text(json.dumps(items))
    return folder


def test_build_writes_scenes_crops_and_an_index(tmp_path: Path, snapshot: tuple[Path, real_data.Source]) -> None:
    mirrors, source = snapshot
    ours = labels(
        tmp_path, {"a.jpg": {"rows": 1, "box": [30, 30, 120, 70]}, "b.jpg": {"rows": 2, "box": [5, 5, 60, 60]}}
    )
    out = tmp_path / "out"
    index = real_data.build_plates(mirrors, out, (source,), ours)
    assert [(i["plate"], i["rows"], i["use"]) for i in index] == [
        ("30A26144", 1, "measurement only"),
        ("59X139458", 2, "measurement only"),
    ]
    assert json.loads((out / "index.json").read_text()) == index
    crop = cv2.imread(str(out / str(index[0]["crop"])))
    assert crop is not None and crop.shape[:2] == (40 + 2 * 3, 90 + 2 * 5)  # the box + 5 % each side
    scene = (out / str(index[1]["scene"])).read_bytes()
    assert scene == (mirrors.parent / "work" / "imgs" / "b.jpg").read_bytes()  # byte for byte from the commit


def test_a_snapshot_without_the_pinned_commit_is_refused(
    tmp_path: Path, snapshot: tuple[Path, real_data.Source]
) -> None:
    mirrors, source = snapshot
    ours = labels(tmp_path, {"a.jpg": {"rows": 1, "box": [0, 0, 10, 10]}})
    with pytest.raises(ValueError, match="git cat-file"):
        real_data.build_plates(mirrors, tmp_path / "out", (replace(source, commit="0" * 40),), ours)
    with pytest.raises(ValueError, match="no snapshot of owner/other"):
        real_data.build_plates(mirrors, tmp_path / "out", (replace(source, repo="owner/other"),), ours)


def test_a_label_for_an_image_without_text_is_refused(tmp_path: Path, snapshot: tuple[Path, real_data.Source]) -> None:
    mirrors, source = snapshot
    ours = labels(tmp_path, {"c.jpg": {"rows": 1, "box": [0, 0, 10, 10]}})
    with pytest.raises(ValueError, match=r"c\.jpg has no plate text"):
        real_data.build_plates(mirrors, tmp_path / "out", (source,), ours)


def test_the_shipped_labels_are_well_formed() -> None:
    for source in real_data.SOURCES:
        items = json.loads((real_data.LABELS / source.labels).read_text(encoding="utf-8"))
        assert items, source.name
        for name, item in items.items():
            x0, y0, x1, y1 = item["box"]
            assert item["rows"] in (1, 2) and 0 <= x0 < x1 and 0 <= y0 < y1, name
    assert all(len(s.commit) == 40 and s.use for s in real_data.SOURCES)
    assert np.all([s.labels.endswith(".json") for s in real_data.SOURCES])
