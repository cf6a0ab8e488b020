#!/usr/bin/env python3
"""Renders resources/symscore.svg's design as resources/symscore.png (256 x 256) for desktop
menus that do not draw SVG. The icon is simple enough to draw directly (a rounded square,
four radial blobs on a C4 orbit, a white diamond), so this needs only NumPy; run it again
after changing the SVG.  Usage: python3 scripts/make_icon_png.py [OUT.png]"""
import struct
import sys
import zlib
from pathlib import Path

import numpy as np

SIZE = 256
SCALE = SIZE / 128.0  # the SVG's view box is 128 x 128
SUPERSAMPLE = 4  # 4 x 4 samples per pixel smooth the edges


def hex_rgb(code):
    return np.array([int(code[i:i + 2], 16) / 255.0 for i in (1, 3, 5)])


def over(dst_rgb, dst_a, src_rgb, src_a):
    """Porter-Duff 'source over' on straight (non-premultiplied) colours."""
    out_a = src_a + dst_a * (1 - src_a)
    safe = np.where(out_a > 0, out_a, 1)[..., None]
    rgb = (src_rgb * src_a[..., None] + dst_rgb * (dst_a * (1 - src_a))[..., None]) / safe
    return rgb, out_a


def blob_colour(r):
    """The SVG's radial gradient at radius fraction r: yellow, green at 0.45, fading blue."""
    stops = [(0.0, hex_rgb("#fde725"), 1.0), (0.45, hex_rgb("#35b779"), 1.0), (1.0, hex_rgb("#31688e"), 0.0)]
    rgb = np.zeros(r.shape + (3,))
    alpha = np.zeros(r.shape)
    for (r0, c0, a0), (r1, c1, a1) in zip(stops, stops[1:]):
        inside = (r >= r0) & (r <= r1)
        f = ((r - r0) / (r1 - r0))[inside]
        rgb[inside] = c0 + (c1 - c0) * f[:, None]
        alpha[inside] = a0 + (a1 - a0) * f
    return rgb, alpha


def render():
    n = SIZE * SUPERSAMPLE
    coords = (np.arange(n) + 0.5) / SUPERSAMPLE / SCALE  # in SVG units
    x, y = np.meshgrid(coords, coords)
    # Rounded square, corner radius 22.
    cx, cy = np.clip(x, 22, 106), np.clip(y, 22, 106)
    rgb = np.broadcast_to(hex_rgb("#440154"), x.shape + (3,)).copy()
    alpha = ((x - cx) ** 2 + (y - cy) ** 2 <= 22 ** 2).astype(float)
    for bx, by in [(64, 24), (104, 64), (64, 104), (24, 64)]:
        r = np.hypot(x - bx, y - by) / 20.0
        b_rgb, b_a = blob_colour(np.minimum(r, 1.0))
        b_a = np.where(r <= 1.0, b_a, 0.0)
        rgb, alpha = over(rgb, alpha, b_rgb, b_a)
    diamond = np.abs(x - 64) / 6.0 + np.abs(y - 64) / 12.0 <= 1.0
    rgb, alpha = over(rgb, alpha, np.ones(x.shape + (3,)), diamond * 0.85)
    rgba = np.concatenate([rgb * alpha[..., None], alpha[..., None]], axis=-1)  # premultiplied
    rgba = rgba.reshape(SIZE, SUPERSAMPLE, SIZE, SUPERSAMPLE, 4).mean(axis=(1, 3))
    a = rgba[..., 3:]
    rgba[..., :3] = np.where(a > 0, rgba[..., :3] / np.where(a > 0, a, 1), 0)
    return np.round(rgba * 255).astype(np.uint8)


def png_bytes(rgba):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    h, w, _ = rgba.shape
    raw = b"".join(b"\x00" + rgba[row].tobytes() for row in range(h))  # filter 0 per row
    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "resources" / "symscore.png"
    out.write_bytes(png_bytes(render()))
    print(out)
