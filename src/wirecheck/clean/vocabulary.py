"""The generic words of page furniture: menus, share bars, comment forms, credits.

These lists name what *any* news or blog template prints around an article, in
the languages most common in our inputs (English, German, French, Spanish).
They are matched against whole short lines after :func:`line_key`, never
against sentences inside paragraphs, so an article that talks about "sharing"
or "comments" keeps its text.  Nothing here comes from a particular site.
"""

from __future__ import annotations

import re
import unicodedata

# A whole line equal to one of these is navigation, sharing or account furniture.
FURNITURE_LINES: frozenset[str] = frozenset(
    """
    home|homepage|menu|main menu|navigation|toggle navigation|open menu|close menu|close|open|search|
    search for|skip to content|skip to main content|skip to navigation|jump to|back|back to top|top|
    share|share this|share this article|share this story|share this post|share article|shares|
    share on facebook|share on twitter|share on x|share on linkedin|share on whatsapp|share via email|
    tweet|facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|tumblr|telegram|instagram|youtube|
    tiktok|flipboard|xing|email|e-mail|mail|print|copy|copy link|copy url|link copied|permalink|
    subscribe|subscribe now|unsubscribe|sign in|sign up|sign out|log in|login|log out|logout|register|
    my account|account|profile|newsletter|newsletters|donate|support us|advertisement|advertising|ad|
    ads|sponsored|sponsored content|paid content|partner content|read more|read full story|continue reading|
    more|show more|load more|see more|view more|see all|view all|more news|next|previous|prev|
    next article|previous article|next post|previous post|older posts|newer posts|page|
    tags|tag|topics|categories|category|filed under|posted in|comment|comments|reply|schlagworte|schlagwörter|
    leave a reply|leave a comment|post a comment|add a comment|cancel reply|write a comment|
    accept|accept all|reject|reject all|ok|got it|agree|i agree|manage cookies|cookie settings|
    privacy|privacy policy|cookie policy|terms|terms of use|terms of service|terms and conditions|
    contact|contact us|about|about us|imprint|legal|legal notice|sitemap|rss|rss feed|faq|help|
    careers|jobs|advertise|advertise with us|press|editorial standards|corrections|
    listen|listen to this article|play|pause|watch|video|photos|gallery|image|photo|loading|
    startseite|suche|teilen|drucken|anmelden|abmelden|registrieren|werbung|anzeige|mehr|weiterlesen|
    mehr lesen|zurück|weiter|kommentare|kommentar|impressum|datenschutz|kontakt|nach oben|
    accueil|rechercher|partager|imprimer|connexion|s'abonner|publicité|lire la suite|
    commentaires|mentions légales|inicio|buscar|compartir|imprimir|suscríbete|publicidad|
    leer más|comentarios|aviso legal|
    order now|buy now|shop now|jetzt bestellen|bestellen|buch bestellen|jetzt kaufen|kaufen|acheter|comprar|
    advertising disclosure|affiliate disclosure|disclosure|transparenzhinweis
    """.replace("\n", "")
    .replace("    ", "")
    .split("|")
)

# Buttons of a share/print bar: furniture that articles also print between paragraphs.
SHARE_LINES: frozenset[str] = frozenset(
    """
    share|share this|share this article|share this story|share this post|share article|shares|
    share on facebook|share on twitter|share on x|share on linkedin|share on whatsapp|share via email|
    tweet|facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|tumblr|telegram|flipboard|xing|
    email|e-mail|mail|print|copy|copy link|copy url|link copied|permalink|
    teilen|drucken|artikel teilen|link kopieren|partager|imprimer|compartir|imprimir
    """.replace("\n", "")
    .replace("    ", "")
    .split("|")
)

