from __future__ import annotations

import pytest

from inference.plates.grammar import parse_plate, plate_key, plates_match, province_2025, read_plate


@pytest.mark.parametrize(
    "text, normalised, kind, rows, province",
    [
        ("30A-123.45", "30A-123.45", "car", 1, "Hà Nội"),
        ("30a12345", "30A-123.45", "car", 1, "Hà Nội"),
        ("51D 678.90", "51D-678.90", "car", 1, "TP. Hồ Chí Minh"),
        ("29A-1234", "29A-1234", "car", 1, "Hà Nội"),
        ("51LD-123.45", "51LD-123.45", "car", 1, "TP. Hồ Chí Minh"),
        ("29-B1 123.45", "29-B1 123.45", "motorbike", 2, "Hà Nội"),
        ("29B112345", "29-B1 123.45", "motorbike", 2, "Hà Nội"),
        ("54-T1 5417", "54-T1 5417", "motorbike", 2, "TP. Hồ Chí Minh"),
        ("29-MD1 123.45", "29-MD1 123.45", "motorbike", 2, "Hà Nội"),
        ("80-011-NG-01", "80-011-NG-01", "diplomatic", 1, "Cơ quan Trung ương (Cục CSGT)"),
        ("TM-12-34", "TM-12-34", "military", 1, ""),
        ("90A-222.33", "90A-222.33", "car", 1, "Hà Nam"),
    ],
)
def test_valid_plates_parse_and_normalise(text: str, normalised: str, kind: str, rows: int, province: str) -> None:
    plate = parse_plate(text)
    assert plate is not None
    assert (plate.text, plate.kind, plate.rows, plate.province_name) == (normalised, kind, rows, province)
    assert plate.key == plate_key(normalised)
    assert parse_plate(plate.text) == plate  # the normalised form parses to itself


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "30I-123.45",  # I is not a civil series letter
        "30O-123.45",
        "30W-123.45",
        "10A-123.45",  # 10 is no province code
        "30A-000.00",  # never issued
        "30A-123.456",
        "3A-123.45",
        "30-12345",
        "30A-123.45-67",
        "AAAAAAAA",
    ],
)
def test_text_that_cannot_be_a_plate_is_refused(text: str) -> None:
    assert parse_plate(text) is None
    assert read_plate(text).plate is None or text == ""


def test_two_row_hint_picks_the_motorbike_form() -> None:
    moped = parse_plate("29AA12345", rows=2)
    car = parse_plate("29AA12345")
    assert moped is not None and moped.text == "29-AA 123.45"
    assert car is not None and car.text == "29AA-123.45"
    assert moped.key == car.key  # same vehicle key either way


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("3OA-123.45", "30A-123.45"),  # O read for 0 in the province
        ("30A-I23.45", "30A-123.45"),  # I read for 1 in the number
        ("305-123.45", "30S-123.45"),  # 5 read for S in the series
        ("308-1Z3.45", "30B-123.45"),  # 8 for B, Z for 2
        ("29-81 123.45", "29-B1 123.45"),
        ("51G-6G8.88", "51G-668.88"),  # the same letter is a letter in the series, a digit in the number
        ("S1D-0D0.01", "51D-000.01"),
    ],
)
def test_confusions_repaired_only_where_the_grammar_demands(raw: str, expected: str) -> None:
    result = read_plate(raw)
    assert result.plate is not None and result.plate.text == expected
    assert result.repaired


def test_clean_reads_are_not_marked_repaired() -> None:
    result = read_plate("30A-123.45")
    assert result.plate is not None and not result.repaired


def test_hotlist_matching_tolerates_ocr_confusions_only() -> None:
    assert plates_match("30A-123.45", "30A12345") == "exact"
    assert plates_match("3OA-I23.4S", "30A-123.45") == "confusable"
    assert plates_match("30A-123.46", "30A-123.45") is None
    assert plates_match("", "30A-123.45") is None


def test_province_codes_follow_the_2025_merger() -> None:
    assert province_2025("90") == "Ninh Bình"
    assert province_2025("61") == "TP. Hồ Chí Minh"
    assert province_2025("29") == "Hà Nội"
    assert province_2025("10") is None


def test_l_read_for_a_4_is_repaired_where_a_digit_must_stand() -> None:
    result = read_plate("L7-K2 9950", rows=2)  # a real garage photo: the 4 of 47-K2 came out as L
    assert result.plate is not None and result.plate.text == "47-K2 9950" and result.repaired


def test_old_two_letter_motorbike_series_with_four_digits() -> None:
    plate = parse_plate("50-XA 5535", rows=2)
    assert plate is not None and (plate.kind, plate.series, plate.number) == ("motorbike", "XA", "5535")


def test_square_car_plates_have_the_long_plates_text() -> None:
    square, long = parse_plate("30A 261.44", rows=2), parse_plate("30A-261.44", rows=1)
    assert square is not None and long is not None
    assert (square.text, square.key, square.kind, square.rows) == (long.text, long.key, "car", 2)
    old = parse_plate("30F 5204", rows=2)
    assert old is not None and (old.text, old.kind) == ("30F-5204", "car")
