"""Frame ring, reader drop counting, back-off and the mapping of real socket errors to messages."""

from __future__ import annotations

import random
import socket

import numpy as np
import pytest

from console.video.health import Backoff, Problem, problem_from_oserror, problem_from_status
from console.video.probe import probe, with_credentials
from console.video.ring import FrameRing
from console.video.rtsp_server import free_port


def pixels(value: int) -> np.ndarray:
    return np.full((4, 4, 3), value, np.uint8)


def test_ring_keeps_the_latest_frames_and_readers_count_what_they_missed() -> None:
    ring = FrameRing(capacity=3)
    fast, slow = ring.reader(), ring.reader()
    for i in range(10):
        ring.push(pixels(i), 100.0 + i)
        taken = fast.take()
        assert taken is not None and taken.index == i + 1
    assert [f.index for f in ring.frames()] == [8, 9, 10]  # never more than capacity
    newest = slow.take()
    assert newest is not None and newest.index == 10 and int(newest.image[0, 0, 0]) == 9
    assert (fast.dropped, slow.dropped) == (0, 9)
    assert slow.take() is None  # nothing new: no frame is shown twice
    with pytest.raises(ValueError):
        FrameRing(0)


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    backoff = Backoff(base=1.0, cap=8.0, rng=random.Random(7))
    delays = [backoff.next_delay() for _ in range(8)]
    ceilings = [1, 2, 4, 8, 8, 8, 8, 8]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert len({round(d, 6) for d in delays[3:]}) > 1  # jitter: cameras do not retry in lockstep
    backoff.reset()
    assert backoff.next_delay() <= 1.0


def test_real_socket_errors_get_operator_messages() -> None:
    with pytest.raises(OSError) as refused:
        socket.create_connection(("127.0.0.1", free_port()), timeout=2)
    assert problem_from_oserror(refused.value) == Problem.REFUSED
    with pytest.raises(OSError) as unknown:
        socket.getaddrinfo("camera.invalid", 554)
    assert problem_from_oserror(unknown.value) == Problem.UNKNOWN_HOST
    assert problem_from_oserror(TimeoutError()) == Problem.TIMEOUT
    assert (problem_from_status(401), problem_from_status(404), problem_from_status(200)) == (
        Problem.AUTH,
        Problem.NOT_FOUND,
        None,
    )


def test_probe_reports_missing_file_and_bad_address() -> None:
    assert probe("/no/such/clip.mp4").problem == Problem.NOT_FOUND
    assert probe("rtsp:///no-host").problem == Problem.BAD_URL
    assert probe(f"rtsp://127.0.0.1:{free_port()}/x").problem == Problem.REFUSED


def test_credentials_enter_the_url_only_when_opening() -> None:
    assert (
        with_credentials("rtsp://10.0.0.5:554/s", "ad min", "p@ss:word")
        == "rtsp://ad%20min:p%40ss%3Aword@10.0.0.5:554/s"
    )
    assert with_credentials("rtsp://10.0.0.5/s", None, "x") == "rtsp://10.0.0.5/s"
