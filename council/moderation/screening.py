"""Screening a post on write: which reasons to hold it for, and where in the text they are.

`screen(text, watched)` runs every detector in `DETECTORS` and the admins' watched words, and
returns one `Finding` per reason code with the matched character spans (offsets into the text as
written, so `text[start:end]` is what a moderator sees highlighted).

The detectors look for what a post *does* (gives a number, invites someone to another app, asks
for secrecy, proposes a meetup, discloses harm), not for topics: teens on a youth council talk
about all of these risks all the time. So phrases inside quotes, phrases that are reported
("the teacher said ...", "groomers often say ..."), phrases followed by "is a red flag", and
advice ("never meet up with ...") are let through; the rules themselves are first-person.

Pure Python: no Flask, no database. Patterns live in `screening_rules`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

from council.moderation import screening_rules as rules

Span = tuple[int, int]

#: every reason code a finding can carry, in the order findings are returned
CODES = ("personal_data.phone", "personal_data.email", "personal_data.address",
         "personal_data.handle", "off_platform", "secrecy", "meeting", "self_harm",
         "watched_word")
#: what a watched word does, strictest first
ACTIONS = ("block", "hold", "flag")
#: regions whose national number formats are tried; numbers written with +CC or 00CC are found
#: for every region whatever this list holds
PHONE_REGIONS = ("GB", "IE", "US", "CA", "AU", "NZ", "FR", "DE", "ES", "IT", "NL", "BE", "PT",
                 "PL", "AT", "CH", "SE", "DK", "NO", "IN", "ZA")
_SERVICE_NUMBER_TYPES = {PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE,
                         PhoneNumberType.SHARED_COST, PhoneNumberType.UAN}


@dataclass(frozen=True)
class Finding:
    """One reason to hold a post: its code, where it matched and, for watched words, the action."""

    code: str
    spans: tuple[Span, ...]
    action: str | None = None


@dataclass(frozen=True)
class WatchedWord:
    """An admin's word or phrase (`*` matches any letters) and what to do when a post uses it."""

    pattern: str
    action: str

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"A watched word's action must be one of {', '.join(ACTIONS)}.")
        if not self.pattern.strip(" *"):
            raise ValueError("A watched word needs at least one letter or digit.")


# -- the post as the detectors see it -------------------------------------------------------------
# One character for one, so spans found in the normalised text are spans in the original.
_STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'",
                             "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                             "\u00a0": " ", "\u202f": " ", "\u2212": "-"})
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n+|(?<!\d)\s-\s(?!\d)")
_DOUBLE_QUOTED = re.compile(r'"[^"\n]{1,300}"|«[^»\n]{1,300}»|„[^"\n]{1,300}"')
_FLAGS = re.IGNORECASE


def _rx(source: str, flags: int = _FLAGS) -> re.Pattern[str]:
    """Compile a rule."""
    return re.compile(source, flags)


_REPORTED_BEFORE = _rx(rf"\b{rules.REPORTED_CUE}\b\s*[,:]?\s*"
                       r"(?:['\"]?[\w']+['\"]?\s+){0,6}?['\"]?\s*$")
_WARNING_AFTER = _rx(rf"^[\s'\",)]*(?:[\w']+\s+){{0,3}}?{rules.WARNING_AFTER}")
_NEGATED_BEFORE = _rx(rf"\b{rules.NEGATION_BEFORE}\s+(?:[\w']+\s+){{0,2}}?$")
_JOKE_AFTER = _rx(r"^\W{0,3}(?:\w+\W+){0,3}?(?:lol|lmao|lmfao|haha\w*|jk|/j|😂|🤣|💀)")
_SERIOUS = _rx(r"\b(?:not\s+joking|no\s+joke|fr\s+fr|seriously|for\s+real)\b")


