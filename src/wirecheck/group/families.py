"""Source families: the articles of a story that derive from one wire story or one original report.

A copy link (:mod:`wirecheck.group.copies`: reprints, trimmed syndicated copies, spun rewrites) is
strong evidence, but a wire story is often trimmed, reordered and partly re-worded by each paper,
so that two rewrites share only a third of their passages.  Families are therefore made of three
kinds of evidence, merged transitively within one story:

- a copy link between two articles;
- shared passages: at least ``MIN_SHARED_SHINGLES`` word 5-grams, and ``FAMILY_SHARE`` of the
  smaller text's 5-grams, in common *outside quotations* (two outlets quoting one long statement
  are two reports of one speaker, not one report);
- an article crediting another article's outlet for the story ("according to the N.Y. Daily News")
  and sharing at least ``MIN_SHARED_SHINGLES`` passages with that article: a rewrite of it;
- the same news agency credited as the article's author: "(AP)" or "WASHINGTON (Reuters) -" in a
  dateline, "— Reuters" or "Source: AFP" closing the text, a byline "By The Associated Press",
  Reuters' "Reporting by ...; Editing by ..." signature.  "The Associated Press contributed to
  this report" is kept as evidence and names the family, but does not join one by itself (the
  article is the paper's own report with some agency material).

A family's original is the article the others derive from when it can be told: the agency's own
copy, else the root of the copy links, else the one published strictly first, else the one member
every other member shares passages with (and most often); otherwise none.  A family is named after
the agency a member credits (or, failing that, cites: "according to AFP"), else its original's
outlet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from wirecheck.group.copies import prepare, shared_passages
from wirecheck.group.text import shingles, tokenize
from wirecheck.model import Article, ArticleMentions, CopyLink, FamilyEvidence, SourceFamily

SHINGLE_WORDS = 5
MIN_SHARED_SHINGLES = 15  # about two sentences in common: less is a shared phrase or a quoted line
FAMILY_SHARE = 0.2  # a rewrite keeps at least a fifth of its source's passages, outside quotes

# Agencies as credit lines name them -> the short name a family is called by.
AGENCIES: dict[str, str] = {
    "the associated press": "AP",
    "associated press": "AP",
    "ap": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "upi": "UPI",
    "united press international": "UPI",
    "pa": "PA",
    "press association": "PA",
    "the press association": "PA",
    "aap": "AAP",
    "australian associated press": "AAP",
    "nzpa": "NZPA",
    "pti": "PTI",
    "press trust of india": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "efe": "EFE",
    "ansa": "ANSA",
    "bloomberg": "Bloomberg",
    "the canadian press": "Canadian Press",
    "canadian press": "Canadian Press",
    "cp": "Canadian Press",
}
_NAMES = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
# "(AP)", "(Reuters)" anywhere: a dateline credit ("PARIS (AFP) -") or a credit in brackets
BRACKET_CREDIT = re.compile(rf"\((?P<agency>{_NAMES})\)", re.IGNORECASE)
# a paragraph closing on "— Reuters" / "- AFP", or a line "Source: AFP", "By The Associated Press"
CLOSING_CREDIT = re.compile(rf"(?:^|[—–-]\s*|\bsource:\s*|^by\s+)(?P<agency>{_NAMES})\.?\s*$", re.IGNORECASE)
CONTRIBUTED = re.compile(
    rf"\b(?P<agency>{_NAMES})\b(?:\s+(?:writers?|reporters?|correspondents?))?\s+contributed\b", re.IGNORECASE
)
REUTERS_SIGNATURE = re.compile(r"\(?\s*Reporting by [^;)]{2,80};[^)]{0,120}Editing by", re.IGNORECASE)
CASE_SENSITIVE_SHORT = {"ap", "pa", "cp", "ani", "efe", "upi", "afp", "aap", "pti"}  # "ap" is no word


@dataclass(frozen=True)
class Credit:
    """An agency credited in an article: as its author ("wire") or as a contributor."""

    agency: str
    kind: str  # "wire" | "contributed"
    text: str  # the line as written


def agency_name(written: str) -> str | None:
    """The family name of an agency as written, or None; short names count only in capitals."""
    key = " ".join(written.lower().split())
    if key in CASE_SENSITIVE_SHORT and written != written.upper():
        return None
    return AGENCIES.get(key)


def agency_credits(article: Article) -> tuple[Credit, ...]:
    """Agencies the article credits, from its byline, dateline and credit lines (see module docstring)."""
    found: list[Credit] = []
    lines = [article.byline or "", *(p.strip() for p in article.paragraphs), *article.removed]
    if article.byline and (name := agency_name(re.sub(r"^by\s+", "", article.byline.strip(), flags=re.I))):
        found.append(Credit(name, "wire", article.byline))
    for line in lines[1:]:
        head, tail = line[:160], line[-80:]
        for match in BRACKET_CREDIT.finditer(head):
            if name := agency_name(match.group("agency")):
                found.append(Credit(name, "wire", match.group()))
        for part in (tail, line if len(line) < 60 else ""):
            closing = CLOSING_CREDIT.search(part)
            if closing and (name := agency_name(closing.group("agency"))):
                found.append(Credit(name, "wire", part.strip()))
                break
        for match in CONTRIBUTED.finditer(line):
            if name := agency_name(match.group("agency")):
                found.append(Credit(name, "contributed", match.group()))
        if REUTERS_SIGNATURE.search(line):
            found.append(Credit("Reuters", "wire", line.strip()[:120]))
    unique: dict[tuple[str, str], Credit] = {}
    for credit in found:
        unique.setdefault((credit.agency, credit.kind), credit)
    return tuple(unique.values())


def unquoted_shingles(article: Article, mentions: ArticleMentions | None) -> frozenset[str]:
    """The body's word 5-grams outside quotations (quotes found by extraction, else by marks)."""
    body = article.body
    quoted = [(q.start, q.end) for q in mentions.quotes] if mentions is not None else []
    if mentions is None:
        quoted = [(m.start(), m.end()) for m in re.finditer(r"[“\"][^”\"\n]{8,}[”\"]", body)]
    keep = [t.norm for t in tokenize(body) if not any(s <= t.start < e for s, e in quoted)]
    return frozenset(shingles(keep, SHINGLE_WORDS)) if len(keep) >= SHINGLE_WORDS else frozenset()


