"""``camera test URL``: open a stream as the wall would and print one JSON object about it."""

from __future__ import annotations

import argparse
import json

from console.config import Config

from . import Handler


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value <= 300:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 300 seconds")
    return value


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    camera = commands.add_parser("camera", parents=[common], help="camera streams")
    actions = camera.add_subparsers(dest="action", required=True, metavar="ACTION")
    test = actions.add_parser(
        "test",
        parents=[common],
        help="open a stream as the video wall does and print one JSON line: url (password hidden), state "
        "(live|error), path (decoder), fps, width, height, codec, error; exit status 0 only when live",
    )
    test.add_argument("url", metavar="URL", help="rtsp://, http://, udp://@:PORT or a file; user:password@ allowed")
    test.add_argument("--seconds", type=_seconds, default=5.0, metavar="N", help="how long to watch (default 5)")


def _test(args: argparse.Namespace, cfg: Config) -> int:
    from console.video.check import test_stream

    result = test_stream(args.url, args.seconds)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["state"] == "live" else 1


HANDLERS: dict[tuple[str, str], Handler] = {("camera", "test"): _test}
