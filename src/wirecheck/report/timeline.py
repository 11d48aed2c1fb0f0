"""Timeline: dated events per story from the resolved time expressions.

Public entry: ``build_timeline(articles, mentions) -> list[TimelineEntry]``.

Every resolved date reference (``TimeRef.kind == "date"``) is a candidate event: the
clause it dates ("the war began on February 24, 2022") with its content words.  Candidates
on the same date whose content words overlap enough (weighted by how rare each word is in
the story, so "Ukraine" counts for little and "Coalition" for much) are one event, cited by
every article that places it there.  When one event is dated differently by different
outlets (talks "on Sunday" in one, "November 24" in another), each entry lists the other
dates in ``conflicts``.  Datelines ("Geneva, November 28, 2025") are not events.
"""

from __future__ import annotations

import bisect
import datetime
import heapq
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from wirecheck.extract.lexicon import REPORTING_VERBS
from wirecheck.model import Article, ArticleMentions, TimelineEntry, TimeRef
from wirecheck.settings import DEFAULT_SETTINGS, Settings

SAME_EVENT = 0.33  # weighted overlap of content words for one event on one date
SAME_EVENT_OTHER_DATE = 0.55  # stricter: the same event dated differently by another outlet
MIN_SHARED_WORDS = 2
MIN_AVERAGE_LINK = 0.15
MAX_TEXT = 180
GRANULARITY_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3, "part_of_day": 4}

# words that name the same kind of event, folded so "barrage" meets "strikes" and "talks" meets "meeting"
EVENT_FAMILIES = {
    "attack": {"attack", "strike", "barrage", "bombing", "bomb", "shell", "shelling", "pound", "batter", "hit",
               "launch", "unleash", "raid", "assault", "offensive", "missile", "drone", "bombard"},
    "talks": {"talk", "talks", "meet", "meeting", "negotiation", "negotiate", "discussion", "discuss",
              "summit", "conversation", "round", "consultation", "gathering"},
    "kill": {"kill", "die", "death", "dead", "perish", "murder", "fatality", "slaughter"},
    "injure": {"injure", "wound", "injury", "hurt"},
    "call": {"call", "video", "conference", "phone"},
    "quake": {"earthquake", "quake", "tremor", "seismic", "aftershock"},
    "fire": {"fire", "blaze", "flame", "inferno", "burn"},
    "crash": {"crash", "derail", "derailment", "collision", "collide", "accident"},
    "flood": {"flood", "flooding", "deluge"},
    "storm": {"storm", "hurricane", "typhoon", "cyclone", "tornado"},
    "shut": {"close", "closure", "shut", "halt", "suspend", "ground"},
    "resume": {"reopen", "resume", "restart", "restore"},
    "person": {"people", "person", "individual", "resident", "civilian", "inhabitant"},
}  # fmt: skip
EVENT_NOUNS = {"attack", "quake", "fire", "crash", "flood", "storm"}  # one of these alone names an event
FAMILY_OF = {word: family for family, words in EVENT_FAMILIES.items() for word in words}
STOP_WORDS = {
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "that", "this",
    "was", "were", "is", "are", "be", "been", "has", "have", "had", "it", "its", "as", "but", "not", "said",
    "says", "say", "told", "according", "also", "after", "before", "while", "which", "who", "would", "will",
    "more", "than", "their", "they", "he", "she", "his", "her", "we", "our", "about", "into", "over",
}  # fmt: skip
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tomorrow", "overnight", "night", "week", "weekend", "month", "year", "morning", "evening", "late",
    "early", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "last", "next", "later", "earlier",
}  # fmt: skip


@dataclass
class Candidate:
    article_id: str
    ref: TimeRef
    words: frozenset[str]
    text: str
    names: frozenset[str] = frozenset()  # the words that are names: "genev", "drisc" weigh double


@dataclass
class Cluster:
    date: str
    granularity: str
    members: list[Candidate] = field(default_factory=list)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.article_id for m in self.members))