def squashed_outlet(name: str) -> str:
    """An outlet's name or web host as letters only: "N.Y. Daily News", "www.nydailynews.com" ->
    "nydailynews"."""
    name = re.sub(r"^(?:https?://)?(?:www\.)?", "", name.strip().lower())
    name = re.sub(r"\.(?:com|co\.uk|co\.nz|com\.au|net|org|tv|fr|de)$", "", name)
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[^a-z0-9]+", "", name)


def outlet_credits(
    articles: Sequence[Article], mentions_of: Mapping[str, ArticleMentions]
) -> list[tuple[str, str, str]]:
    """(article, other article, citation as written) where the article cites the other's outlet."""
    outlets: dict[str, list[str]] = {}
    for article in articles:
        if article.outlet and (key := squashed_outlet(article.outlet)):
            outlets.setdefault(key, []).append(article.id)
    found = []
    for article in articles:
        mentions = mentions_of.get(article.id)
        own = squashed_outlet(article.outlet or "")
        for citation in mentions.citations if mentions else ():
            key = squashed_outlet(citation.source)
            if not key or key == own:
                continue
            for other in outlets.get(key, ()):
                found.append((article.id, other, citation.text))
    return found


class _Union:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_families(
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions] = (),
    copies: Sequence[CopyLink] = (),
) -> tuple[SourceFamily, ...]:
    """The story's articles grouped into source families, largest first, with the evidence."""
    ids = [a.id for a in articles]
    by_id = {a.id: a for a in articles}
    if not ids:
        return ()
    union = _Union(ids)
    evidence: dict[str, list[FamilyEvidence]] = {i: [] for i in ids}
    for link in copies:
        if link.article_id in by_id and link.copy_of in by_id:
            union.union(link.article_id, link.copy_of)
            share = f"{round(100 * link.containment)}% of its text"
            detail = f"{link.kind} copy of {link.copy_of} ({share} stands in it)"
            evidence[link.article_id].append(
                FamilyEvidence(link.article_id, "copy", detail, link.copy_of, link.shared_passages)
            )
    linked = {(link.article_id, link.copy_of) for link in copies}
    mentions_of = {m.article_id: m for m in mentions}
    grams = {i: unquoted_shingles(by_id[i], mentions_of.get(i)) for i in ids}
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            if (a, b) in linked or (b, a) in linked:
                continue
            shared = len(grams[a] & grams[b])
            smaller = min(len(grams[a]), len(grams[b]))
            if shared < MIN_SHARED_SHINGLES or not smaller or shared / smaller < FAMILY_SHARE:
                continue
            union.union(a, b)
            short, long_ = (a, b) if len(grams[a]) <= len(grams[b]) else (b, a)
            passages = shared_passages(prepare(by_id[short]), prepare(by_id[long_]))
            detail = f"shares {round(100 * shared / smaller)}% of its passages with {long_}"
            evidence[short].append(FamilyEvidence(short, "shared_passages", detail, long_, passages))
    for a, b, credit_text in outlet_credits(articles, mentions_of):
        if union.find(a) != union.find(b) and len(grams[a] & grams[b]) >= MIN_SHARED_SHINGLES:
            union.union(a, b)
            detail = (
                f"credits {b}'s outlet ({credit_text}) and shares {len(grams[a] & grams[b])} passages with it"
            )
            evidence[a].append(FamilyEvidence(a, "outlet_credit", detail, b))
    for i in ids:
        for cited in mentions_of[i].citations if i in mentions_of else ():
            if name := agency_name(cited.source) or agency_name(cited.source.removeprefix("The ")):
                evidence[i].append(FamilyEvidence(i, "agency_cited", f"cites {name}: {cited.text}"))
    credits = {i: agency_credits(by_id[i]) for i in ids}
    first_wire: dict[str, str] = {}
    for i in ids:
        for credit in credits[i]:
            kind: Literal["agency_credit", "agency_contributed"] = (
                "agency_credit" if credit.kind == "wire" else "agency_contributed"
            )
            evidence[i].append(FamilyEvidence(i, kind, f"credit line: {credit.text}"))
            if credit.kind == "wire":
                if credit.agency in first_wire:
                    union.union(i, first_wire[credit.agency])
                else:
                    first_wire[credit.agency] = i
    members: dict[str, list[str]] = {}
    for i in ids:
        members.setdefault(union.find(i), []).append(i)
    groups = sorted(members.values(), key=lambda m: (-len(m), ids.index(m[0])))
    return tuple(
        build_family(f"family-{n}", group, by_id, credits, copies, evidence)
        for n, group in enumerate(groups, start=1)
    )


