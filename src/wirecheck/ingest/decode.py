"""Bytes to text: BOM, then UTF-16's zero-byte pattern, then UTF-8, then the charset the document declares, then a guess.

Only a guess earns a warning: a BOM, valid UTF-8 and a declared charset that decodes cleanly
are what the author wrote.  Legacy Western text is named windows-1252 (the WHATWG reading of
"iso-8859-1" and the usual truth behind charset-normalizer's "cp1250" on such text).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from wirecheck.ingest.load import utf16_without_bom

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its first two bytes are the UTF-16-LE BOM
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}
# Valid multi-byte UTF-8 sequences almost never occur by chance in legacy-encoded text, so a few of
# them outweighing the invalid bytes say the file is UTF-8 with stray bytes (a pasted cp1252 quote).
MIN_VALID_UTF8_CHARS = 3
CHAOS_TOLERANCE = 0.01  # charset-normalizer candidates this close to the best are equally good
MAX_CONTROL_SHARE = 0.05  # more control characters than this after decoding: binary, not text


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    warning: str | None = None  # set when the encoding was guessed or bytes were replaced


def decode_bytes(data: bytes, declared: str | None = None) -> DecodedText | None:
    """Decode ``data``; None when no encoding gives plausible text.

    ``declared`` is a charset from outside the bytes (an HTTP Content-Type header); a charset
    declared inside the document (<meta charset>, <?xml encoding?>) is found here.
    """
    decoded = _decode(data, declared)
    if decoded is None or _control_share(decoded.text[:8192]) > MAX_CONTROL_SHARE:
        return None
    return decoded


def _decode(data: bytes, declared: str | None) -> DecodedText | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_strictly_or_replace(data, encoding, "after its byte-order mark")
    utf16 = utf16_without_bom(data[:8192])
    if utf16:
        return _decode_strictly_or_replace(data, utf16, "(no byte-order mark)", warn_always=True)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    for charset in (declared, _declared_in_document(data)):
        codec = _python_codec(charset)
        if codec:
            try:
                return DecodedText(data.decode(codec), codec)
            except UnicodeDecodeError:
                continue
    return _guess(data)


def _control_share(sample: str) -> float:
    """Share of control characters other than tab, newlines and form feed: high in binary data."""
    if not sample:
        return 0.0
    controls = sum(
        1 for char in sample if (ord(char) < 32 or 0x7F <= ord(char) < 0xA0) and char not in "\t\n\r\x0c"
    )
    return controls / len(sample)


def _decode_strictly_or_replace(
    data: bytes, encoding: str, context: str, warn_always: bool = False
) -> DecodedText:
    try:
        text = data.decode(encoding)
        warning = f"no charset given; decoded as {encoding} {context}" if warn_always else None
        return DecodedText(text, encoding, warning)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        return DecodedText(
            text, encoding, f"decoded as {encoding} {context}; {bad} invalid byte sequence(s) replaced"
        )


def _mostly_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 text with a handful of stray bytes (a pasted cp1252 quote): keep UTF-8, say so."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    if multibyte >= MIN_VALID_UTF8_CHARS and bad <= multibyte:
        return DecodedText(text, "utf-8", f"mostly UTF-8; {bad} invalid byte(s) replaced with \ufffd")
    return None


def _declared_in_document(data: bytes) -> str | None:
    match = DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").strip().lower()


def _python_codec(charset: str | None) -> str | None:
    if not charset:
        return None
    charset = WHATWG_ALIASES.get(charset.lower(), charset)
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _guess(data: bytes) -> DecodedText | None:
    """charset-normalizer's pick, except that windows-1252 wins among equally good candidates:
    its "cp1250" or "cp775" on Western text decodes the same bytes to the same characters."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    western = _cp1252_or_none(data)
    equally_good = [m for m in matches if m.chaos <= best.chaos + CHAOS_TOLERANCE]
    if western is not None and any(m.encoding == "cp1252" or str(m) == western for m in equally_good):
        encoding, text = "cp1252", western
    else:
        encoding, text = best.encoding, str(best)
    label = codecs.lookup(encoding).name.replace("cp125", "windows-125")
    return DecodedText(text, encoding, f"no charset given and not UTF-8; decoded as {label} (guessed)")


def _cp1252_or_none(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None