# A short line containing one of these is template text, not reporting.
FURNITURE_PHRASES: tuple[str, ...] = (
    "your email address will not be published",
    "required fields are marked",
    "save my name, email",
    "e-mail-adresse wird nicht veröffentlicht",
    "erforderliche felder sind",
    "adresse e-mail ne sera pas publiée",
    "adresse de messagerie ne sera pas publiée",
    "correo electrónico no será publicada",
    "comments are moderated",
    "reader comments",
    "comment policy",
    "you must be logged in to post",
    "this site uses akismet",
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "sign up to our newsletter",
    "newsletter abonnieren",
    "follow us on",
    "folgen sie uns",
    "click here to",
    "enable javascript",
    "javascript is disabled",
    "javascript must be enabled",
    "your browser does not support",
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "cookies to improve",
    "wir verwenden cookies",
    "diese website verwendet cookies",
    "share this article",
    "share on facebook",
    "share on twitter",
    "sharing is caring",
    "like this:",
    "notify me of",
    "posted by",
    "powered by",
    "log in to comment",
    "to continue reading",
    "already a subscriber",
    "already have an account",
    "create an account",
    "skip to content",
    "back to top",
    "read more:",
    "weiterlesen",
    # WordPress and similar blog templates: share prompt, post footer, comment feed
    "teilen sie dies mit",
    "share this:",
    "filed under",
    "abgelegt unter",
    "comments and pings",
    "kommentare und pings",
    "responses to this entry",
    "rss 2.0 feed",
    # comment-section rules
    "comments are civil",
    "keep comments civil",
    # advertising and affiliate disclosures
    "enthält werbung",
    "contains affiliate links",
    "enthält affiliate-links",
    "sponsored post",
    "this post contains",
)

# Short lines that open the comment section: the article never continues after them.
COMMENT_SECTION_LINES: tuple[str, ...] = (
    "leave a reply", "leave a comment", "post a comment", "add a comment", "add comment", "write a comment",
    "comments", "comment", "responses", "discussion", "join the discussion", "join the conversation",
    "kommentare", "kommentar schreiben", "kommentar verfassen", "diskussion", "hinterlasse einen kommentar",
    "schreibe einen kommentar", "kommentar hinterlassen",
    "commentaires", "laisser un commentaire", "réagir", "vos réactions",
    "comentarios", "deja un comentario", "deja tu comentario",
)  # fmt: skip

# Short lines that open related-link, most-read or author boxes: usually after the article,
# sometimes inside it, so they weigh against what follows without walling it off.
RELATED_LINKS_LINES: tuple[str, ...] = (
    "related", "related articles", "related posts", "related stories", "related news", "related content",
    "related coverage", "related topics", "you may also like", "you might also like", "you may be interested in",
    "recommended", "recommended for you", "recommended stories", "recommended articles", "more from",
    "more stories", "more news", "more on this story", "more articles", "more in", "most read", "most popular",
    "temas relacionados", "últimas noticias", "lo último", "dernières actualités", "derniers articles",
    "weitere nachrichten", "neueste beiträge",
    "most viewed", "most shared", "popular posts", "popular articles", "trending", "trending now",
    "latest news", "latest stories", "latest articles", "latest posts", "recent posts", "read next",
    "what to read next", "further reading", "about the author", "editor's pick", "editors' picks",
    "das könnte sie interessieren", "zur person", "über den autor", "über die autorin", "autor:innen",
    "à propos de l'auteur", "sobre el autor",
    "ähnliche artikel", "ähnliche beiträge", "mehr zum thema", "das könnte sie auch interessieren",
    "das könnte dich auch interessieren", "weitere artikel", "neueste artikel", "meistgelesen",
    "meistgelesene artikel", "auch interessant", "empfehlungen", "empfehlungen aus der redaktion",
    "noch mehr infos für dich", "verwandte artikel", "mehr vom autor", "weitere beiträge", "à lire aussi", "articles similaires", "sur le même sujet", "en ce moment",
    "dans la même rubrique", "noticias relacionadas", "te puede interesar", "lo más leído", "otras noticias",
    "más noticias", "también te puede interesar",
)  # fmt: skip

# A line opening with one of these (then ":" or "/") is a picture credit or caption source.
CREDIT_LABELS: tuple[str, ...] = (
    "credit",
    "credits",
    "photo",
    "photos",
    "photograph",
    "image",
    "images",
    "picture",
    "pictures",
    "illustration",
    "source",
    "foto",
    "fotos",
    "bild",
    "bilder",
    "quelle",
    "bildquelle",
    "titelbild",
    "fotocredit",
    "crédit",
    "crédits",
    "imagen",
    "fuente",
)
CREDIT_MARKERS = re.compile(
    r"(?i)(\b(?:ap|afp|reuters|getty|epa|dpa|anadolu|ansa|xinhua)\s*(?:photo|images?|/)"
    r"|getty images|shutterstock|istock|\bphoto\s*by\b|\bfoto:\s|©|\(c\)\s)"
)