def build_timeline(
    articles: Sequence[Article],
    mentions: Sequence[ArticleMentions],
    settings: Settings = DEFAULT_SETTINGS,
) -> list[TimelineEntry]:
    """Dated events of one story, oldest first, each with the articles that place it on that date."""
    by_id = {a.id: a for a in articles}
    candidates = [
        candidate
        for m in mentions
        for ref in m.times
        if (candidate := make_candidate(m.article_id, ref, by_id.get(m.article_id))) is not None
    ]
    # one clause dated twice ("on Tuesday ... overnight") is one candidate
    candidates = list({(c.article_id, c.ref.date, c.text): c for c in reversed(candidates)}.values())[::-1]
    weights = word_weights(candidates)
    clusters = cluster_by_date(candidates, weights)
    # a lone line inside someone's quotation ("indications today") is talk, not a dated event
    clusters = [c for c in clusters if len(c.members) > 1 or not is_quoted(c.members[0])]
    conflicts = other_dates(clusters, weights, settings.timeline_conflict_window_days)
    entries = []
    for index in sorted(
        range(len(clusters)),
        key=lambda n: (clusters[n].date, GRANULARITY_ORDER.get(clusters[n].granularity, 9)),
    ):
        cluster = clusters[index]
        entries.append(
            TimelineEntry(
                date=cluster.date,
                text=representative_text(cluster, weights),
                article_ids=cluster.article_ids,
                granularity=cluster.granularity,
                conflicts=conflicts[index],
            )
        )
    return entries


# --------------------------------------------------------------------------- candidates


def make_candidate(article_id: str, ref: TimeRef, article: Article | None) -> Candidate | None:
    if ref.kind != "date" or ref.date is None or ref.granularity == "duration":
        return None
    if article is not None and is_dateline(article.body, ref):
        return None
    if ref.granularity in {"month", "year"} and re.search(r"\bago\b", ref.text, re.IGNORECASE):
        return None  # "three years ago": a rough count back, not a dated event
    text = tidy(ref.event_text or ref.sentence)
    written = ref.event_words or crude_words(text)
    words = frozenset(w for w in (normalise(w) for w in written) if w and w not in TIME_WORDS)
    names = frozenset(normalise(w) for w in written if w[:1].isupper()) & words
    if len(words) < 2 and not words & EVENT_NOUNS:
        return None  # "indications today": nothing to say what happened ("Friday's earthquake" does)
    return Candidate(article_id, ref, words, text, names)


def is_dateline(body: str, ref: TimeRef) -> bool:
    """A date standing alone on a short line or leading the first line ("Geneva, November 28, 2025 -")."""
    if re.match(r"(?i)(?:on|in|since|until|by|from|for|during|over|after|before|at)\b", ref.text):
        return False
    line_start = body.rfind("\n", 0, ref.start) + 1
    line_end = body.find("\n", ref.end)
    line_end = len(body) if line_end == -1 else line_end
    before = body[line_start : ref.start].split()
    after = body[ref.end : line_end].split()
    if len(before) + len(after) <= 6:
        return True
    starts_text = not body[:line_start].strip() or ref.start < 300
    return starts_text and len(before) <= 2


LEADING_LINKS = re.compile(r"^(?:that|even as|as|while|who|which|when|where|and|but|so)\s+", re.IGNORECASE)


QUOTE_MARKS = ('"', "\u201c", "\u201d")