def build_family(
    family_id: str,
    group: Sequence[str],
    by_id: Mapping[str, Article],
    credits: Mapping[str, tuple[Credit, ...]],
    copies: Sequence[CopyLink],
    evidence: Mapping[str, list[FamilyEvidence]],
) -> SourceFamily:
    wire = [c.agency for i in group for c in credits[i] if c.kind == "wire"]
    helped = [c.agency for i in group for c in credits[i] if c.kind == "contributed"]
    cited = [
        e.detail.split(":")[0].removeprefix("cites ")
        for i in group
        for e in evidence[i]
        if e.kind == "agency_cited"
    ]
    agency = wire[0] if wire else ((helped or cited)[0] if (helped or cited) and len(group) > 1 else None)
    links = [e for i in group for e in evidence[i] if e.kind in ("copy", "shared_passages") and e.other]
    original = family_original(group, by_id, agency, copies, links)
    if len(group) == 1:
        name = f"{reader_label(by_id[group[0]])}: own report"
        if agency and wire:
            name = f"{agency} family: 1 article"
    else:
        lead = agency or (reader_label(by_id[original]) if original else None)
        name = f"{lead} family: {len(group)} articles" if lead else f"family of {len(group)} articles"
    return SourceFamily(
        id=family_id,
        name=name,
        article_ids=tuple(group),
        original=original,
        agency=agency,
        evidence=tuple(e for i in group for e in evidence[i]),
    )


def reader_label(article: Article, words: int = 8) -> str:
    """An article as a reader knows it: its outlet, else its headline (cut short), else its id."""
    if article.outlet:
        return article.outlet
    if article.headline:
        cut = article.headline.split()
        return " ".join(cut[:words]) + (" …" if len(cut) > words else "")
    return article.id


def family_original(
    group: Sequence[str],
    by_id: Mapping[str, Article],
    agency: str | None,
    copies: Sequence[CopyLink],
    links: Sequence[FamilyEvidence] = (),
) -> str | None:
    """The agency's own copy, else the one root of the family's copy links, else the strictly
    earliest published member, else the hub every other member shares text with; None when it
    cannot be told (one article is its own original)."""
    if len(group) == 1:
        return group[0]
    members = set(group)
    if agency:
        own = [i for i in group if agency_name(by_id[i].outlet or "") == agency]
        if len(own) == 1:
            return own[0]
    roots = {c.copy_of for c in copies if c.article_id in members and c.copy_of in members}
    copied = {c.article_id for c in copies if c.article_id in members and c.copy_of in members}
    if len(roots - copied) == 1 and len(copied) == len(group) - 1:
        return next(iter(roots - copied))
    dated = sorted((published, i) for i in group if (published := by_id[i].published))
    if len(dated) == len(group) and dated[0][0] < dated[1][0]:
        return dated[0][1]
    neighbours: dict[str, set[str]] = {i: set() for i in group}
    for link in links:
        if link.other in neighbours:
            neighbours[link.article_id].add(link.other)
            neighbours[link.other].add(link.article_id)
    hubs = [i for i in group if len(neighbours[i]) == len(group) - 1]
    if len(hubs) == 1:
        return hubs[0]
    cited_most = sorted(((sum(link.other == i for link in links), i) for i in hubs), reverse=True)
    if len(cited_most) > 1 and cited_most[0][0] > cited_most[1][0]:
        return cited_most[0][1]
    return None


def family_of(families: Sequence[SourceFamily]) -> dict[str, SourceFamily]:
    """Article id -> its family."""
    return {article_id: family for family in families for article_id in family.article_ids}
