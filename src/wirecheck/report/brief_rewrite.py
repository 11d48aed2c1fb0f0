"""Optional abstractive brief: a local language model rewrites the extractive brief.

Off by default and never called by the pipeline on its own: the user names the URL of an
OpenAI-compatible server they run themselves (llama.cpp, vLLM, Ollama...).  The model gets the
numbered extractive sentences and must cite them as [n]; a sentence without a valid citation
is dropped, each kept sentence cites the articles of the sentences it names, and a disputed
figure keeps its "outlets differ" note even when the model leaves it out.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

from wirecheck.model import BriefSentence

CITATION = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
SENTENCE_END = re.compile(r"(?<=[.!?\]])\s+(?=[A-Z\"“(])")
DISPUTE_NOTE = re.compile(r"\s*\(outlets differ[^()]*\)")

INSTRUCTIONS = (
    "You write a short news brief from numbered source sentences. Use only facts in the sources. "
    "End every sentence with the numbers of the sources it relies on, in square brackets, like [2] or [1, 3]. "
    "Where a source says outlets differ, keep every value and do not pick one. Write 3 to 8 sentences, "
    "plain prose, no list, no heading."
)


class RewriteError(RuntimeError):
    """The model server could not be reached or gave no usable, cited answer."""


def rewrite_brief(
    brief: Sequence[BriefSentence],
    url: str,
    model: str,
    *,
    title: str = "",
    api_key: str | None = None,
    timeout: float = 60.0,
) -> list[BriefSentence]:
    """The brief rewritten by the model at ``url``; every sentence cites its sources."""
    if not brief:
        return []
    reply = ask_chat_model(url, model, build_messages(brief, title), api_key=api_key, timeout=timeout)
    return parse_cited_sentences(reply, brief)


def build_messages(brief: Sequence[BriefSentence], title: str) -> list[dict[str, str]]:
    sources = "\n".join(f"[{n}] {sentence.text}" for n, sentence in enumerate(brief, start=1))
    heading = f"Story: {title}\n\n" if title else ""
    return [
        {"role": "system", "content": INSTRUCTIONS},
        {"role": "user", "content": f"{heading}Sources:\n{sources}"},
    ]


def chat_endpoint(url: str) -> str:
    """Accept the server root, its /v1 base or the full chat-completions address."""
    if not re.match(r"^https?://", url):
        raise RewriteError(f"the model URL must start with http:// or https://, got {url!r}")
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    return url + ("/chat/completions" if url.endswith("/v1") else "/v1/chat/completions")


def ask_chat_model(
    url: str, model: str, messages: list[dict[str, str]], *, api_key: str | None, timeout: float
) -> str:
    endpoint = chat_endpoint(url)
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    body = json.dumps({"model": model, "messages": messages, "temperature": 0.2}).encode("utf-8")
    request = urllib.request.Request(endpoint, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload: Any = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise RewriteError(f"the model server at {endpoint} gave no usable answer: {err}") from err
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as err:
        raise RewriteError(
            f"the model server at {endpoint} answered without choices[0].message.content"
        ) from err
    if not isinstance(content, str):
        raise RewriteError(f"the model server at {endpoint} answered with no text")
    return content


def parse_cited_sentences(reply: str, brief: Sequence[BriefSentence]) -> list[BriefSentence]:
    """Keep the sentences that cite real sources; map [n] to those sources' articles."""
    kept = []
    for piece in SENTENCE_END.split(" ".join(reply.split())):
        numbers = [int(n) for group in CITATION.findall(piece) for n in re.split(r"\s*[,;]\s*", group)]
        sources = [brief[n - 1] for n in dict.fromkeys(numbers) if 1 <= n <= len(brief)]
        if not sources:
            continue
        text = re.sub(r"\s+([.,;!?])", r"\1", CITATION.sub("", piece)).strip()
        text = keep_dispute_notes(text, sources)
        article_ids = tuple(dict.fromkeys(a for s in sources for a in s.article_ids))
        if text:
            kept.append(BriefSentence(text=text, article_ids=article_ids, generated=True))
    if not kept:
        raise RewriteError("the model's answer had no sentence citing the sources as [n]")
    return kept


def keep_dispute_notes(text: str, sources: Sequence[BriefSentence]) -> str:
    """A disputed figure is never settled by rewording: put back any note the model dropped."""
    for source in sources:
        for note in DISPUTE_NOTE.findall(source.text):
            if note.strip() not in text:
                text = text[:-1] + note + text[-1] if text and text[-1] in ".!" else text + note
    return text
