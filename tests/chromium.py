"""Headless Chromium for the HTML view tests and the view benchmark, and a tiny PNG reader.

`run(url, ...)` starts Debian's `chromium` once (no sandbox, no GPU, no background network,
a throw-away profile), lets the page run for a virtual-time budget, and returns the dumped DOM
and/or writes a screenshot. `read_png` decodes 8-bit RGB/RGBA PNGs with zlib alone.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
         "--mute-audio", "--no-default-browser-check"]


def find_chromium() -> str | None:
    """The chromium binary on PATH (or $CHROMIUM), None when missing."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


@dataclass
class Result:
    dom: str
    seconds: float
    returncode: int
    stderr: str


def run(url: str, *, dump_dom: bool = False, screenshot: str | os.PathLike | None = None,
        size: tuple[int, int] = (1400, 900), budget_ms: int = 5000, timeout: float = 120.0,
        binary: str | None = None) -> Result:
    """Load `url` in headless Chromium; dump its DOM and/or screenshot it."""
    binary = binary or find_chromium()
    if binary is None:
        raise FileNotFoundError("chromium not found")
    with tempfile.TemporaryDirectory(prefix="gk-chromium-") as profile:
        args = [binary, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}",
                f"--virtual-time-budget={budget_ms}"]
        if dump_dom:
            args.append("--dump-dom")
        if screenshot is not None:
            args.append(f"--screenshot={os.fspath(screenshot)}")
        args.append(url)
        t0 = time.perf_counter()
        proc = subprocess.run(args, capture_output=True, timeout=timeout, cwd=profile,
                              env={**os.environ, "HOME": profile})
        seconds = time.perf_counter() - t0
    return Result(proc.stdout.decode("utf-8", "replace"), seconds, proc.returncode,
                  proc.stderr.decode("utf-8", "replace"))


def read_png(path: str | os.PathLike) -> tuple[int, int, list[bytes]]:
    """(width, height, rows) of an 8-bit RGB or RGBA PNG; each row is raw RGB(A) bytes."""
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat = 8, []
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            if depth != 8 or color not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG (depth {depth}, colour type {color}, interlace {interlace})")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    if channels == 4:
        rows = [bytes(b for j, b in enumerate(r) if j % 4 != 3) for r in rows]
    return width, height, rows


def pixels(rows: list[bytes], x0: int, y0: int, x1: int, y1: int, step: int = 2):
    """RGB tuples of the box [x0, x1) × [y0, y1), every `step`-th pixel each way."""
    for y in range(y0, y1, step):
        r = rows[y]
        for x in range(x0, x1, step):
            yield r[3 * x], r[3 * x + 1], r[3 * x + 2]