def tidy(text: str) -> str:
    """One line, no dangling "that"/"even as" in front, no unpaired quote mark, at most MAX_TEXT characters."""
    text = LEADING_LINKS.sub("", re.sub(r"\s+", " ", text).strip())
    if sum(text.count(q) for q in QUOTE_MARKS) % 2 == 1:
        text = text.strip("".join(QUOTE_MARKS) + " ")
        if sum(text.count(q) for q in QUOTE_MARKS) % 2 == 1:
            text = re.sub(r'[\u201c\u201d"]', "", text)
    text = text[:1].upper() + text[1:]
    if len(text) <= MAX_TEXT:
        return text
    cut = text[:MAX_TEXT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def crude_words(text: str) -> list[str]:
    """Content words when the extractor gave no lemmas: lower-case, stop words out."""
    return [w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in STOP_WORDS]


def normalise(word: str) -> str:
    """Fold a word so spellings of one idea meet: "strikes"/"barrage" -> attack; "Russian" ~ "Russia"."""
    word = word.lower().strip("'’-")
    if word in STOP_WORDS:
        return ""
    singular = word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word
    for candidate in (word, singular):
        if candidate in FAMILY_OF:
            return FAMILY_OF[candidate]
    return word[:5]  # crude stem: "russian"/"russia", "ukrainian"/"ukraine", "negotiators"/"negotiations"


# --------------------------------------------------------------------------- clustering


def word_weights(candidates: Sequence[Candidate]) -> dict[str, float]:
    """Rare words say more about which event is meant: inverse document frequency over the story;
    names (places, people, bodies) count double, since they pin an event down best."""
    count: dict[str, int] = {}
    for candidate in candidates:
        for word in candidate.words:
            count[word] = count.get(word, 0) + 1
    names = {w for c in candidates for w in c.names}
    total = max(len(candidates), 1)
    return {word: math.log(1 + total / n) * (2 if word in names else 1) for word, n in count.items()}


def similarity(
    a: frozenset[str], b: frozenset[str], weights: dict[str, float], hefts: tuple[float, float] | None = None
) -> float:
    """Weighted overlap of two content-word sets relative to the smaller one, 0..1; a single shared
    word is never enough (a short clause would otherwise join anything naming the same country).
    ``hefts``: the two sets' weights, when already summed (over these very sets)."""
    common = a & b
    if len(common) < min(MIN_SHARED_WORDS, len(a), len(b)):
        return 0.0
    shared = sum(weights.get(w, 1.0) for w in common)
    if hefts is None:
        hefts = (sum(weights.get(w, 1.0) for w in a), sum(weights.get(w, 1.0) for w in b))
    smaller = min(hefts)
    # rounded: the sums' last bits depend on set order, and equal scores must tie exactly
    return round(shared / smaller, 12) if smaller else 0.0


def close_similarity(a: frozenset[str], b: frozenset[str], weights: dict[str, float]) -> float:
    """:func:`similarity` when it is enough for one event (SAME_EVENT), else 0."""
    score = similarity(a, b, weights)
    return score if score >= SAME_EVENT else 0.0


def cluster_by_date(candidates: Sequence[Candidate], weights: dict[str, float]) -> list[Cluster]:
    """Agglomerative grouping of the candidates that share a date and granularity:
    the closest pair of groups joins first, until no pair is similar enough."""
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for candidate in candidates:
        assert candidate.ref.date is not None
        granularity = "day" if candidate.ref.granularity == "part_of_day" else candidate.ref.granularity
        groups.setdefault((candidate.ref.date, granularity), []).append(candidate)
    clusters: list[Cluster] = []
    for (date, group_granularity), members in groups.items():
        clusters.extend(Cluster(date, group_granularity, part) for part in merge_closest(members, weights))
    return clusters


def merge_closest(members: Sequence[Candidate], weights: dict[str, float]) -> list[list[Candidate]]:
    """Join the closest pair of groups (by :func:`linkage`) until none reaches SAME_EVENT.

    Near-linear in the clauses of one date: clauses worded alike (reprints, wire copy) start as
    one group (:func:`worded_alike`); only pairs that can be similar enough to join are scored,
    found through an index of each clause's rarer words (:func:`close_pairs`), so the common
    words of a story ("flood", the town's name) never make every pair a candidate; each group
    keeps, per neighbour, the highest and the summed similarity of their members (all a linkage
    needs), and a heap holds the links that can still merge.  Equal links merge in the order of
    the plain pairwise loop (the pair whose groups start latest first), so the result is the same
    as comparing every pair of groups after every merge; each group lists its clauses in order.
    """
    alike = worded_alike(members)
    sets = [members[indices[0]].words for indices in alike]
    first = [indices[0] for indices in alike]  # a group is known by its first clause
    size = {first[u]: len(indices) for u, indices in enumerate(alike)}
    parts: dict[int, list[int]] = {first[u]: list(indices) for u, indices in enumerate(alike)}
    # neighbour -> [highest, summed] similarity between the two groups' members
    links: dict[int, dict[int, list[float]]] = {i: {} for i in parts}
    heap: list[tuple[float, int, int]] = []
    for (u, v), score in close_pairs(sets, weights).items():
        i, j = first[u], first[v]
        link = [score, score * size[i] * size[j]]
        links[i][j] = link
        links[j][i] = link
        if group_link(link, size[i], size[j]) >= SAME_EVENT:
            heap.append((-score, -min(i, j), -max(i, j)))
    heapq.heapify(heap)
    while heap:
        negative, neg_i, neg_j = heapq.heappop(heap)
        i, j = -neg_i, -neg_j
        if i not in parts or j not in parts or group_link(links[i].get(j), size[i], size[j]) != -negative:
            continue  # a link of a group that has since merged or changed
        parts[i] += parts.pop(j)
        size[i] += size[j]
        del links[i][j]
        for k, (high, total) in links.pop(j).items():
            if k == i:
                continue
            del links[k][j]
            mine = links[i].setdefault(k, [0.0, 0.0])
            mine[0], mine[1] = max(mine[0], high), mine[1] + total
            links[k][i] = mine
            # only links that changed need a new entry: any other link of i keeps its highest
            # and its sum, so its entry stays right, or (the group grew) fails its check
            score = group_link(mine, size[i], size[k])
            if score >= SAME_EVENT:
                heapq.heappush(heap, (-score, -min(i, k), -max(i, k)))
    return [[members[n] for n in parts[i]] for i in sorted(parts)]


def worded_alike(members: Sequence[Candidate]) -> list[list[int]]:
    """Indices of the clauses with the same content words, in order of their first clause: each
    such set tells one thing in one wording, and starts as one group."""
    alike: dict[frozenset[str], list[int]] = {}
    for index, member in enumerate(members):
        alike.setdefault(member.words, []).append(index)
    return list(alike.values())


def close_pairs(sets: Sequence[frozenset[str]], weights: dict[str, float]) -> dict[tuple[int, int], float]:
    """Similarity of every pair of word sets close enough to join (at least SAME_EVENT); no other
    pair counts in a linkage.  Such a pair shares one of the lighter set's rarer words (its
    :func:`key_words`), so each set looks up only those in an index of all words, and the words
    every clause of a day shares are looked up only from sets made of little else."""
    having: dict[str, list[int]] = {}
    for index, words in enumerate(sets):
        for word in words:
            having.setdefault(word, []).append(index)
    heft = [sum(weights.get(w, 1.0) for w in words) for words in sets]
    pairs: dict[tuple[int, int], float] = {}
    for u, words in enumerate(sets):
        for word in key_words(words, weights):
            for v in having[word]:
                if (heft[v], v) <= (heft[u], u) or (u, v) in pairs:
                    continue  # each pair is found from its lighter set
                score = similarity(words, sets[v], weights, (heft[u], heft[v]))
                if score >= SAME_EVENT:
                    pairs[(u, v)] = score
    return {(min(u, v), max(u, v)): score for (u, v), score in pairs.items()}


def key_words(words: frozenset[str], weights: dict[str, float], close: float = SAME_EVENT) -> list[str]:
    """The rarest words of a set, as few as leave the rest (its commonest words) less than
    ``close`` of its weight: a set can be that close (:func:`similarity`) to a heavier one only
    by sharing one of them."""
    ranked = sorted(words, key=lambda w: (-weights.get(w, 1.0), w))
    rest = sum(weights.get(w, 1.0) for w in ranked)
    enough = close * rest * (1 - 1e-9)  # a hair lower: rounding must not drop a pair at the edge
    keys = []
    for word in ranked:
        if rest < enough:
            break
        keys.append(word)
        rest -= weights.get(word, 1.0)
    return keys


def group_link(link: list[float] | None, first_size: int, second_size: int) -> float:
    """:func:`linkage` from a pair of groups' highest and summed member similarity."""
    if link is None:
        return 0.0
    high, total = link
    return high if total / (first_size * second_size) >= MIN_AVERAGE_LINK else 0.0


def linkage(first: list[Candidate], second: list[Candidate], weights: dict[str, float]) -> float:
    """Single link (one close pair joins two groups, so "Friday's earthquake" gathers its reports),
    unless the groups are unrelated on average: that stops a chain from swallowing a whole day.
    Only pairs close enough to join count in the average (so the common words of a day, which
    make every pair a little alike, need not be compared: see :func:`close_pairs`)."""
    scores = [close_similarity(a.words, b.words, weights) for a in first for b in second]
    return max(scores) if sum(scores) / len(scores) >= MIN_AVERAGE_LINK else 0.0


def representative_text(cluster: Cluster, weights: dict[str, float]) -> str:
    """The line whose words most of the citing articles share (so it says what they have in common),
    preferring a fuller clause, one that names someone or somewhere, and the reporter's own words."""
    if len(cluster.members) == 1:
        return cluster.members[0].text
    articles = cluster.article_ids
    having: dict[str, set[str]] = {}  # word -> the articles using it, in one pass over the clauses
    for member in cluster.members:
        for word in member.words:
            having.setdefault(word, set()).add(member.article_id)

    def score(member: Candidate) -> float:
        coverage = sum(len(having[w]) for w in member.words) / (len(member.words) * len(articles))
        fullness = min(len(member.words), 6) / 6  # "Friday's earthquake" alone says too little
        named = 0.1 if member.names else 0.0
        return coverage * fullness + named - (0.3 if is_quoted(member) else 0.0)

    return max(cluster.members, key=lambda m: (score(m), -abs(len(m.text) - 110))).text


def is_quoted(member: Candidate) -> bool:
    """Words inside a quotation read badly as a timeline line: prefer the reporter's own."""
    before = member.ref.sentence[: max(member.ref.sentence.find(member.ref.text), 0)]
    return member.ref.sentence[:1] in QUOTE_MARKS or sum(before.count(q) for q in QUOTE_MARKS) % 2 == 1


def other_dates(
    clusters: Sequence[Cluster],
    weights: dict[str, float],
    window_days: int = DEFAULT_SETTINGS.timeline_conflict_window_days,
) -> list[tuple[tuple[str, tuple[str, ...]], ...]]:
    """For each cluster, where other articles date the same event differently: (other date,
    those articles).  Only clusters of the same granularity within ``window_days`` are
    looked at (clusters sorted by day), each cluster's articles and clauses are gathered once,
    and each pair of clusters is compared once (:func:`tells_same_event` is symmetric)."""
    articles = [frozenset(c.article_ids) for c in clusters]
    clauses = [unlike(c.members) for c in clusters]
    indexes: dict[int, Index] = {}
    told: dict[tuple[int, int], bool] = {}
    by_granularity: dict[str, list[tuple[int, int]]] = {}
    for index, cluster in enumerate(clusters):
        if cluster.granularity in {"day", "part_of_day"}:
            by_granularity.setdefault(cluster.granularity, []).append((day_number(cluster.date), index))
    found: list[list[tuple[str, tuple[str, ...]]]] = [[] for _ in clusters]
    for days in by_granularity.values():
        days.sort()
        ordinals = [day for day, _ in days]
        for day, index in days:
            low = bisect.bisect_left(ordinals, day - window_days)
            high = bisect.bisect_right(ordinals, day + window_days)
            for other_day, other in days[low:high]:
                if other_day == day or not articles[other] - articles[index]:
                    continue  # only articles already here: one article telling of several days, not a conflict
                pair = (min(index, other), max(index, other))
                if pair not in told:
                    for n in pair:
                        if n not in indexes:
                            indexes[n] = word_index(clauses[n])
                    told[pair] = tells_same_event(
                        clauses[index], clauses[other], weights, (indexes[index], indexes[other])
                    )
                if told[pair]:
                    found[index].append((clusters[other].date, clusters[other].article_ids))
    return [tuple(sorted(f)) for f in found]


def day_number(day: str) -> int:
    return datetime.date.fromisoformat(day).toordinal()


Index = dict[str, list[Candidate]]


def word_index(clauses: Sequence[Candidate]) -> Index:
    """The clauses having each word."""
    having: Index = {}
    for clause in clauses:
        for word in clause.words:
            having.setdefault(word, []).append(clause)
    return having


def tells_same_event(
    first: Sequence[Candidate],
    second: Sequence[Candidate],
    weights: dict[str, float],
    indexes: tuple[Index, Index] | None = None,
) -> bool:
    """Does any clause of ``first`` tell the same event as one of ``second`` (similar enough
    and :func:`same_event`)?  Such a pair shares one of its lighter clause's key words
    (:func:`key_words`), so each clause looks up only those in the other's index of words
    (``indexes``: those of ``first`` and ``second``, when already made); the first match ends
    the search.  Give clauses alike in words and event once (:func:`unlike`)."""
    first_index, second_index = indexes or (word_index(first), word_index(second))
    heft: dict[frozenset[str], float] = {}

    def weight_of(clause: Candidate) -> float:
        if clause.words not in heft:
            heft[clause.words] = sum(weights.get(w, 1.0) for w in clause.words)
        return heft[clause.words]

    for clauses, other_index in ((first, second_index), (second, first_index)):
        for a in clauses:
            seen: set[int] = set()
            for word in key_words(a.words, weights, SAME_EVENT_OTHER_DATE):
                for b in other_index.get(word, ()):
                    if id(b) in seen or weight_of(b) < weight_of(a):
                        continue  # the lighter clause of a pair finds it
                    seen.add(id(b))
                    if similarity(a.words, b.words, weights) >= SAME_EVENT_OTHER_DATE and same_event(
                        a.ref, b.ref
                    ):
                        return True
    return False


def unlike(members: Sequence[Candidate]) -> list[Candidate]:
    """One clause per distinct (words, event) as :func:`same_event` tells events apart."""
    kept: dict[tuple[frozenset[str], str | None, bool], Candidate] = {}
    for m in members:
        verb = m.ref.event_verb.split()[0] if m.ref.event_verb else None
        kept.setdefault((m.words, verb, named_by_noun(m.ref)), m)
    return list(kept.values())


def same_event(a: TimeRef, b: TimeRef) -> bool:
    """Could two dated clauses tell of one event?  Outlets word one event with different verbs
    ("the strike began" / "crews walked out"), so only clear mismatches say no: a report against
    a happening ("said on Friday" / "met on Thursday"), or an event named by a noun ("Friday's
    earthquake") against a clause about something else ("the toll climbed on Saturday")."""
    if not a.event_verb or not b.event_verb:
        return True  # no structure to go by: the words decide
    verb_a, verb_b = a.event_verb.split()[0], b.event_verb.split()[0]
    if verb_a == verb_b:
        return True
    if (verb_a in REPORTING_VERBS) != (verb_b in REPORTING_VERBS):
        return False
    return not (named_by_noun(a) or named_by_noun(b))


def named_by_noun(ref: TimeRef) -> bool:
    return ref.event_phrase is None and not ref.event_subject