class _Post:
    """The text of a post, straightened, with the quoted parts and sentences worked out once."""

    def __init__(self, text: str) -> None:
        self.text = text.translate(_STRAIGHTEN)

    @cached_property
    def quotes(self) -> list[Span]:
        """Spans inside double or single quotes ('...' but not the apostrophe in don't)."""
        found = [m.span() for m in _DOUBLE_QUOTED.finditer(self.text)]
        text, opener = self.text, None
        for i, char in enumerate(text):
            if char != "'":
                continue
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if opener is None:
                if (before.isspace() or before in "([{:-") and after.isalnum():
                    opener = i
            elif not before.isspace() and (after.isspace() or after in ".,;:!?)]}-"):
                found.append((opener, i + 1))
                opener = None
        return found

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]

    def sentence(self, pos: int) -> Span:
        """The sentence holding position `pos`."""
        starts = self._sentence_starts
        index = bisect_right(starts, pos) - 1
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        return starts[index], end

    def sentence_text(self, pos: int) -> str:
        """The text of the sentence holding position `pos`."""
        start, end = self.sentence(pos)
        return self.text[start:end]

    def is_quoted(self, start: int, end: int) -> bool:
        """Whether the span sits inside quotation marks."""
        return any(q_start <= start and end <= q_end for q_start, q_end in self.quotes)

    def is_discussed(self, start: int, end: int) -> bool:
        """Whether the span is quoted, reported ("she said ...") or called a warning sign."""
        if self.is_quoted(start, end):
            return True
        s_start, s_end = self.sentence(start)
        before = self.text[max(s_start, start - 80):start]
        after = self.text[end:max(end, s_end)]
        return bool(_REPORTED_BEFORE.search(before) or _WARNING_AFTER.search(after))

    @cached_property
    def email_spans(self) -> list[Span]:
        """Where the email addresses are (a handle detector must not take one for a username)."""
        return detect_email(self)

    def overlaps_email(self, start: int, end: int) -> bool:
        """Whether the span is part of an email address."""
        return any(e_start < end and start < e_end for e_start, e_end in self.email_spans)

    def is_negated(self, start: int) -> bool:
        """Whether advice or refusal comes just before ("never ...", "I won't ...")."""
        s_start, _ = self.sentence(start)
        return bool(_NEGATED_BEFORE.search(self.text[max(s_start, start - 40):start]))

    def is_joke(self, end: int) -> bool:
        """Whether a laugh follows the span and nothing says it is meant."""
        s_start, s_end = self.sentence(end - 1)
        return bool(_JOKE_AFTER.search(self.text[end:end + 25])
                    and not _SERIOUS.search(self.text[s_start:s_end]))


def _matches(post: _Post, patterns: Iterable[re.Pattern[str]], *, discussed: bool = True,
             negated: bool = False) -> list[Span]:
    """Spans of every match that is not discussed (or negated, when asked)."""
    spans = []
    for pattern in patterns:
        for m in pattern.finditer(post.text):
            if m.end() == m.start():
                continue
            if discussed and post.is_discussed(m.start(), m.end()):
                continue
            if negated and post.is_negated(m.start()):
                continue
            spans.append(m.span())
    return spans


# -- personal_data.phone --------------------------------------------------------------------------
_PHONE_RUN = _rx(rules.PHONE_RUN)
_NOT_PHONE = _rx(rf"\(?{rules.NOT_PHONE}\)?")
_PHONE_CUE = _rx(rf"\b{rules.PHONE_CUE}")
_HELPLINE_CUE = _rx(rf"\b{rules.HELPLINE_CUE}")
_IDENTIFIER_BEFORE = _rx(rf"\b{rules.NOT_PHONE_LABEL}\b(?:\s+(?!my\b|me\b)\w+){{0,2}}?"
                         r"\s*(?:number|no\.?|#)?\s*(?:is|:|=|-)?\s*$")
_NANP_SHAPE = _rx(r"(?:\+?1[\s.-]?)?\(?[2-9]\d\d\)?[\s.-]?\d{3}[\s.-]?\d{4}")
_WORD_TOKEN = _rx(r"[^\W\d_]+|\d+")
_NUMBER_GAP = _rx(r"[\s,.\-/()]*")