# A caption ends with its picture credit in brackets: "... in Geneva (REUTERS/Jane Doe)", "(Foto: dpa)".
_BRACKETED_CREDIT = re.compile(
    r"(?i)\((?:[^()]{0,40}/\s*)?(?:ap|afp|reuters|efe|dpa|epa|getty images|xinhua|ansa|europa press|anadolu"
    r"|photo|foto|bild|bildquelle|quelle|image|imagen|crédito|credit)\b[^()]{0,50}\)\s*$"
)
CAPTION_MAX_WORDS = 40
# A photographer and an agency or site, nothing else: "Jane Miller/Valley Press", "Tom Hale / example.org".
_NAME_SLASH_SOURCE = re.compile(r"^[A-ZÀ-Þ][\w'’.-]+(?:\s[A-ZÀ-Þ][\w'’.-]+){1,3}\s?/\s?\S.{0,40}$")
TERMINAL_MARKS = (".", "!", "?", ":")
_SPACES = re.compile(r"\s+")
_EDGE_JUNK = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def line_key(line: str) -> str:
    """Lower-case, NFKC, spacing squeezed, edge punctuation/counts dropped: "Comments (12)" -> "comments"."""
    text = unicodedata.normalize("NFKC", line).replace("’", "'").lower()
    text = _EDGE_JUNK.sub("", _SPACES.sub(" ", text).strip())
    return text


def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"^(?:" + "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)) + r")(?: .{0,25})?$"
    )


_COMMENT_MARKER = _marker_pattern(COMMENT_SECTION_LINES)
_RELATED_MARKER = _marker_pattern(RELATED_LINKS_LINES)
_FURNITURE_PHRASE = re.compile("|".join(re.escape(p) for p in FURNITURE_PHRASES))
# Calls to action that, on a short line, are a subscription box or share prompt, not reporting.
_CALL_TO_ACTION = re.compile(
    r"\b(?:subscribe|newsletter|sign up|email updates|your inbox|follow us|share this|download (?:our|the)(?: \w+)? apps?"
    r"|get (?:regular |the latest )?updates"
    r"|get the latest|latest news straight|stay up to date|stay on top of|did you (?:like|enjoy) this"
    r"|abonnieren|abonnement|jetzt teilen|mit freunden teilen|artikel teilen|gefällt (?:ihnen|dir) (?:dieser|der) artikel"
    r"|s'abonner|abonnez-vous|suscríbete)\b"
)
# A labelled legal notice of the site ("Disclaimer: ..."): template text around any article.
_LEGAL_LABEL = re.compile(
    r"^(?:disclaimer|legal disclaimer|haftungsausschluss|avertissement|clause de non-responsabilité"
    r"|descargo de responsabilidad|aviso legal)\s*(?:\([^()]{0,80}\))?\s*[:.–—-]"
)
_COMMENT_COUNT = re.compile(r"^\d+\s+(?:comments?|responses?|replies|kommentare|commentaires|comentarios)$")


def is_share_button(line: str, key: str | None = None) -> bool:
    return (line_key(line) if key is None else key) in SHARE_LINES


def is_furniture(line: str, key: str | None = None) -> bool:
    key = line_key(line) if key is None else key
    if key in FURNITURE_LINES:
        return True
    if len(line) <= 400 and _LEGAL_LABEL.match(key):
        return True
    if len(key) <= 90 and _CALL_TO_ACTION.search(key):
        return True
    return len(line) <= 200 and bool(_FURNITURE_PHRASE.search(line.lower()))


def opens_comments(line: str, key: str | None = None) -> bool:
    key = line_key(line) if key is None else key
    if not key or len(key) > 40:
        return False
    return bool(_COMMENT_MARKER.match(key) or _COMMENT_COUNT.match(line.strip().lower()))


def opens_related_links(line: str, key: str | None = None) -> bool:
    key = line_key(line) if key is None else key
    return bool(key) and len(key) <= 40 and bool(_RELATED_MARKER.match(key))


def is_credit(line: str) -> bool:
    """A picture credit: "Photo: ...", "Photo credit: ...", "Image source / ...", "(c) ...", "Getty Images"."""
    if len(line) > 200:
        return False
    label = line_key(line.split(":", 1)[0].split("/", 1)[0]).split()
    if (":" in line or "/" in line) and 0 < len(label) <= 3 and all(w in CREDIT_LABELS for w in label):
        return True
    if (
        len(line.split()) <= 8
        and _NAME_SLASH_SOURCE.match(line)
        and not line.rstrip().endswith(TERMINAL_MARKS)
    ):
        return True
    if len(line.split()) <= CAPTION_MAX_WORDS and _BRACKETED_CREDIT.search(line):
        return True  # a caption with its credit
    return bool(CREDIT_MARKERS.search(line)) and len(line.split()) <= 25
