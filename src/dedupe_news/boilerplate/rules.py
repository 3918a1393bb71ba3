"""Phrase rule families: site widgets recognised by their wording.

Each :class:`Family` names one kind of widget (newsletter prompts, share bars,
cookie notices, ...) and holds up to two patterns:

* ``line`` — a whole line that *is* the widget ("Share This Article",
  "Print E-mail Bookmark and Share", "#FFFFFF"). Python's regex engines scan
  big alternations slowly, so each line is reduced to a key (lower case,
  bullets and edge punctuation stripped) and a pattern is only tried when the
  key's first word is one the family's lines start with (``starts``;
  :data:`DISPATCH` maps first words to families); see :func:`line_family`.
* ``phrase`` — wording that marks a longer line as the widget ("delivered
  straight to your inbox", "we use cookies"). Free-text phrase search is slow,
  so a phrase is only tried on lines holding one of the family's ``triggers``
  (word stems found with ``str.find``), and it removes a line only
  up to ``max_words`` words (``max_words_multi`` when two different phrases of
  the family hit): a long paragraph that merely quotes "subscribe" stays.

Three span rules cut widget text glued to content: an agency end marker after
the last sentence ("... it said. Enditem"), an image label glued to a headline
("article imageAmazon workers ...") and widget words glued to a dateline
("0 Comment(s)Print E-mail Xinhua, July 16, 2019").

Besides widgets, two families catch notes that are not article text either:
page code left by the scraper (lines of HTML tags with attributes, HTML
conditional comments, tag-manager and SEO-plugin comments: ``markup``) and legal, financial or medical disclaimers
(``disclaimer``, which needs two of its phrases on lines over 12 words).

Patterns are English first, with a few cheap Spanish, French and German
equivalents. Everything is compiled once at import; nothing mutable is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import regex

__all__ = [
    "Family",
    "SpanRule",
    "FAMILIES",
    "FAMILY_NAMES",
    "SPAN_RULES",
    "SPAN_STARTS",
    "SPAN_ENDS",
    "DISPATCH",
    "SECTION_HEADERS",
    "SECTION_STARTS",
    "MAX_LINE_CHARS",
    "EDGE_CHARS",
    "FIRST_WORD_GATE",
    "FIRST_WORD_SPAN",
    "QUOTE_CHARS",
    "PHRASE_RES",
    "line_key",
    "line_family",
    "may_be_widget",
    "may_start_section",
]


@dataclass(frozen=True)
class Family:
    """One named family of widget wording.

    Attributes:
        name: short name; the rule id is ``"boilerplate." + name``.
        reason: one sentence explaining a removal.
        line: regex source that must match the whole line key (see
            :func:`line_key`: lower case, edge bullets and punctuation stripped).
        starts: first words of the key for which ``line`` is tried;
            ``"<digit>"`` stands for any key starting with a digit,
            ``"<symbol>"`` for one starting with neither letter nor digit.
        phrase: regex source for widget wording inside a longer line.
        triggers: case-sensitive stems (usually a word without its first letter, so
            "Newsletter" and "newsletter" both hold "ewsletter"; a stem starting
            with ``"\n"`` matches at line starts only); ``phrase`` is tried only
            on lines holding one. Few and rare stems keep the stage fast.
        max_words: a single phrase hit removes lines of at most this many words.
        max_words_multi: two or more distinct hits remove lines up to this size.
    """

    name: str
    reason: str
    line: str = ""
    starts: tuple[str, ...] = ()
    phrase: str = ""
    triggers: tuple[str, ...] = ()
    max_words: int = 40
    max_words_multi: int = 0

    @property
    def rule(self) -> str:
        """The rule id reported in changes and labels."""
        return "boilerplate." + self.name


@dataclass(frozen=True)
class SpanRule:
    """A widget span glued to content inside a line.

    Attributes:
        name: rule name; the rule id is ``"boilerplate." + name``.
        reason: one sentence explaining the cut.
        pattern: compiled regex searched in a line; group 1 is the span to cut.
        starts: the rule is tried on lines starting with one of these
            (case-sensitive) ...
        ends: ... or ending with one of these.
        needs: case-sensitive strings one of which every match of
            ``pattern`` contains; lines holding none skip the pattern
            (empty: no such test).
    """

    name: str
    reason: str
    pattern: regex.Pattern[str]
    starts: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()

    @property
    def rule(self) -> str:
        """The rule id reported in changes and labels."""
        return "boilerplate." + self.name


_SEP = r"(?:\s*[|·•/,]\s*|\s+(?:and|&)\s+|\s*)"

_SHARE_TOKEN = (
    r"(?:share(?: (?:this|the))?(?: (?:article|story|post|page|video|gallery))?(?: on| via| to)?"
    r"|click to (?:share on \S+|e-?mail a link to a friend|e-?mail|print)(?: \(opens in new window\))?(?: \S+)?"
    r"|share this (?:resource|recipe|guide|list|content)|share post on|shares?|like loading|(?:share|post)(?: (?:this|the) (?:article|story|post|page))? (?:on|to|via|by) (?:facebook|twitter|x|linkedin|whatsapp|e-?mail)"
    r"|tweet(?: this)?|pin(?: it| this)?(?: for later)?|print(?: this)?(?: (?:article|page|story))?"
    r"|send(?: via| by)? e-?mail|close share"
    r"|e-?mail(?: this)?(?: (?:article|page|story|link))?|bookmark(?: this)?(?: (?:article|page))?"
    r"|copy(?: the)? link|copy (?:this page|(?:page |article )?url)(?: to (?:the )?clipboard)?|link copied|gift(?: this)? article|save(?: this)?(?: (?:article|story|post|page))?(?: for later)?"
    r"|(?:remove|add|save)(?: save)? to favou?rites"
    r"|facebook|twitter|linkedin|whatsapp|reddit|pinterest|telegram|flipboard|messenger|tumblr"
    r"|instagram|youtube|tiktok|threads|bluesky|mastodon|sms|compartir|partager|teilen"
    r"|facebook-f|linkedin-in|x-twitter|twitter-x"
    r"|imprimir|imprimer|drucken)"
)
_SHARE_LINE = rf"{_SHARE_TOKEN}(?:{_SEP}{_SHARE_TOKEN})*"

_LEGAL_TOKEN = (
    r"(?:privacy(?: (?:policy|notice|statement|settings|center|centre|preferences|choices))?"
    r"|(?:your )?privacy choices|terms(?: of (?:use|service|sale))?(?: (?:and|&) conditions)?"
    r"|(?:terms|conditions) (?:and|&) (?:conditions|privacy)|legal(?: notice)?|disclaimer|imprint|impressum"
    r"|cookies?(?: (?:policy|settings|preferences|notice|choices))?|(?:accept|reject|manage)(?: all)? cookies"
    r"|(?:do not|don'?t) sell(?: or share)? my (?:personal )?info(?:rmation)?"
    r"|accessibility(?: statement)?|site ?map|contact(?: us| me)?|about(?: us)?|careers|jobs|faqs?|help"
    r"|advertise(?: with us)?|press|media kit|corrections|ethics policy|rss"
    r"|aviso legal|política de privacidad|mentions légales|datenschutz(?:erklärung)?)"
)
_LEGAL_LINE = (
    rf"{_LEGAL_TOKEN}(?:{_SEP}{_LEGAL_TOKEN})*"
    r"|an official website of the united states government(?:\.? ?here['’]s how you know)?"
    r"|a \.gov website belongs to an official government organi[sz]ation in the united states"
    r"|secure \.gov websites use https|a lock \(.{0,20}\) or https:// means you['’]ve safely connected .{0,160}"
    r"|we respect your privacy(?: and (?:will|would) never .{1,80}"
    r"|\. (?:we (?:will )?never|check our|read our|see our|this site|your (?:information|e-?mail|data)).{0,120})?"
    r"|(?:©|\(c\)|copyright\b).{0,200}|powered by .{1,60}"
    r"|(?:read|view|see) our .{0,20}(?:privacy|cookie|terms).{0,30}"
)

FAMILIES: tuple[Family, ...] = (
    Family(
        name="newsletter",
        reason="A newsletter or subscription prompt, not article text.",
        starts=('subscribe', 'sign', 'sign-up', 'signup', 'join', 'register', 'free', 'daily', 'weekly', 'newsletter', 'newsletters', 'e-newsletter', 'enewsletter', 'get', 'receive', 'enter', 'your', 'email', 'e-mail', 'unsubscribe', 'manage', "don't", 'don’t', 'dont', 'would', 'keep', 'thanks', 'thank', 'suscríbete', 'abonnez-vous', 'abonnieren'),
        line=(
            r"(?:subscribe|sign ?-?up|join|register)(?: (?:now|today|here|for free))?"
            r"|(?:sign ?-?up|subscribe)\b(?! to the (?:idea|view|notion|theory|belief)).{0,200}"
            r"|(?:subscribe|sign up) (?:to|for) (?:our|the|my)(?: free)?(?: daily| weekly)? (?:e-?)?"
            r"(?:newsletters?|mailing list|emails?|updates).{0,80}"
            r"|(?:free |daily |weekly |e-?)?newsletters?(?: sign[- ]?up)?"
            r"|(?:get|receive) (?:our|the) (?:(?!(?:to|of|in|for|with|that|and|or)\b)[\w'’&-]+ ){0,4}newsletters?"
            r"(?:[.!:]? ?|(?: (?:delivered|in|to|read|just|every|each|for|and|straight|sent)\b.{0,80}))"
            r"|enter your e-?mail(?: address)?.{0,80}|your e-?mail(?: address)?|e-?mail address"
            r"|unsubscribe.{0,80}|manage (?:your )?subscriptions?|suscríbete|abonnez-vous|abonnieren"
            r"|don['’]?t miss (?:a thing|out|a story|a post|an update|any(?:thing)?(?: (?:news|updates|stories|posts))?)"
            r"(?: from us)?"
            r"|would you like to (?:receive|get) (?:notifications|updates|e-?mails|alerts)\b.{0,60}"
            r"|(?:get|receive) the latest (?:news|insights|updates|stories|articles|posts|tips)\b.{0,60}"
            r"|thanks? (?:you )?for (?:signing up|subscribing)"
            r"(?:[!.] .{1,120}| (?:to|for) (?:our|the|my) (?:free )?(?:newsletters?|mailing list|e-?mails?|updates)\b.{0,80})?"
            r"|keep up (?:to date )?with the latest (?:news|insights|updates|stories|articles|posts|tips|trends)\b.{0,60}"
        ),
        phrase=(
            r"\b(?:(?:sign up|subscribe) (?:for|to) (?:our|the|my)\b.{0,60}?"
            r"\b(?:newsletters?|e-?mails?|updates|mailing list|alerts|digest)"
            r"|(?:our|free|daily|weekly|monthly) (?:e-?)?newsletters?"
            r"|delivered (?:straight |directly |right )?to (?:your|their) inbox(?:es)?"
            r"|(?:in|into|to|hit) (?:your|their) inbox(?:es)?"
            r"|enter your e-?mail|your e-?mail address (?:below|here)|already a subscriber"
            r"|unsubscribe (?:at any time|anytime)|(?:join|subscribe|sign up).{0,40}\bnewsletter"
            r"|subscribe (?:for free |now |today )?to (?:receive|get|support) (?:new|our|the latest|more|my)\b"
            r"|to (?:read|continue reading|keep reading) (?:the rest of )?this (?:story|article|post),? (?:please )?subscribe"
            r"|(?:article|story|content) is (?:exclusive|only available|available only) (?:to|for) .{1,40}?subscribers"
            r"|already (?:a subscriber|subscribed)\?)"
        ),
        triggers=("ewsletter", "nbox", "ubscribe"),
        max_words=60,
    ),
    Family(
        name="login",
        reason="A login, account or password prompt.",
        starts=('log', 'login', 'sign', 'signin', 'logout', 'signout', 'register', 'my', 'account', 'create', 'forgot', 'forgotten', 'remember', 'username', 'password', 'lost', 'already', 'not', 'iniciar', 'se', 'anmelden', 'join'),
        line=(
            r"(?:log ?in|sign ?in|log ?out|sign ?out|register|sign up|my account|account"
            r"|(?:log ?in|sign ?in|sign ?up|register|join)(?: ?[/|] ?(?:log ?in|sign ?in|sign ?up|register|join))+"
            r"|create (?:an |your |a free )?account|forgot(?:ten)? (?:your )?(?:password|username)\??"
            r"|remember me.{0,60}|(?:log|sign) in (?:with|using|via) .{1,40}|username|password"
            r"|lost your password\??|already (?:a (?:subscriber|member)|have an account)\?.{0,60}"
            r"|not a (?:member|subscriber)\?.{0,60}|iniciar sesión|se connecter|anmelden)"
        ),
        phrase=(
            r"\b(?:forgot(?:ten)? (?:your )?(?:password|username)"
            r"|(?:log|sign) in (?:to|with) (?:your|continue|comment|read)"
            r"|create (?:a free |an |your )account|already have an account)"
        ),
        triggers=("assword",),
        max_words=25,
    ),
    Family(
        name="share",
        reason="A share, print, e-mail or bookmark bar.",
        starts=('share', 'shares', 'click', 'close', 'like', 'remove', 'add', 'post', 'tweet', 'pin', 'print', 'email', 'e-mail', 'bookmark', 'copy', 'link', 'gift', 'save', 'facebook', 'twitter', 'linkedin', 'whatsapp', 'reddit', 'pinterest', 'telegram', 'flipboard', 'messenger', 'tumblr', 'instagram', 'facebook-f', 'linkedin-in', 'x-twitter', 'twitter-x', 'youtube', 'tiktok', 'threads', 'bluesky', 'mastodon', 'sms', 'compartir', 'partager', 'teilen', 'imprimir', 'imprimer', 'drucken'),
        line=_SHARE_LINE,
    ),
    Family(
        name="comments",
        reason="A comment count, comment form or moderation notice.",
        starts=('<digit>', 'no', 'view', 'show', 'hide', 'read', 'load', 'see', 'add', 'leave', 'post', 'write', 'please', 'share', 'submit', 'comment', 'comments', 'discussion', 'reply', 'cancel', 'report', 'join', 'go', 'be', 'you', 'user', 'username', 'your', 'name', 'website', 'enter', 'notify', 'new', 'comentarios', 'commentaires', 'kommentare'),
        line=(
            r"(?:\d+ ?(?:comments?|replies|responses)(?:\(s\))?"
            r"|(?:no|view|show|hide|read|load more|see) (?:comments?|replies)(?: yet)?"
            r"|add (?:a |your )?comments?(?:\.\.\.|…)?|leave a (?:comment|reply).{0,60}"
            r"|(?:post|write|submit) (?:a |your )?comment|comments?(?: \(\d+\))?|discussion|reply(?: by e-?mail)?|cancel reply"
            r"|report(?: comment| abuse)?|join the (?:discussion|conversation)|go to forum.{0,40}"
            r"|be the first to comment.{0,60}|comments are closed\.?"
            r"|(?:please )?(?:share|leave|post|add) (?:a|your) (?:comment|thoughts)(?: below| in the comments)?"
            r"|you must be logged in to post a comment\.?"
            r"|(?:user ?name|your (?:name|comment|email)|name|website)(?: required| \(required\))?\*?"
            r"|enter the (?:words|code|characters) you see:?.{0,40}"
            r"|\d+ (?:thoughts|responses|replies|comments) (?:on|to) .{1,160}"
            r"|notify (?:me )?of(?: new (?:follow-up comments|replies to my comments|posts by e-?mail).{0,20})?"
            r"|new (?:follow-up comments|replies to my comments)"
            r"|comentarios|commentaires|kommentare)"
        ),
        phrase=(
            r"\b(?:comments? (?:may|will|are|can) (?:be )?(?:removed|deleted|moderated|reviewed|rejected)"
            r"|(?:abusive|off-topic|offensive|profane).{0,60}\bcomments\b"
            r"|your e-?mail address will not be published|required fields are marked"
            r"|moderates comments|comment policy|community guidelines|comments (?:are|have been) closed"
            r"|you must be logged in to (?:post a )?comment|save my name, e-?mail|cancel reply"
            r"|comment form collects your|how your comment data is processed)"
        ),
        triggers=("omments",),
        max_words=80,
    ),
    Family(
        name="donation",
        reason="A donation or support appeal.",
        starts=('donate', 'support', 'give', 'contribute', 'become', 'make', 'dona', 'donar', 'faire', 'spenden'),
        line=(
            r"(?:donate(?: now| today| here)?|support us|give now|contribute(?: now| today)?"
            r"|support (?:our|independent|quality|local) (?:journalism|reporting|work).{0,60}"
            r"|become a (?:member|supporter|patron|sustaining member).{0,60}"
            r"|make a (?:tax-deductible |one-time |monthly )?(?:donation|contribution|gift).{0,60}"
            r"|dona(?:r)?|faire un don|spenden)"
        ),
        phrase=(
            r"\b(?:donat(?:e|ion|ing)\b.{0,40}\b(?:now|today|here|by|online|page|button)\b"
            r"|make a (?:tax-deductible |one-time |monthly |recurring )?(?:donation|contribution|gift)"
            r"|support (?:our|independent|quality|local|nonprofit|non-profit) (?:journalism|reporting|work|newsroom)"
            r"|(?:your|every) (?:contribution|donation|gift|support)s? (?:helps?|supports?|makes?|keeps?|allows?|ensures?)"
            r"|become a (?:member|supporter|patron|sustaining member)"
            r"|every (?:single )?(?:supporter|reader|contribution|dollar)\b.{0,40}\b(?:difference|counts|matters|helps)"
            r"|people-powered|reader-(?:supported|funded)|ways to give|chip in"
            r"|non-?profit news (?:outlet|organi[sz]ation|site|newsroom))"
        ),
        triggers=("onat", "upporter"),
        max_words=40,
        max_words_multi=160,
    ),
    Family(
        name="related",
        reason="A related-article link or heading.",
        starts=('read', 'also', 'see', 'related', 'up', 'keep', 'recommended', 'further', 'more', 'you', 'latest', 'top', 'breaking', 'most', 'trending', "editor's", 'editors', 'editor’s', "don't", 'don’t', 'dont', 'popular', 'next', 'previous', 'lee', 'lire', 'mehr', 'other', 'explore', 'recent', 'back', 'return', 'all', 'current', 'blog', 'posts', 'articles', 'stories', 'what', 'prev', 'older', 'newer', '<symbol>'),
        line=(
            r"(?:[^\w\s]{1,3} ?)?(?:read more|read also|also read|see also|read next|related|up next|keep reading"
            r"|related (?:articles?|stories|posts|content|news|reading|coverage|links|videos)"
            r"|recommended(?: for you| reading| stories| articles| posts| videos)?|further reading"
            r"|more (?:stories|news|articles|videos|headlines|posts)(?: (?:from|on|about|by|in)(?: .{1,60})?)?"
            r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
            r"|latest(?: news| stories| articles| posts| videos)?|top (?:news|stories)|breaking news"
            r"|most (?:read|popular|viewed|shared|recent)|trending(?: now| stories| news)?"
            r"|editors?['’]?s? (?:picks?|choice)(?: \w+)?|don'?t miss|popular (?:posts|stories|articles)"
            r"|(?:blog|post|all) categories|posts? by (?:tags?|categor(?:y|ies)|date|month)|more by .{1,60}"
            r"|(?:(?:other|more) )?(?:posts|articles|stories|reads) you (?:may|might|will|would) (?:also )?(?:like|enjoy|love|find interesting)"
            r"|you (?:may|might) also (?:like|enjoy) (?:some of )?(?:my|our) other (?:posts|articles|stories)"
            r"|read this next|what others are reading"
            r"|related (?:topics|resources)(?: (?:&|and) resources)?"
            r"|(?:next|previous) (?:article|story|post)|(?:previous|prev): .{1,120}|more (?:on|from|about) .{1,100}?"
            r"|(?:older|newer) (?:posts?|entries|articles)|recent (?:posts|articles|stories)"
            r"|other (?:related )?(?:articles|posts|stories|news|topics)|explore (?:more|other|related) .{1,60}"
            r"|read more (?:from|in|on|at|by) .{1,60}|(?:recent|more|latest) (?:stories|posts|articles) by .{1,60}"
            r"|(?:back|return) to .{1,40}|(?:←|«|<)? ?all (?:articles|posts|stories|news)|current page"
            r"|most (?:read|popular|viewed|shared|recent) (?:stories|articles|posts|news)"
            r"|explore (?:\w+ )?(?:topics|articles|stories|posts)"
            r"|lee también|lire aussi|mehr zum thema)"
            r"(?:\s*[:>»|–-]+.{0,240})?(?<![.!?])"
        ),
    ),
    Family(
        name="tags",
        reason="A tag, topic or keyword list.",
        starts=('tags', 'tag', 'labels', 'label', 'topics', 'topic', 'keywords', 'keyword', 'filed', 'categories', 'category', 'posted', 'tagged', 'related', 'etiquetas', 'mots-clés', 'schlagwörter', '(tagstotranslate)'),
        line=(
            r"(?:(?:tags?|topics?|keywords?|labels?|filed under|categor(?:y|ies)|posted in|tagged(?: with| as)?"
            r"|related (?:topics|tags)|etiquetas|mots-clés|schlagwörter)\s*:.{0,300}"
            r"|\(tagstotranslate\).*)"
        ),
    ),
    Family(
        name="attribution",
        reason="A source or attribution footer.",
        starts=('source', 'sources', 'via', 'originally', 'this', 'the', 'photo', 'image', 'picture', 'video', 'credit', 'credits', 'fuente'),
        line=(
            r"(?:source link|source|sources?: ?.{1,60}|via: .{1,60}"
            r"|originally (?:published|posted|appeared) (?:at|on|in|by) .{1,200}"
            r"|this (?:article|story|post) (?:was |first |originally )+(?:published|appeared|posted) .{1,200}"
            r"|the post .{1,200} appeared first on .{1,100}"
            r"|(?:photo|image|picture|video) (?:credit|source)s?:? ?.{0,80}|credits?: .{1,80}"
            r"|fuente: .{1,60})"
        ),
        phrase=(
            r"\b(?:originally (?:published|posted|appeared)\b|appeared first on\b"
            r"|this (?:article|story|post) (?:was |is )?(?:first |originally )?(?:published|republished|appeared) (?:on|in|at|by)"
            r"|republished (?:with permission|from|under))"
        ),
        triggers=(),  # long forms are caught by the line pattern
        max_words=40,
    ),
    Family(
        name="app_social",
        reason="An app-download or social-follow prompt.",
        starts=('download', 'get', 'available', 'google', 'app', 'add', 'follow', 'like', 'connect', 'find', 'síguenos', 'suivez-nous', 'folgen'),
        line=(
            r"(?:.{0,40}\bapps? download|download (?:the|our) .{0,40}\bapp\b.{0,40}"
            r"|get (?:the|our) (?:free )?app|(?:available|download) on the app store.{0,60}"
            r"|get it on google play|google play|app store|follow us(?: on .{0,60})?|follow"
            r"|like us on facebook.{0,40}|connect with us.{0,40}|find us on .{0,40}"
            r"|síguenos.{0,40}|suivez-nous.{0,40}|folgen sie uns.{0,40}"
            r"|add (?:.{1,40}? )?as a (?:preferred|trusted) source on google.{0,100})"
        ),
        phrase=(
            r"(?:(?:^|(?<=[.!?] ))follow (?:us|me|\S+(?: \S+)?) on (?:twitter|facebook|instagram|linkedin|youtube|tiktok|x|threads"
            r"|bluesky|telegram|whatsapp|google news)\b|\bdownload (?:the|our) (?:free )?.{0,30}\bapp\b"
            r"|(?:available|get it) on (?:the )?(?:app store|google play)|join (?:the|our) conversation on\b"
            r"|like us on facebook|subscribe to (?:our|the) (?:youtube )?channel)"
        ),
        triggers=("\nFollow ", "ownload"),
        max_words=30,
    ),
    Family(
        name="cta",
        reason="A call-to-action button or prompt.",
        starts=tuple(
            "book schedule request get start try apply buy order shop claim take download contact call "
            "join explore discover learn find see view check compare browse watch listen reserve grab "
            "unlock access upgrade save talk discuss shop jump print".split()
        ),
        line=(
            r"(?:book|schedule|request|get|start|try|apply|buy|order|shop|claim|take|download|contact"
            r"|call|join|explore|discover|learn|find|see|view|check|compare|browse|watch|listen|reserve"
            r"|grab|unlock|access|upgrade|save)\b(?: \S+){0,5}? (?:now|today|here|free|for free|(?:a |your )?"
            r"(?:free )?(?:trial|demo|quote|consultation|estimate|offer|deal|discount|coupon|ebook|e-book)"
            r"|prices?|more|us|(?:at|on) amazon|(?:the )?(?:full )?(?:details|specs|specifications))"
            r"|(?:learn|read|find out|discover|see|view|show) more|contact us\b.{0,60}"
            r"|(?:view|see|show|shop|browse) (?:all|more)\b.{0,60}"
            r"|(?:check|compare|view|see|shop|find)\b.{0,40}\b(?:prices?|deals?|offers?)\b.{0,40}"
            r"|(?:buy|view|shop|check it out|see it) (?:it )?(?:on|at) \S+(?: .{1,30})?"
            r"|talk to (?:our|an?|one of our) .{1,40}|discuss your .{1,30}|take the next step"
            r"|get in touch(?: with us)?|take (?:our|the|a) (?:\d+[- ]min(?:ute)?s? |short |quick )?survey"
            r"|(?:get|jump to|print|save) (?:the |this )?recipe"
        ),
    ),
    Family(
        name="ui",
        reason="A font-size, navigation or other user-interface control.",
        starts=('adjust', 'font', 'text', 'a', 'a+', 'a-', 'print', 'copy', 'copied', 'listen', 'skip', 'toggle', 'open', 'close', 'show', 'hide', 'menu', 'search', 'table', 'contents', 'jump', 'go', 'submit', 'back', 'scroll', 'top', 'home', 'more', 'expand', 'collapse', 'zoom', 'fullscreen', 'previous', 'next', 'prev', 'loading', 'play', 'pause', 'advertisement', 'ad', 'sponsored', 'continue', 'click', 'view', 'see', 'load', 'watch', '<digit>', 'one', 'two', 'three', 'four', 'five', 'reading', '<symbol>', 'x', 'english', 'español', 'français', 'deutsch', 'translate', 'publicidad', 'publicité', 'anzeige', 'werbung', 'this', 'you', 'was', 'did', 'how', 'average', 'no', 'we'),
        line=(
            r"(?:adjust font size:?|font size:?|text size:?|a ?\+ ?a ?-|a ?- ?a ?\+|print this page"
            r"|listen(?: to (?:this )?(?:article|story))?(?: \d+ min.{0,20})?"
            r"|skip to (?:main )?(?:content|navigation|search|footer)|toggle (?:navigation|menu|search)"
            r"|(?:open|close|show|hide) (?:menu|search|navigation|submenu)|menu|close|search|go|submit"
            r"|search (?:for|the site|this site|our site)|close (?:this )?window|close (?:modal|dialog|popup|pop-up|overlay)|table of contents|contents"
            r"|view (?:this )?post on (?:instagram|tiktok|x|twitter|facebook|threads|bluesky)|view image in full ?screen"
            r"|jump to(?: section)?"
            r"|back to top|scroll to top|go to top|top|home|more|(?:expand|collapse)(?: all)?|zoom|fullscreen"
            r"|home(?: ?[>/»›|] ?.{1,80}| blog| news)|copy (?:as|to) .{1,20}|copied"
            r"|(?:previous|next|prev)(?: (?:slide|page|image|photo|item))?|loading(?:\.\.\.|…)?"
            r"|(?:play|pause)(?: slideshow| video)?|advertisement|ad|sponsored(?: content| by .{1,40})?"
            r"|continue reading(?: below)?|advertisement - continue reading below"
            r"|click here(?: to .{1,60})?|view (?:all|more)|see (?:all|more)|show (?:more|less)"
            r"|load more|watch(?: now| video)?|(?:\d+|one|two|three|four|five) min(?:ute)?s? read"
            r"|reading time:?.{0,30}|×|✕|x|english|español|français|deutsch|translate"
            r"|publicidad|publicité|anzeige|werbung"
            r"|this field is (?:for validation purposes and should be left unchanged|hidden when viewing the form)"
            r"|you are here(?:: .{1,200})?"
            r"|(?:was this (?:article|post|page|information|answer) (?:helpful|useful)(?: for you)?"
            r"|did you find (?:this|the) (?:article|post|page) (?:helpful|useful))\??"
            r"|how useful was this (?:post|article|page)\??|click on a star to rate it"
            r"|average rating:? [\d.]+ ?/ ?\d+\.? vote count:? \d+|no votes so far.{0,60}|no (?:items|results|posts) found"
            r"|we are sorry that this (?:post|article|page) was not useful for you)"
        ),
    ),
    Family(
        name="legal",
        reason="A cookie, privacy, terms or copyright line.",
        starts=('privacy', 'your', 'terms', 'conditions', 'legal', 'disclaimer', 'imprint', 'impressum', 'cookie', 'cookies', 'accept', 'reject', 'manage', 'do', "don't", 'don’t', 'accessibility', 'site', 'sitemap', 'contact', 'about', 'careers', 'jobs', 'faq', 'faqs', 'help', 'advertise', 'press', 'media', 'corrections', 'ethics', 'rss', 'aviso', 'política', 'mentions', 'datenschutz', 'datenschutzerklärung', '<symbol>', '(c)', 'copyright', 'powered', 'read', 'view', 'see', 'an', 'a', 'secure', 'we'),
        line=_LEGAL_LINE,
        phrase=(
            r"(?:\b(?:we|this (?:web)?site|our (?:web)?site|site) uses? cookies"
            r"|\bcookies? (?:policy|settings|preferences|consent)|\ball rights reserved|©"
            r"|\bcopyright (?:©|\(c\)|\d{4})|\bdo not sell (?:or share )?my personal information"
            r"|\bprivacy (?:policy|notice)\b.{0,40}\bterms|\bterms of (?:use|service)\b.{0,40}\bprivacy"
            r"|\bto provide the best experiences, we use|\bstore and/or access (?:device )?information"
            r"|\bby (?:submitting|signing up|subscribing)\b.{0,80}\b(?:agree|consent|accept)"
            r"|\bprotected by recaptcha"
            r"|\bby (?:continuing|using|clicking|browsing|checking out|registering|providing|entering)\b.{0,80}?"
            r"\b(?:you|i) (?:agree|consent|accept|acknowledge|authori[sz]e)"
            r"|\bi (?:agree|consent) to (?:the (?:terms|use of my|privacy|processing)|receiv|be contacted)"
            r"|\b(?:processed|handled|used) in accordance with (?:our|the|its) privacy (?:policy|notice|statement)"
            r"|\b(?:message|msg) (?:and|&) data rates (?:may|will) apply|\breply stop\b"
            r"|\buse limited data to select advertising|\bcreate profiles for personali[sz]ed"
            r"|\b(?:necessary|non-necessary|functional|performance|analytics|advertisement|marketing"
            r"|essential|third-party) cookies\b|\bcookies (?:that are|are) (?:categori[sz]ed|stored|necessary|essential))"
        ),
        triggers=("ookie", "ights reserved", "©", "rivacy", "nd/or access"),
        max_words=80,
        max_words_multi=200,
    ),
    Family(
        name="disclaimer",
        reason="A legal, financial or medical disclaimer.",
        phrase=(
            r"(?:^disclaimer\b|\bfor (?:general )?(?:informational|information|educational|illustrative)"
            r"(?: (?:and|or) (?:educational|informational|illustrative))? purposes only\b"
            r"|\b(?:does|do|is|are|should|cannot)(?: not|n't)(?: be (?:construed|considered) as)?(?:, and is not intended to,)?"
            r" (?:intended to )?(?:constitute |provide |give |offer |replace )?(?:the )?(?:professional |personali[sz]ed )?"
            r"(?:legal|financial|investment|medical|tax|accounting|professional)(?:,? (?:or |and )?[\w-]+){0,6}"
            r" advice\b|\bnot (?:intended|meant) (?:to|as) (?:provide|be|replace|a substitute)\b.{0,40}?\badvice\b"
            r"|\bnot (?:be )?(?:a )?substitute for (?:professional )?(?:medical|legal|financial|tax)? ?(?:advice|care|counsel)"
            r"|\bseek the advice of (?:a|your) (?:qualified|licensed|physician|doctor|attorney|financial)"
            r"|\bpast performance (?:is|does) not (?:a )?(?:guarantee|indicative|indicate))"
        ),
        triggers=("urposes only",),
        max_words=12,
        max_words_multi=200,
    ),
    Family(
        name="affiliate",
        reason="An affiliate or commission disclosure.",
        starts=("as", "this", "the", "affiliate", "disclosure", "advertising"),
        line=(
            r"as an amazon associate.{0,160}|(?:this|the) (?:post|article|page|site) (?:may )?contains? affiliate .{0,160}"
            r"|(?:affiliate|advertising) disclosure.{0,200}|disclosure"
        ),
        phrase=(
            r"\b(?:we (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation|share of sales)"
            r"|affiliate (?:commission|disclosure|partnerships?)|contains? affiliate links|as an amazon associate"
            r"|may contain affiliate|why trust us\??|earn from qualifying purchases|amazon associate"
            r"|(?:chosen|selected) independently by (?:our )?editors"
            r"|(?:purchases|sales) made through (?:our )?links may earn|(?:may|might) earn (?:us )?(?:a )?(?:small )?commission)"
        ),
        triggers=("ommission", "ffiliate"),
        max_words=60,
    ),
    Family(
        name="junk",
        reason="A colour code, lone number, counter or symbol-only line.",
        starts=('<digit>', '<symbol>', 'δ'),
        # Lone integers are counters ("12", "1 / 8", "(3)"); a lone value with a decimal
        # point, currency, percent or colon ("$14.99", "4.7", "12%", "18:30") is a table
        # cell or spec value of the article, and stays.
        line=(
            r"(?:#[0-9a-f]{3}(?:[0-9a-f]{3})?|[\d\s,/()+-]{1,16}|[^\w\n]{1,40}|δ"
            r"|\d[\d.,]*[km]? ?(?:views?|likes?|shares?|reads?|votes?|points?|followers?|subscribers?|photos?|images?))"
        ),
    ),
    Family(
        name="caption",
        reason="An image label, caption credit or photo counter.",
        starts=('image', 'images', 'photo', 'photos', 'picture', 'pictures', 'video', 'file', 'gallery', 'foto', 'fotos', 'getty', 'shutterstock', 'istockphoto', 'alamy', 'courtesy'),
        line=(
            r"(?:(?:image|photo|picture|video|file photo|gallery)(?: \d+ (?:of|/) \d+)?"
            r"|(?:image|photo|picture|foto)s?: .{1,120}"
            r"|.{1,60}/ ?(?:getty images|afp|reuters|ap|shutterstock|istock(?:photo)?|alamy).{0,40}"
            r"|(?:getty images|shutterstock|istockphoto|alamy)(?: .{0,40})?"
            r"|(?:photo|image|picture)s? (?:courtesy(?: of)?|credit:?) .{1,60}|courtesy(?: of)? [^,.;:]{1,40}"
            r"|(?:photo|image|picture)s? by (?:\S+ ){0,3}\S+(?: (?:on|from|via) \S+)?)"
        ),
    ),
    Family(
        name="markup",
        reason="Page code left in the text: HTML markup, conditional comments, tag-manager or SEO-plugin notes.",
        phrase=(
            r"(?:<!\[endif\]|\[if (?:lt |lte |gt |gte |!)?ie\b[^\]]{0,12}\]>?"
            r"|^<(?:div|span|svg|button|section|nav|form|input|script|style|iframe|noscript|figure|img|ul|li|p|a|h[1-6])"
            r"\s[^<>]*?\b(?:class|id|style|href|src|type|action|xmlns|onclick|data-[\w-]+|aria-[\w-]+)=[^<>]*>.*<"
            r"|\b(?:end |start )?google tag manager \(noscript\)|\bend google tag manager\b"
            r"|\bthis site is optimi[sz]ed with the \S+ seo|/ ?\S+ seo(?: premium)? plugin\b"
            r"|\bsnippet added by site kit|\bthis site is converting visitors into subscribers|^#comment-#+$"
            r"|^<?\?xml version=\"[\d.]+\"(?: encoding=\"[\w-]+\")?(?: standalone=\"\w+\")? ?\??>?$|\bglobal site tag \(gtag\.js\))"
        ),
        triggers=("[if ", "Tag Manager", " SEO ", "\n<", "nverting visitors", "\n#comment-", "\n?xml "),
        max_words=400,
    ),
    Family(
        name="end_marker",
        reason="A news-agency end-of-story marker.",
        starts=('enditem', 'end', '<symbol>', '(end)', 'ends'),
        line=r"(?:enditem|end item|-30-|#{3,}|# # #|\(end\)|-ends?-|\*{3} ?end ?\*{3}|end of (?:story|article))",
    ),
)

FAMILY_NAMES: tuple[str, ...] = tuple(family.name for family in FAMILIES)

#: Longest line (in characters) the whole-line rules look at.
MAX_LINE_CHARS = 240

_EDGE = " \t\u00a0\u200b•·|*>»«–—-:;,.!?"

#: Characters :func:`line_key` strips from both ends of a line.
EDGE_CHARS = _EDGE
_EDGE_SET = frozenset(_EDGE)

#: Per family: the compiled whole-line pattern (matched against the line key).
_LINE_PATTERNS: dict[str, regex.Pattern[str]] = {
    family.name: regex.compile(family.line) for family in FAMILIES if family.line
}


def _dispatch() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for family in FAMILIES:
        for word in family.starts:
            table.setdefault(word, []).append(family.name)
    return {word: tuple(names) for word, names in table.items()}


#: First word of a line key -> names of the families whose lines can start so.
DISPATCH: dict[str, tuple[str, ...]] = _dispatch()

#: Most words a whole-line widget of each family has (longer lines skip its pattern).
_LINE_MAX_WORDS: dict[str, int] = {
    family.name: {
        "newsletter": 45, "related": 45, "tags": 80, "attribution": 45, "legal": 60, "affiliate": 45,
        "comments": 40, "app_social": 25, "donation": 25, "caption": 30, "login": 15, "share": 30,
        "junk": 40, "ui": 40,
    }.get(family.name, 12)
    for family in FAMILIES
}

#: First word -> most words a widget line starting with it can have.
_DISPATCH_MAX_WORDS: dict[str, int] = {
    word: max(_LINE_MAX_WORDS[name] for name in names) for word, names in DISPATCH.items()
}

#: Longest first word :func:`line_family` reads: a line whose first word is
#: longer is tested with the word cut to this many characters.
FIRST_WORD_SPAN = 40

#: Function words that start widget lines only before one of these words.
_SECOND_WORDS: dict[str, frozenset[str]] = {
    "the": frozenset("post page article story site".split()),
    "this": frozenset("article story post page site field".split()),
    "as": frozenset(["an"]),
    "a": frozenset(["+", "-", "+a", "-a", ".gov", "lock"]),
    "an": frozenset(["official"]),
    "we": frozenset(["respect", "are"]),
    "new": frozenset(["follow-up", "replies"]),
    "you": frozenset(["may", "might", "must", "are"]),
    "no": frozenset(["comments", "comment", "replies", "votes", "items", "results", "posts"]),
    "was": frozenset(["this"]),
    "did": frozenset(["you"]),
    "how": frozenset(["useful"]),
    "average": frozenset(["rating", "rating:"]),
    "thanks": frozenset(["for"]),
    "thank": frozenset(["you"]),
    "what": frozenset(["others"]),
}

_QUOTES = frozenset("\"“”„«»‘’'")

#: Families whose lines never end like a sentence ("More about that later." stays).
_NO_SENTENCE = frozenset({"related", "cta"})

#: First word -> (most words of a widget line starting with it, the words one
#: must follow it with or None): :func:`line_family`'s first test in one lookup.
#: The limits are positive (maxima of :data:`_LINE_MAX_WORDS`).
_GATE: dict[str, tuple[int, frozenset[str] | None]] = {
    word: (limit, _SECOND_WORDS.get(word)) for word, limit in _DISPATCH_MAX_WORDS.items()
}

#: :data:`_GATE`, read-only, for the compiled line pass.
FIRST_WORD_GATE: Mapping[str, tuple[int, frozenset[str] | None]] = MappingProxyType(_GATE)

#: Characters a quotation starts with (a line starting so is no widget), as a str.
QUOTE_CHARS = "".join(sorted(_QUOTES))

#: First word -> the whole-line tests of its families, in :data:`FAMILIES` order:
#: (family name, most words, skipped on sentence-like lines, compiled pattern).
_CHECKS: dict[str, tuple[tuple[str, int, bool, regex.Pattern[str]], ...]] = {
    word: tuple(
        (name, _LINE_MAX_WORDS[name], name in _NO_SENTENCE, _LINE_PATTERNS[name])
        for name in names
        if name in _LINE_PATTERNS
    )
    for word, names in DISPATCH.items()
}


def may_be_widget(line: str) -> bool:
    """False when :func:`line_family`'s first tests already rule ``line`` out.

    That is, after its leading edge characters the line starts with a quote,
    or with an ASCII letter and its first word (up to a space, at most
    :data:`FIRST_WORD_SPAN` characters) is ASCII, does not end with ":" and,
    in lower case, is not a key of :data:`FIRST_WORD_GATE` with a limit above
    the line's spaces less four and (for words that need one) one of its
    second words next. An empty line is no widget. The compiled
    ``_textscan.line_info`` computes the same for every line of a text in
    one pass.
    """
    if not line:
        return False
    head = line.lstrip(_EDGE)
    first = head[:1]
    if not first.isascii() or not first.isalpha():
        return first not in _QUOTES
    space = head.find(" ", 0, FIRST_WORD_SPAN)
    word = head[:space] if space >= 0 else head[:FIRST_WORD_SPAN]
    if not word.isascii() or word.endswith(":"):
        return True
    gate = _GATE.get(word.lower())
    if gate is None or line.count(" ") >= gate[0] + 4:
        return False
    seconds = gate[1]
    if seconds is None:
        return True
    second = head[space + 1 : space + 24].split(" ", 1)[0] if space >= 0 else ""
    return not second.isascii() or second.lower() in seconds


def may_start_section(line: str) -> bool:
    """False when ``line`` cannot be a section header: its key's first word is
    neither one of :data:`SECTION_STARTS` nor starts with a digit.

    Tested without building the key: after its leading edge characters the
    line starts with a character that is not an ASCII letter, an ASCII digit
    or a non-ASCII character; or its first word is ASCII and, in lower case
    with or without its trailing edge characters, is not a section word. The
    compiled ``_textscan.line_info`` computes the same for every line.
    """
    head = line.lstrip(_EDGE)
    first = head[:1]
    if not first:
        return False
    if not first.isascii() or first.isdigit():
        return True
    if not first.isalpha():
        return False
    word = head.split(" ", 1)[0]
    if not word.isascii():
        return True
    word = word.lower()
    return word in SECTION_STARTS or word.rstrip(_EDGE) in SECTION_STARTS


def line_key(line: str) -> str:
    """The form whole-line rules see: lower case, edge bullets and punctuation stripped."""
    return line.strip(_EDGE).lower()


#: Headers that open the comment or related-article section ending an article
#: (matched against the line key). Everything after one of them is that section.
SECTION_HEADERS: dict[str, regex.Pattern[str]] = {
    "comments": regex.compile(
        r"(?:\d+|no) (?:comments?|responses?|replies|thoughts on .{1,160})(?:\(s\))?"
        r"|(?:leave|post|write|add) (?:a|your) (?:comment|reply)s?(?: cancel reply)?|comments?(?: \(\d+\))?"
        r"|comments are closed|join the (?:discussion|conversation)|(?:show|view|load|read) (?:all )?comments"
        r"|what do you think\??|reader (?:comments|interactions)"
    ),
    "related": regex.compile(
        r"(?:related|more|recommended|similar|popular|trending|latest|other|recent)"
        r"(?: \w+)? (?:articles|stories|posts|reads|reading|content|news|guides|videos)"
        r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)(?: .{1,40})?"
        r"|recommended for you|more from .{1,60}"
        r"|people also (?:read|viewed|liked?|ask)|don'?t miss|editors?'?s? picks"
        r"|most (?:read|popular|viewed|shared)(?: (?:articles|stories|posts|news|this week|today))?"
        r"|read (?:this )?next|what to read next|what others are reading|related coverage"
        r"|(?:other )?(?:articles|posts|stories) you (?:may|might) (?:also )?(?:like|enjoy|find interesting)"
    ),
}

#: First words a section header can start with (cheap gate before the patterns).
SECTION_STARTS = frozenset(
    "related more recommended similar popular trending latest other you people don't dont don’t "
    "editor's editors editor’s no leave post write add comments comment what reader join show view "
    "load read most articles posts stories recent".split()
)

_END_KEYS = frozenset({"###", "# # #", "ends", "end", "(end)", "enditem", "end item", "***end***"})


def line_family(line: str) -> str | None:
    """The family whose whole-line pattern this line is, or None."""
    head = line if line[:1] not in _EDGE_SET else line.lstrip(_EDGE)
    if head[:1].isalpha():  # cheap exits: most lines start with a word no widget starts
        space = head.find(" ", 0, FIRST_WORD_SPAN)  # with, or are longer than any widget starting so
        word = (head[:space] if space >= 0 else head[:FIRST_WORD_SPAN]).lower()
        gate = _GATE.get(word)
        if gate is None:
            if word[-1:] != ":":
                return None
            limit = _DISPATCH_MAX_WORDS.get(word.rstrip(":"))
            if limit is None:
                return None
            gate = (limit, _SECOND_WORDS.get(word))
        limit, seconds = gate
        if line.count(" ") >= limit + 4:
            return None
        if seconds is not None:
            rest = head[space + 1 : space + 24].lower() if space >= 0 else ""
            if rest.split(" ", 1)[0] not in seconds:
                return None
    elif head[:1] in _QUOTES:
        return None  # a quotation, not a widget
    key = line.strip(_EDGE).lower()
    if not key:
        return "junk" if line.strip() else None
    if key[0] in "([" and key[-1] in ")]" and len(key) > 2 and key not in _END_KEYS:
        return line_family(key[1:-1])  # "(Image credit: Wareable)"
    space = key.find(" ")
    word = key if space < 0 else key[:space]
    checks = _CHECKS.get(word)
    if checks is None:
        first = key[0]
        if first.isdigit():
            if key == "30" and line.strip() == "-30-":
                return "end_marker"
            checks = _CHECKS["<digit>"]
        elif first.isalpha():
            checks = _CHECKS.get(word.rstrip(":"))
            if checks is None:
                return None
        else:
            checks = _CHECKS["<symbol>"]
    if key in _END_KEYS:
        return "end_marker"
    sentence = line[-1] in ".!?" and not line.endswith("...")
    words = key.count(" ") + 1
    for name, max_words, no_sentence, pattern in checks:
        if words > max_words or (sentence and no_sentence):
            continue
        if pattern.fullmatch(key):
            return name
    return None


#: Per family: the compiled phrase pattern (only families that have one).
PHRASE_RES: dict[str, regex.Pattern[str]] = {
    family.name: regex.compile(family.phrase, regex.IGNORECASE)
    for family in FAMILIES
    if family.phrase
}

_WIDGET_TOKEN = r"(?:\d+ ?Comments?(?:\(s\))?|Print|E-?mail|Share|Tweet|Bookmark|Comments?|Save|Font size)"

SPAN_RULES: tuple[SpanRule, ...] = (
    SpanRule(
        name="end_marker",
        reason="A news-agency end-of-story marker glued to the last sentence.",
        pattern=regex.compile(r"(?<=[.!?\"'”’)\]])( *(?:Enditem|ENDITEM|END ITEM))$"),
        ends=("Enditem", "ENDITEM", "END ITEM"),
    ),
    SpanRule(
        name="caption",
        reason="An image label glued to the headline.",
        pattern=regex.compile(
            r"((?i:article|story|post|featured|lead|main|hero|top|header) ?"
            r"(?i:image|photo|picture|thumbnail) ?)(?=\p{Lu})"
        ),
        starts=tuple(
            variant
            for word in ("article", "story", "post", "featured", "lead", "main", "hero", "top", "header")
            for variant in (word, word.capitalize(), word.upper())
        ),
    ),
    SpanRule(
        name="comments",
        reason="Widget words (comment count, print, e-mail) glued to the dateline.",
        pattern=regex.compile(
            rf"({_WIDGET_TOKEN}(?:[ |·•]*{_WIDGET_TOKEN})+[ |·•]*)(?=[\p{{Lu}}\d].*\p{{L}})"
        ),
        starts=("Print", "E-mail", "Email", "Share", "Tweet", "Bookmark", "Comment", "Save", "Font",
                *"0123456789"),
        needs=("Comment", "Print", "mail", "Share", "Tweet", "Bookmark", "Save", "Font size"),
    ),
)

#: Line prefixes and suffixes of all span rules: one cheap test per line.
SPAN_STARTS: tuple[str, ...] = tuple(prefix for rule in SPAN_RULES for prefix in rule.starts)
SPAN_ENDS: tuple[str, ...] = tuple(suffix for rule in SPAN_RULES for suffix in rule.ends)
