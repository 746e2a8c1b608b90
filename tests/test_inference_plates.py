"""Plate reading end to end on synthetic plates rendered with known text, plus the decoders alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from inference.models import DeviceChoice, ModelRegistry
from inference.ocr import PLATE_ALPHABET, TextBox, TextDetector, TextRecogniser
from inference.plates.reader import PlateReader, group_rows, merge_fragments, plate_colour
from inference.synth import on_vehicle, plate_set, render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def reader() -> PlateReader:
    registry = ModelRegistry(default=DeviceChoice("CPU"))
    return PlateReader(
        TextDetector(registry.load("ppocr-det-tiny")), TextRecogniser(registry.load("ppocr-rec-small-plate"))
    )


@pytest.mark.parametrize(("rows", "degraded"), [(1, False), (1, True), (2, False), (2, True)])
def test_synthetic_plates_read_exactly(reader: PlateReader, rows: int, degraded: bool) -> None:
    plates = plate_set(7 + rows * 2 + degraded, 8, rows, degraded)
    right = 0
    for p in plates:
        reads = reader.read(p.image)
        assert reads, p.text
        right += reads[0].plate is not None and reads[0].plate.text == p.text
        assert reads[0].rows == rows
    assert right >= 7, f"{right}/8 {rows}-row plates read exactly"


@pytest.mark.parametrize("colour", ["white", "yellow", "blue", "red"])
def test_plate_colour_class(reader: PlateReader, colour: str) -> None:
    img = cv2.copyMakeBorder(render("51G-234.56", colour), 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=(90, 90, 90))
    reads = reader.read(img)
    assert reads and reads[0].colour == colour
    assert reads[0].plate is not None and reads[0].plate.text == "51G-234.56"


def test_plate_on_a_vehicle_crop_has_its_box_on_the_plate(reader: PlateReader) -> None:
    plate = render("29-B1 123.45", "white", 150)
    car = on_vehicle(plate)
    reads = reader.read(car)
    assert reads[0].plate is not None and reads[0].plate.text == "29-B1 123.45"
    ph, pw = plate.shape[:2]
    y, x = int(car.shape[0] * 0.62), (car.shape[1] - pw) // 2
    x0, y0, x1, y1 = reads[0].box
    slack = 6  # the unclipped text box may reach a few pixels past the plate border
    assert x - slack <= x0 < x1 <= x + pw + slack and y - slack <= y0 < y1 <= y + ph + slack


def test_text_that_cannot_be_a_plate_is_unreadable_not_forced(reader: PlateReader) -> None:
    img = cv2.copyMakeBorder(render("HELLO-WORLD"), 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=(90, 90, 90))
    reads = reader.read(img)
    assert reads and reads[0].plate is None
    assert "HELLO" in reads[0].raw.replace("0", "O")


@pytest.mark.parametrize(("colour", "expected"), [("red", "KP-51-27"), ("white", None), ("yellow", None)])
def test_a_military_form_is_a_plate_only_on_a_red_plate(reader: PlateReader, colour: str, expected: str | None) -> None:
    # A foreign white plate "KPS127" once came out as the military "KP-51-27" (S repaired to 5).
    img = cv2.copyMakeBorder(render("KP-51-27", colour), 10, 10, 10, 10, cv2.BORDER_CONSTANT, value=(90, 90, 90))
    reads = reader.read(img)
    assert reads and reads[0].colour == colour
    assert (reads[0].plate.text if reads[0].plate else None) == expected


def test_blank_image_has_no_plate(reader: PlateReader) -> None:
    assert reader.read(np.full((80, 240, 3), 128, np.uint8)) == []


def test_ctc_decoding_is_restricted_to_the_plate_alphabet() -> None:
    rec = TextRecogniser(ModelRegistry(default=DeviceChoice("CPU")).load("ppocr-rec-tiny"))  # full dictionary
    labels = (rec.model.manifest.directory / "labels.txt").read_text(encoding="utf-8").split("\n")
    scores = np.zeros((6, len(labels)), np.float32)
    # A Chinese character scores highest at step 0, but only the plate alphabet may be emitted.
    scores[0, labels.index("中")] = 0.9
    scores[0, labels.index("3")] = 0.1
    scores[1, labels.index("3")] = 0.8  # repeat: collapsed by CTC
    scores[2, 0] = 0.9  # blank separates the two zeros
    scores[3, labels.index("0")] = 0.7
    scores[4, 0] = 0.9
    scores[5, labels.index("0")] = 0.6
    line = rec.decode(scores)
    assert line.text == "300"
    assert set(line.text) <= set(PLATE_ALPHABET)


def test_db_boxes_from_a_known_probability_map(reader: PlateReader) -> None:
    prob = np.zeros((96, 320), np.float32)
    prob[20:36, 40:280] = 0.9  # top row
    prob[56:72, 60:260] = 0.9  # bottom row
    boxes = reader.detector.boxes(prob, 1.0, 1.0)
    assert len(boxes) == 2
    top, bottom = sorted((b.box for b in boxes), key=lambda b: b[1])
    # Unclipped: the kernel grows back by area*ratio/perimeter on each side (~7 px here).
    assert top[0] < 40 and top[2] > 279 and top[1] < 20 and top[3] > 35
    assert bottom[0] < 60 and bottom[2] > 259 and bottom[1] < 56 and bottom[3] > 71
    assert [len(g) for g in group_rows(boxes)] == [2]


def test_rows_side_by_side_are_two_plates() -> None:
    def box(x0: float, y0: float, x1: float, y1: float) -> TextBox:
        return TextBox(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32), 0.9)

    assert [len(g) for g in group_rows([box(0, 0, 100, 20), box(300, 25, 400, 45)])] == [1, 1]


def test_colour_of_a_plain_patch() -> None:
    img = np.zeros((40, 100, 3), np.uint8)
    img[:] = (40, 200, 245)
    assert plate_colour(img, (0, 0, 100, 40)) == "yellow"


def test_cli_plates_json_reports_unreadable_files_and_continues(tmp_path: Path) -> None:
    good = tmp_path / "plate.png"
    cv2.imwrite(str(good), plate_set(3, 1, 1, False)[0].image)
    expected = plate_set(3, 1, 1, False)[0].text
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8 not a jpeg")
    missing = tmp_path / "nowhere.png"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "inference",
            "--device",
            "CPU",
            "--cache",
            "off",
            "plates",
            str(bad),
            str(good),
            str(missing),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 1
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["image"] for line in lines] == [str(bad), str(good), str(missing)]
    assert lines[0]["error"] and lines[2]["error"] and lines[1]["error"] is None
    plate = lines[1]["plates"][0]
    assert plate["plate"] == expected and plate["rows"] == 1 and plate["colour"]
    assert 0 <= plate["confidence"] <= 1 and len(plate["box"]) == 4


def quad(x0: float, y0: float, x1: float, y1: float, tilt_px: float = 0.0) -> TextBox:
    """An axis-aligned box, or one whose right side is ``tilt_px`` lower (a plate seen at an angle)."""
    pts = [[x0, y0], [x1, y0 + tilt_px], [x1, y1 + tilt_px], [x0, y1]]
    return TextBox(np.array(pts, np.float32), 0.9)


# Geometries of real two-row plates as DB gives them after unclipping (pixels of a ~130 px wide crop):
@pytest.mark.parametrize(
    ("top", "bottom"),
    [
        pytest.param((20, 10, 110, 50), (10, 45, 120, 88), id="narrow-top-overlapping"),  # "59-X1" over "394.58"
        pytest.param((30, 8, 100, 48), (8, 40, 122, 84), id="much-narrower-top"),
        pytest.param((12, 10, 118, 52), (12, 54, 118, 96), id="apart"),
        pytest.param((10, 10, 110, 50), (22, 48, 122, 90), id="bottom-shifted-by-tilt"),
        pytest.param((14, 12, 104, 46), (10, 44, 120, 90), id="bottom-row-taller"),  # "1234" digits are bigger
    ],
)
def test_two_rows_of_one_plate_are_joined(top: tuple[float, ...], bottom: tuple[float, ...]) -> None:
    groups = group_rows([quad(*bottom), quad(*top)])
    assert [len(g) for g in groups] == [2]
    assert groups[0][0].box[1] < groups[0][1].box[1]  # top row first


def test_tilted_two_row_plate_is_joined() -> None:
    groups = group_rows([quad(10, 10, 110, 48, tilt_px=14), quad(12, 46, 122, 88, tilt_px=14)])
    assert [len(g) for g in groups] == [2]


@pytest.mark.parametrize(
    "boxes",
    [
        pytest.param([(0, 0, 100, 30), (0, 120, 100, 150)], id="far-below"),  # two one-row plates stacked
        pytest.param([(0, 0, 30, 30), (0, 35, 200, 70)], id="short-word-over-long-line"),
        pytest.param([(0, 0, 100, 20), (60, 25, 200, 45)], id="offset-sideways"),
        pytest.param([(0, 0, 100, 14), (0, 18, 100, 60)], id="heights-unlike"),
    ],
)
def test_rows_that_are_not_one_plate_stay_apart(boxes: list[tuple[float, ...]]) -> None:
    assert [len(g) for g in group_rows([quad(*b) for b in boxes])] == [1, 1]


def test_a_row_split_by_db_is_merged_back() -> None:
    rows = merge_fragments([quad(0, 0, 60, 30), quad(72, 1, 160, 31), quad(0, 40, 160, 70)])
    assert len(rows) == 2
    line = min(rows, key=lambda r: r.box[1]).box
    assert line[0] == pytest.approx(0, abs=1.5) and line[2] == pytest.approx(160, abs=1.5)
    assert line[1] == pytest.approx(0, abs=1.5) and line[3] == pytest.approx(31, abs=1.5)


def test_each_row_of_a_two_row_plate_alone_is_not_a_plate(reader: PlateReader) -> None:
    plate = render("59-X1 394.58")
    top, bottom = plate[: plate.shape[0] // 2], plate[plate.shape[0] // 2 :]
    assert [r.plate.text for r in reader.read(plate) if r.plate] == ["59-X1 394.58"]
    assert reader.read(top) == [] and reader.read(bottom) == []


def test_square_car_plate_reads_as_the_car_it_is(reader: PlateReader) -> None:
    reads = reader.read(on_vehicle(render("30A 261.44")))
    assert reads and reads[0].plate is not None
    assert (reads[0].plate.text, reads[0].plate.kind, reads[0].rows) == ("30A-261.44", "car", 2)


def test_a_word_over_a_one_row_plate_does_not_hide_the_plate(reader: PlateReader) -> None:
    plate = render("29H-170.54", height=70)
    word = np.full((60, plate.shape[1], 3), 235, np.uint8)
    cv2.putText(word, "RANGER", (20, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.3, (30, 30, 30), 3, cv2.LINE_AA)
    image = cv2.copyMakeBorder(np.vstack([word, plate]), 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=(90, 90, 90))
    assert "29H-170.54" in [r.plate.text for r in reader.read(image) if r.plate]


def test_a_glyph_at_a_tight_crops_edge_is_kept(reader: PlateReader) -> None:
    plate = render("51G-529.11", height=60)
    ys, xs = np.nonzero((plate < 128).all(2))
    tight = plate[ys.min() : ys.max() + 1, xs.min() - 1 : xs.max() + 2]  # ink touching all four sides
    assert [r.plate.text for r in reader.read(tight) if r.plate] == ["51G-529.11"]


def test_a_motorbike_top_row_that_lost_a_character_is_not_read_as_a_car(reader: PlateReader) -> None:
    # "59-C1" over "653.31" whose 1 is lost reads "59-C 65331": as a square car plate that is 59C-653.31,
    # another vehicle. The hyphen in the top row says motorbike, so it stays unreadable.
    reads = reader.read(on_vehicle(render("59-C 653.31")))
    assert reads and all(r.plate is None for r in reads), [(r.raw, r.plate) for r in reads]
