"""A naive visible-text dump of an HTML page, like a careless scraper's output.

All text a reader could see, one block element per line: menus, footers,
share bars and teasers kept; scripts, styles, templates, the <head> and
elements marked hidden dropped.  Used by ``bench/web_pages.py`` to make
scraped-text inputs (like the seed files) out of real pages.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

INVISIBLE = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "iframe",
    "object",
    "canvas",
    "math",
    "select",
}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "button", "label", "option", "time",
}  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(el: etree._Element) -> bool:
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(el.get("style") or ""))
    )


def visible_text_dump(html: bytes | str) -> str:
    """One line per block of visible text, whitespace squeezed, empty lines dropped."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    chunks: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in INVISIBLE or _hidden(el):
            if el.tail:
                chunks.append(el.tail)
            return
        block = tag in BLOCKS
        if block:
            chunks.append("\n")
        if el.text:
            chunks.append(el.text)
        for child in el:
            walk(child)
        if block:
            chunks.append("\n")
        if el.tail:
            chunks.append(el.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(chunks).split("\n"))
    return "\n".join(line for line in lines if line)
