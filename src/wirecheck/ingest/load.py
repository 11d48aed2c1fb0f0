"""Bytes off the disk: size caps, decompression (gzip, bz2, xz) and binary-file detection.

Everything here answers either with the bytes of one input or with a plain-words reason why
the input cannot be read; nothing raises for bad input.
"""

from __future__ import annotations

import bz2
import lzma
import os
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger inputs are reported, not read
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # the same cap after decompression (guards against zip bombs)

# Leading bytes of common non-text files (none of them plausible at the start of an article),
# so the message can say what the file is.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF89a", "a GIF image"),
    (b"GIF87a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/EPUB/ODT)"),
    (b"\xd0\xcf\x11\xe0", "an MS Office (OLE) document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x00asm", "a WebAssembly binary"),
)
TEXT_CONTROL_BYTES = frozenset(b"\t\n\r\x0c\x1b")
# A stray NUL byte or two (a scraper's glitch) does not make a text binary; one byte in a hundred does.
MAX_NUL_SHARE = 0.01


class _Decompressor(Protocol):
    @property
    def eof(self) -> bool: ...

    @property
    def unused_data(self) -> bytes: ...

    def decompress(self, data: bytes, max_length: int, /) -> bytes: ...


@dataclass(frozen=True)
class LoadedFile:
    """The (decompressed) bytes of one input and what was noticed while loading them."""

    data: bytes
    compression: str | None = None  # "gzip", "bz2", "xz" when the file was compressed
    warning: str | None = None  # e.g. "gzip data is truncated; ..." (data is what was readable)


@dataclass(frozen=True)
class LoadFailure:
    reason: str


def regular_file_problem(path: Path) -> LoadFailure | None:
    """Why ``path`` cannot be opened as a regular file, or None when it can."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return LoadFailure(f"broken symbolic link (points to {os.readlink(path)})")
        return LoadFailure("no such file or directory")
    except OSError as error:
        return LoadFailure(f"cannot read: {error.strerror or error}")
    if not stat.S_ISREG(info.st_mode):
        return LoadFailure("not a regular file (device, socket or pipe)")
    return None


def read_head(path: Path, size: int = 4096) -> bytes:
    """The first bytes of a regular file, decompressed when it is gzip (for sniffing only)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(size)
    except OSError:
        return b""
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(wbits=31).decompress(head, size)
        except zlib.error:
            return b""
    return head


def gzip_damage(path: Path) -> str | None:
    """What is wrong with a gzip file's members (truncated, corrupt), or None when all are whole.

    For archives streamed by a reader that stops quietly at a cut (warcio does); streams through
    the file without keeping the output.
    """
    decompressor = zlib.decompressobj(wbits=31)
    fed = False
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                while chunk:
                    if decompressor.eof:
                        if not chunk.startswith(b"\x1f\x8b"):
                            return None  # trailing padding after the last member
                        decompressor, fed = zlib.decompressobj(wbits=31), False
                    decompressor.decompress(chunk, 1 << 22)
                    fed = True
                    chunk = decompressor.unused_data if decompressor.eof else decompressor.unconsumed_tail
    except zlib.error as error:
        return f"gzip data is corrupt ({error})"
    except OSError as error:
        return f"cannot read: {error.strerror or error}"
    return "gzip data is truncated" if fed and not decompressor.eof else None


def load_file(path: Path) -> LoadedFile | LoadFailure:
    """Read a regular file within the size cap and undo gzip/bz2/xz compression."""
    problem = regular_file_problem(path)
    if problem:
        return problem
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadFailure(
                f"too large to be an article ({_megabytes(size)}, limit {_megabytes(MAX_FILE_BYTES)})"
            )
        raw = path.read_bytes()
    except OSError as error:
        return LoadFailure(f"cannot read: {error.strerror or error}")
    return unpack(raw)


def unpack(raw: bytes) -> LoadedFile | LoadFailure:
    """Undo compression when the leading bytes say the data is compressed."""
    codecs: tuple[tuple[bytes, str, Callable[[], _Decompressor]], ...] = (
        (b"\x1f\x8b", "gzip", lambda: zlib.decompressobj(wbits=31)),
        (b"BZh", "bz2", bz2.BZ2Decompressor),
        (b"\xfd7zXZ\x00", "xz", lzma.LZMADecompressor),
    )
    for magic, name, make in codecs:
        if raw.startswith(magic) and (name != "bz2" or raw[3:4].isdigit()):  # "BZh9": block size digit
            return _decompress_all(raw, magic, name, make)
    return LoadedFile(raw)


def _decompress_all(
    raw: bytes, magic: bytes, name: str, make: Callable[[], _Decompressor]
) -> LoadedFile | LoadFailure:
    """Decompress every stream in ``raw``; keep what is readable when the data breaks off."""
    out = bytearray()
    rest = raw
    warning = None
    while rest:
        decompressor = make()
        try:
            out += decompressor.decompress(rest, MAX_UNPACKED_BYTES + 1 - len(out))
        except (zlib.error, OSError, EOFError, lzma.LZMAError) as error:
            warning = f"{name} data is corrupt ({error}); kept the {_size(len(out))} before the damage"
            break
        if len(out) > MAX_UNPACKED_BYTES:
            return LoadFailure(f"decompresses to more than {_megabytes(MAX_UNPACKED_BYTES)}; not read")
        if not decompressor.eof:
            warning = f"{name} data is truncated; kept the first {_size(len(out))}, which were complete"
            break
        rest = decompressor.unused_data
        if rest and not rest.startswith(magic):
            if rest.strip(b"\x00"):
                warning = f"{len(rest)} bytes of trailing garbage after the {name} data were ignored"
            break
    if not out and warning:
        return LoadFailure(warning.split(";")[0] + "; nothing could be read")
    return LoadedFile(bytes(out), compression=name, warning=warning)


def binary_kind(data: bytes) -> str | None:
    """Why ``data`` is not text ("a PDF document"), or None when it may well be text."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    head = data[:8192]
    if _looks_like_utf16_or_32(head):
        return None
    if head.count(0) > MAX_NUL_SHARE * len(head):
        return "binary data (contains NUL bytes)"
    controls = sum(1 for byte in head if byte < 32 and byte not in TEXT_CONTROL_BYTES)
    if controls > 0.05 * len(head):
        return "binary data (mostly control bytes)"
    return None


def without_nul_bytes(data: bytes) -> tuple[bytes, int]:
    """``data`` without its NUL bytes, and how many there were; UTF-16/32 text is left whole
    (its zero bytes are half of its characters)."""
    nuls = data.count(0)
    if not nuls or _looks_like_utf16_or_32(data[:8192]):
        return data, 0
    return data.replace(b"\x00", b""), nuls


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when a BOM-less sample has the zero-byte pattern of UTF-16."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / (len(sample) / 2)
    odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def _looks_like_utf16_or_32(head: bytes) -> bool:
    boms = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
    return head.startswith(boms) or utf16_without_bom(head) is not None


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} byte{'s' if n != 1 else ''}"
    return f"{n / 1024:.1f} KB"