def _matched_number(raw: str) -> phonenumbers.PhoneNumber | None:
    """The number phonenumbers' matcher reads in `raw` (whole), trying regions in order."""
    digits = sum(ch.isdigit() for ch in raw)
    for region in ("ZZ",) if raw.startswith("+") else PHONE_REGIONS:
        for match in PhoneNumberMatcher(raw, region, leniency=Leniency.POSSIBLE):
            if sum(ch.isdigit() for ch in match.raw_string) >= digits - 1:
                return match.number
    return None


def _is_valid_somewhere(raw: str) -> bool:
    """Whether `raw` is a valid (real, allocated) number in one of PHONE_REGIONS."""
    for region in PHONE_REGIONS:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(raw, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def _is_phone(post: _Post, start: int, end: int, digits: str) -> bool:
    """Whether a run of `digits` at this span reads as someone's phone number."""
    raw = post.text[start:end]
    sentence = post.sentence_text(start)
    if not 7 <= len(digits) <= 15 or _NOT_PHONE.fullmatch(raw) or _HELPLINE_CUE.search(sentence):
        return False
    if _IDENTIFIER_BEFORE.search(post.text[max(0, start - 25):start]):
        return False
    number = _matched_number(raw)
    if number is None:
        return False
    if (phonenumbers.is_valid_number(number)
            and phonenumbers.number_type(number) in _SERVICE_NUMBER_TYPES):
        return False  # freephone, premium, shared cost: a service, not a person
    if raw.startswith(("+", "00")) or (len(digits) >= 9 and digits[0] == "0"):
        return True
    if _NANP_SHAPE.fullmatch(raw) or _PHONE_CUE.search(sentence):
        return True
    return len(digits) >= 9 and _is_valid_somewhere(raw)


def _spelled_runs(text: str) -> Iterable[tuple[int, int, str, int]]:
    """Runs of number words and digits: (start, end, digits, how many tokens were words)."""
    run: list[tuple[int, int, str, str]] = []  # (start, end, digits, kind)
    last_end = None

    def flush() -> Iterable[tuple[int, int, str, int]]:
        if run:
            yield (run[0][0], run[-1][1], "".join(t[2] for t in run),
                   sum(t[3] != "digits" for t in run))

    for m in _WORD_TOKEN.finditer(text):
        if last_end is not None and not _NUMBER_GAP.fullmatch(text[last_end:m.start()]):
            yield from flush()
            run = []
        token = _number_token(m.group().lower(), run)
        if token is None:
            yield from flush()
            run, last_end = [], None
            continue
        run.append((m.start(), m.end(), *token))
        last_end = m.end()
    yield from flush()


def _number_token(word: str, run: list[tuple[int, int, str, str]]) -> tuple[str, str] | None:
    """The digits and kind of one token of a spelled number; None if it is not part of one."""
    previous = run[-1] if run else None
    repeat = int(previous[3][5:]) if previous and previous[3].startswith("times") else 1
    if word.isdigit():
        return word * repeat, "digits"
    if word in rules.MULTIPLIER_WORDS:
        return "", f"times{rules.MULTIPLIER_WORDS[word]}"
    if word in rules.TENS_WORDS:
        return rules.TENS_WORDS[word] + "0", "tens"
    if word in rules.ZEROS_WORDS and run:
        return rules.ZEROS_WORDS[word], "word"
    if word not in rules.DIGIT_WORDS:
        return None
    digit = rules.DIGIT_WORDS[word]
    if previous and previous[3] == "tens" and digit != "0":
        run[-1] = (previous[0], previous[1], previous[2][0], "tens")  # "seventy seven" is 77
    return digit * repeat, "word"


def detect_phone(post: _Post) -> list[Span]:
    """Phone numbers: every format phonenumbers' matcher accepts (+CC for any region, national
    formats for PHONE_REGIONS), digits split by spaces, dots or dashes ("0 7 7 0 0 - 9 0 0 ..."),
    and numbers spelled out ("zero seven seven ...", "double oh", "nine hundred").

    Lets through: dates, times, year ranges, prices, versions, statistics, helpline and
    freephone numbers, and short runs (7-8 digits) unless the sentence talks about a number.
    """
    text = post.text
    if sum(ch.isdigit() for ch in text) < 7 and not any(
            w in text.lower() for w in ("zero", "oh ", "one", "two", "five", "seven", "nine")):
        return []
    spans = []
    for m in _PHONE_RUN.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if _is_phone(post, m.start(), m.end(), digits):
            spans.append(m.span())
    for start, end, digits, words in _spelled_runs(text):
        sentence = post.sentence_text(start)
        if words < 2 or not 7 <= len(digits) <= 15 or _HELPLINE_CUE.search(sentence):
            continue
        if len(digits) >= 9 or _PHONE_CUE.search(sentence):
            spans.append((start, end))
    return spans


# -- personal_data.email --------------------------------------------------------------------------
_EMAIL_PLAIN = _rx(rules.EMAIL_PLAIN)
_EMAIL_OBFUSCATED = re.compile(rules.EMAIL_OBFUSCATED_CS)  # case matters: " AT " vs " at "
_EMAIL_PROVIDER_LABELLED = _rx(rules.EMAIL_PROVIDER_LABELLED)


def _is_obfuscated_email(m: re.Match[str]) -> bool:
    """Whether "x at y dot z" is an address rather than a sentence ("look at bbc.com")."""
    local = m.group("local")
    plain_at = m.group("at").strip() == "at"
    plain_dot = m.group("dot") == "."
    if local.lower() in rules.EMAIL_LOCAL_STOP:
        return False
    if not plain_at or not plain_dot:
        return True
    domain = re.split(r"\W", m.group("domain"))[0].lower()
    return bool(re.search(r"[._\d-]", local)) or domain in rules.MAIL_PROVIDERS


def detect_email(post: _Post) -> list[Span]:
    """Email addresses, plain or written out ("jess dot w at example dot co dot uk", "tom [at]
    example [dot] org", "(underscore)").

    Lets through: talk about email ("phishing emails", "our council email is on the website"),
    and "at" sentences that only look like addresses ("look at bbc.com").
    """
    spans = [m.span() for m in _EMAIL_PLAIN.finditer(post.text)]
    spans += [m.span() for m in _EMAIL_OBFUSCATED.finditer(post.text)
              if _is_obfuscated_email(m)]
    for m in _EMAIL_PROVIDER_LABELLED.finditer(post.text):
        is_plain = _EMAIL_PLAIN.match(post.text, m.start("handle"))
        if not is_plain and not post.is_discussed(*m.span()):
            spans.append(_trimmed(m, "handle"))
    return spans


# -- personal_data.address ------------------------------------------------------------------------
_STREET = _rx(rf"{rules.HOUSE_NUMBER}\s+(?P<names>(?:[A-Za-z][A-Za-z'-]+\s+){{1,3}})"
              rf"{rules.STREET_TYPE}\b\.?{rules.APARTMENT}?")
_STREET_THEN_NUMBER = re.compile(rf"\b(?:[A-Z][a-zA-Z'-]+\s+){{1,3}}(?i:{rules.STREET_TYPE})\b"
                                 r"(?P<number>,?\s+(?i:number|no\.?|nr\.?|#)\s*\d{1,4}[a-zA-Z]?)?")
_RESIDENCE_BEFORE = _rx(rf"{rules.RESIDENCE_CUE}\s+(?:(?:at|on|in)\s+)?(?:the\s+)?$")
_RESIDENCE_ANYWHERE = _rx(rf"\b{rules.RESIDENCE_CUE}\b|\baddress\b|\bpost\s?code\b")
_AT_NUMBER = _rx(rf"\b{rules.LIVING_CUE}\s+(?:at\s+|on\s+)?"
                 r"(?:number|no\.?|nr\.?)\s*\d{1,4}[a-z]?\b")
_POSTCODE = re.compile(rules.UK_POSTCODE_CS)
_POSTCODE_LABELLED = _rx(rules.POSTCODE_LABELLED)
_NUMBER_ON_STREET = re.compile(rules.NUMBER_ON_STREET_CS)
_OTHER_ADDRESS = [re.compile(rules.HOUSE_ON_THE_CS), re.compile(rules.GERMAN_STREET_CS),
                  _rx(rules.FRENCH_STREET), _rx(rules.SPANISH_STREET),
                  re.compile(rules.ITALIAN_STREET_CS), re.compile(rules.US_ZIP_CS)]
_ADDRESS_LABEL = _rx(rules.ADDRESS_LABEL)
_HOUSE_NUMBER_LABELLED = _rx(rules.HOUSE_NUMBER_LABELLED)


def _street_spans(post: _Post) -> list[Span]:
    """"7 Orchard Close": a house number, a street name and a street type."""
    spans = []
    for m in _STREET.finditer(post.text):
        names = m.group("names").split()
        if any(name.lower() in rules.STREET_NAME_STOP for name in names):
            continue
        if not all(name[0].isupper() for name in names) and not _RESIDENCE_ANYWHERE.search(
                post.sentence_text(m.start())):
            continue
        spans.append(m.span())
    return spans


def detect_address(post: _Post) -> list[Span]:
    """Home addresses: house number and street ("7 Orchard Close", "45 Kingsway Road, flat 2"),
    street then number ("Elm Street, number 3", "Lindenstraße 12", "calle Mayor 8", "5 avenue
    Victor Hugo"), postcodes (UK style, the ZZ test area, US state + ZIP), "I live on Elm Street",
    "my address is ..." with a number.

    Lets through: talk about addresses ("don't post your address online"), "I basically live at
    the gym", room numbers, times and statistics, and example addresses in quotes.
    """
    text, spans = post.text, _street_spans(post)
    for m in _STREET_THEN_NUMBER.finditer(text):
        before = text[post.sentence(m.start())[0]:m.start()]
        if m.group("number") or _RESIDENCE_BEFORE.search(before):
            spans.append(m.span())
    spans += [m.span() for m in _AT_NUMBER.finditer(text)]
    spans += [m.span() for m in _POSTCODE.finditer(text)]
    spans += [m.span("code" if m.group("code") else "zip")
              for m in _POSTCODE_LABELLED.finditer(text)]
    spans += [m.span() for m in _NUMBER_ON_STREET.finditer(text)]
    for pattern in _OTHER_ADDRESS:
        spans += [m.span() for m in pattern.finditer(text)]
    spans += [m.span("rest") for m in _ADDRESS_LABEL.finditer(text)]
    spans += [m.span() for m in _HOUSE_NUMBER_LABELLED.finditer(text)]
    return [span for span in spans if not post.is_quoted(*span) and not _is_venue(post, span)]


def _is_venue(post: _Post, span: Span) -> bool:
    """Whether a street address is where an official council event happens, said as logistics."""
    sentence = post.sentence_text(span[0])
    return bool(_OFFICIAL.search(sentence) and not _RESIDENCE_ANYWHERE.search(sentence)
                and not _PRIVATE.search(sentence)
                and not _POSTCODE.search(post.text[span[0]:span[1]]))


# -- personal_data.handle -------------------------------------------------------------------------
_HANDLE_LABELLED = _rx(rules.HANDLE_LABELLED)
_PLATFORM_SHORT = _rx(rf"^(?:my\s+|mein\s+|meine\s+|mi\s+|mon\s+|ma\s+)?{rules.PLATFORM_SHORT}\b")
_POSSESSIVE = _rx(r"^(?:my|mein|meine|mi|mon|ma)\s")
_HANDLE_AT_ON = _rx(rules.HANDLE_AT_ON)
_HANDLE_KEYWORD = _rx(rules.HANDLE_KEYWORD)
_HANDLE_AFTER_INVITE = _rx(rules.HANDLE_AFTER_INVITE)
_HANDLE_IM_ON = _rx(rules.HANDLE_IM_ON)
_MAIL_LABEL = _rx(r"\b(?:gmail|hotmail|outlook|yahoo|icloud)\b")
_HANDLE_DISCORD_TAG = _rx(rules.HANDLE_DISCORD_TAG)
_HANDLE_DERIVABLE = _rx(rules.HANDLE_DERIVABLE)
_PLATFORM_MENTION = _rx(rf"\b{rules.PLATFORM}\b")
_CONTACT_VERB = _rx(rules.CONTACT_VERB)
_STRONG_HANDLE = _rx(rules.HANDLE_SHAPED)
_NOT_A_HANDLE = _rx(rules.NOT_A_HANDLE)
_HANDLE_KEYWORDS_STRONG = _rx(r"^(?:gamer\s?tag|ign|psn\s*id|epic\s*id|friend\s*code)")


def _is_handle(token: str, *, strict: bool) -> bool:
    """Whether a token after "my snap is" looks like a username (strict: only unusual shapes)."""
    bare = token.lstrip("@").rstrip(".-")
    if not bare or bare.lower() in rules.HANDLE_STOP or _NOT_A_HANDLE.fullmatch(token):
        return False
    if _STRONG_HANDLE.fullmatch(bare) or token.startswith("@"):
        return True
    return (not strict and len(bare) >= 3 and bare.isalnum()
            and not re.search(r"(?:er|est|ly|ing|ed)$", bare.lower()))


def _trimmed(m: re.Match[str], group: str) -> Span:
    """The span of a handle group without trailing full stops or dashes."""
    start, end = m.span(group)
    while end > start and m.string[end - 1] in ".-":
        end -= 1
    return start, end


def detect_handle(post: _Post) -> list[Span]:
    """Usernames shared for contact: "my snap is x", "sc: x", "tiktok: @x", "@x on insta",
    "discord: name#1234", "gamertag Blue Falcon 77", a username-shaped word in a sentence that
    names an app, "same username as here + 07".

    Lets through: apps named without a username ("Snap Map", "add me on snap" alone), features
    ("@everyone"), "my insta is private", talk about usernames, quoted or reported examples.
    """
    spans = _labelled_handles(post) + _keyword_handles(post) + _handles_near_platform(post)
    for pattern in (_HANDLE_AT_ON, _HANDLE_AFTER_INVITE, _HANDLE_DISCORD_TAG):
        spans += [m.span("handle") for m in pattern.finditer(post.text)
                  if not _NOT_A_HANDLE.fullmatch(m.group("handle"))
                  and not post.is_discussed(*m.span())]
    spans += [_trimmed(m, "handle") for m in _HANDLE_IM_ON.finditer(post.text)
              if _is_handle(m.group("handle"), strict=True) and not post.is_discussed(*m.span())]
    for m in _HANDLE_DERIVABLE.finditer(post.text):
        sentence = post.sentence_text(m.start())
        contact = _PLATFORM_MENTION.search(sentence) or _CONTACT_VERB.search(sentence)
        if contact and not post.is_discussed(*m.span()):
            spans.append(m.span())
    return [span for span in spans if not post.overlaps_email(*span)]


def _labelled_handles(post: _Post) -> list[Span]:
    """Handles after a label ("my snap is x", "sc: x"); short or unowned labels need odd shapes."""
    spans = []
    for m in _HANDLE_LABELLED.finditer(post.text):
        label = m.group()[:m.start("handle") - m.start()]
        if _MAIL_LABEL.search(label):
            continue  # "my gmail is x" is an email address
        owned = _POSSESSIVE.match(label) or ":" in label
        strict = bool(_PLATFORM_SHORT.match(label)) or not owned
        if _is_handle(m.group("handle"), strict=strict) and not post.is_discussed(*m.span()):
            spans.append(_trimmed(m, "handle"))
    return spans


def _keyword_handles(post: _Post) -> list[Span]:
    """Handles after a keyword: "gamertag Blue Falcon 77", "username SkyBlazer99 on roblox"."""
    spans = []
    for m in _HANDLE_KEYWORD.finditer(post.text):
        sentence = post.sentence_text(m.start())
        first = m.group("handle").split()[0]
        context = _HANDLE_KEYWORDS_STRONG.match(m.group()) or _PLATFORM_MENTION.search(sentence)
        if context and _is_handle(first, strict=False) and not post.is_discussed(*m.span()):
            spans.append(_trimmed(m, "handle"))
    return spans


def _handles_near_platform(post: _Post) -> list[Span]:
    """Username-shaped words ("moon_walker", "kiki.rose") in a sentence naming an app."""
    spans = []
    for m in _STRONG_HANDLE.finditer(post.text):
        token = m.group()
        if _NOT_A_HANDLE.fullmatch(token) or post.overlaps_email(*m.span()):
            continue
        sentence = post.sentence_text(m.start())
        platforms = [p.group().lower() for p in _PLATFORM_MENTION.finditer(sentence)]
        if platforms and token.lower().lstrip("@") not in platforms \
                and not post.is_discussed(*m.span()):
            spans.append(_trimmed(m, 0))
    return spans


# -- intent detectors -----------------------------------------------------------------------------
_OFF_PLATFORM = [_rx(p) for p in rules.OFF_PLATFORM_EN + rules.OFF_PLATFORM_OTHER]
_SECRECY = [_rx(p) for p in rules.SECRECY_EN + rules.SECRECY_OTHER]
_MEETING = [_rx(p) for p in rules.MEETING_EN + rules.MEETING_OTHER]
_SELF_HARM = [_rx(p) for p in rules.SELF_HARM_EN + rules.SELF_HARM_OTHER]
_OFFICIAL = _rx(rf"\b{rules.OFFICIAL_CONTEXT}")
_THIRD_PERSON_BEFORE = _rx(rf"\b{rules.THIRD_PERSON_BEFORE}\s+(?:{rules.AUXILIARY}\s+){{0,2}}$")
_PRIVATE = _rx(rf"\b{rules.PRIVATE_CONTEXT}\b")
_HARMLESS_SECRET = _rx(rf"\b{rules.HARMLESS_SECRET}\b")
_GUARDED_AUDIENCE = _rx(rf"\b{rules.GUARDED_AUDIENCE}\b")


def detect_off_platform(post: _Post) -> list[Span]:
    """Invitations to continue somewhere else: "dm me", "text me", "add me on", "hmu", "email me",
    "let's talk on whatsapp", "what's your snap?", "I'll text you", "écris-moi", "escríbeme",
    "schreib mir", "can we move this to discord".

    Lets through: contact details given without an invitation (those are personal_data only),
    advice ("never add people you don't know"), someone else doing it ("my mum will text me when
    she's outside", "randoms dm me all the time"), and invitations that are quoted, reported or
    called a scam ("scammers always say 'dm me'").
    """
    return [(start, end) for start, end in _matches(post, _OFF_PLATFORM, negated=True)
            if not _THIRD_PERSON_BEFORE.search(post.text[max(0, start - 30):start])]


def detect_secrecy(post: _Post) -> list[Span]:
    """Requests to hide the conversation: "don't tell your parents", "between us", "keep this
    secret", "delete this chat after", "if the mods ask, say we never talked", in English, French,
    Spanish and German.

    Lets through: the same phrases quoted or reported as warning signs ("someone told me to keep it
    secret, so I reported them"), "secret chat" features, "not sure who to talk to", surprises
    kept from friends ("tell no one about the surprise party"), and jokes marked with a laugh
    ("I love pineapple pizza, don't tell anyone 😂").
    """
    return [(start, end) for start, end in _matches(post, _SECRECY)
            if not post.is_joke(end) and not _is_harmless_secret(post, start, end)]


def _is_harmless_secret(post: _Post, start: int, end: int) -> bool:
    """A surprise party or a present, kept from friends, not from parents or moderators."""
    return bool(_HARMLESS_SECRET.search(post.sentence_text(start))
                and not _GUARDED_AUDIENCE.search(post.text[start:end]))


def detect_meeting(post: _Post) -> list[Span]:
    """One-to-one meetups: "let's meet at", "meet up irl", "where do you live", "come over", "I can
    pick you up", "just the two of us", "on se voit", "quedamos", "treffen wir uns".

    Lets through: meeting the council as a whole at an official event (unless it is "just the two of
    us"), "nice to meet you", advice ("never meet up with ..."), quoted or role-played lines.
    """
    spans = []
    for start, end in _matches(post, _MEETING, negated=True):
        sentence = post.sentence_text(start)
        if _OFFICIAL.search(sentence) and not _PRIVATE.search(sentence):
            continue
        spans.append((start, end))
    return spans


def detect_self_harm(post: _Post) -> list[Span]:
    """First-person self-harm, suicidal thoughts and abuse disclosures: "I want to die", "I've been
    cutting again", "better off without me", "my stepdad hits me", "kms", "j'ai envie de
    mourir", "me corto", "ich will nicht mehr leben".

    Lets through: idioms ("dying to see", "killed it", "death of me"), accidents ("hurt my knee in
    PE"), support and discussion ("if you feel like hurting yourself, call a helpline",
    "people who self-harm need support"), other people in hypotheticals, and jokes marked with a
    laugh unless the post says it is serious.
    """
    return [(start, end) for start, end in _matches(post, _SELF_HARM) if not post.is_joke(end)]


Detector = Callable[[_Post], list[Span]]
#: every detector and the reason code it raises, run in this order
DETECTORS: list[tuple[str, Detector]] = [
    ("personal_data.phone", detect_phone),
    ("personal_data.email", detect_email),
    ("personal_data.address", detect_address),
    ("personal_data.handle", detect_handle),
    ("off_platform", detect_off_platform),
    ("secrecy", detect_secrecy),
    ("meeting", detect_meeting),
    ("self_harm", detect_self_harm),
]


# -- watched words --------------------------------------------------------------------------------
_LEET = {"a": "a4@", "e": "e3", "i": "i1", "l": "l1", "o": "o0", "s": "s5$", "t": "t7"}
#: an admin who types "n00b" means "noob" too
_LEET.update({"4": _LEET["a"], "@": _LEET["a"], "3": _LEET["e"], "1": "il1", "0": _LEET["o"],
              "5": _LEET["s"], "$": _LEET["s"], "7": _LEET["t"]})


@lru_cache(maxsize=1024)
def watched_word_regex(pattern: str) -> re.Pattern[str]:
    """A watched word as a regex: case-insensitive, whole words, repeats and l33t allowed."""
    parts = []
    for char in pattern.strip().lower():
        if char.isspace():
            if parts and parts[-1] != r"[\W_]+":
                parts.append(r"[\W_]+")
        elif char == "*":
            parts.append(r"[\w@$]*")
        elif char in _LEET:
            parts.append("[" + re.escape(_LEET[char]) + "]+")
        else:
            parts.append(re.escape(char) + "+")
    return re.compile(r"(?<![\w@$])" + "".join(parts) + r"(?![\w@$])", re.IGNORECASE)


def detect_watched(post: _Post, watched: Sequence[WatchedWord]) -> Finding | None:
    """The admins' watched words, wherever they appear (quoted or not): case-insensitive, whole
    words only, with repeated letters ("sooo") and l33t ("h3ll0", "$t@te") allowed. One finding
    carries every span and the strictest action of the words matched (block > hold > flag).

    Lets through: the word inside a longer word ("class" for "ass").
    """
    spans, actions = [], set()
    for word in watched:
        found = [m.span() for m in watched_word_regex(word.pattern).finditer(post.text)]
        if found:
            spans += found
            actions.add(word.action)
    if not spans:
        return None
    action = next(a for a in ACTIONS if a in actions)
    return Finding("watched_word", _merge(spans, post.text), action)


# -- the pipeline ---------------------------------------------------------------------------------
def _merge(spans: Iterable[Span], text: str) -> tuple[Span, ...]:
    """Sorted spans, trimmed of surrounding spaces, with overlapping or touching ones joined."""
    merged: list[list[int]] = []
    for start, end in sorted(_trim(span, text) for span in spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged if end > start)


def _trim(span: Span, text: str) -> Span:
    """A span without the whitespace at either end."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def screen(text: str, watched: Sequence[WatchedWord] = ()) -> list[Finding]:
    """Every reason to hold this post, one finding per code, with the matched spans."""
    post = _Post(text)
    findings = []
    for code, detector in DETECTORS:
        spans = detector(post)
        if spans:
            findings.append(Finding(code, _merge(spans, post.text)))
    watched_finding = detect_watched(post, watched)
    if watched_finding:
        findings.append(watched_finding)
    return findings
