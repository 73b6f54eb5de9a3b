"""Patterns for the post screen, kept apart from the detectors that use them.

Each constant is a regular-expression source or a word list. Sources are compiled
case-insensitively by `screening.py`, except those whose name ends in `_CS`, where case matters
("7 Orchard Close", "name AT example DOT com"). They describe *kinds* of language:
first-person invitations, requests to hide things, disclosures. They are written from how teens
write, in English and the common French, Spanish and German phrasings, never copied from a
labelled post. Text reaches them with curly quotes and dashes already straightened.
"""
from __future__ import annotations


def alt(*words: str) -> str:
    """A non-capturing alternation of regex fragments."""
    return "(?:" + "|".join(words) + ")"


# -- small pieces ---------------------------------------------------------------------------------
ME = r"(?:me|meh)"
YOU = r"(?:you|u|ya|yu|yall|y'all)"
YOUR = r"(?:your|ur|yr|youre|you're)"
DONT = r"(?:don'?t|dont|do not|pls don'?t|plz don'?t|please don'?t|never)"
PLEASE = r"(?:pls|plz|please|plox)"
#: apps and games people move a chat to or share a username for (unambiguous names)
PLATFORM = alt(
    r"snap(?:chat)?", r"insta(?:gram)?", r"ig", r"tik\s?tok", r"discord", r"telegram", r"kik",
    r"steam", r"xbox(?:\s?live)?", r"psn", r"playstation", r"roblox", r"minecraft", r"fortnite",
    r"twitter", r"twitch", r"youtube", r"whats\s?app", r"wechat", r"skype", r"reddit",
    r"facebook", r"messenger", r"bereal", r"pinterest", r"tumblr", r"wattpad", r"vsco", r"yubo",
    r"omegle", r"wizz", r"face\s?time", r"imessage", r"bluesky", r"bsky", r"mastodon",
    r"battle\.?net", r"valorant", r"genshin", r"signal", r"threads", r"line app", r"hoop",
    r"zepeto", r"epic(?: games)?", r"nintendo(?: switch)?", r"gmail", r"hotmail", r"outlook",
)
#: short or everyday words that name a platform only in a "label: name" position
PLATFORM_SHORT = alt(r"sc", r"tt", r"yt", r"fb", r"wa", r"x", r"ps", r"switch", r"tg", r"dc")
#: somewhere that is not here: an app, private messages, text messages, a call
ELSEWHERE = alt(PLATFORM, r"dms?", r"pms?", r"private(?:ly)?", r"priv", r"text", r"sms",
                r"email", r"e-mail", r"mail", r"the phone", r"phone", r"call", r"another app",
                r"a different app", r"somewhere else", r"elsewhere")

# -- personal_data.phone --------------------------------------------------------------------------
#: a run of digits that could be a phone number: digits with spaces, dots, dashes, slashes or
#: brackets between them, optionally starting with + or 00
PHONE_RUN = r"(?<![\w@./:£$€-])(?:\+|00)?\(?\d(?:[ \t.\-/()]{0,3}\d){6,16}\)?(?![\w@]|[.,]\d|:\d)"
#: digits written as words inside a number
DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
    "three": "3", "four": "4", "for": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10",
    # French, Spanish, German (only within a run of number words)
    "zéro": "0", "un": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "sept": "7",
    "huit": "8", "neuf": "9", "cero": "0", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4",
    "cinco": "5", "seis": "6", "siete": "7", "ocho": "8", "nueve": "9", "null": "0", "eins": "1",
    "zwei": "2", "drei": "3", "vier": "4", "fünf": "5", "sechs": "6", "sieben": "7", "acht": "8",
    "neun": "9",
}
TENS_WORDS = {"twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6",
              "seventy": "7", "eighty": "8", "ninety": "9"}
MULTIPLIER_WORDS = {"double": 2, "triple": 3, "treble": 3}
ZEROS_WORDS = {"hundred": "00", "thousand": "000"}
#: words that make a 7-8 digit run read as a phone number
PHONE_CUE = alt(r"phone", r"mobile", r"cell", r"number", r"digits", r"num", r"no\.", r"tel",
                r"call", r"ring", r"text", r"txt", r"whats\s?app", r"sms", r"area code",
                r"reach me", r"numéro", r"número", r"numero", r"nummer", r"handy", r"móvil",
                r"movil", r"portable", r"llama", r"appelle", r"ruf")
#: a number for a helpline or service is not personal data
HELPLINE_CUE = alt(r"helpline", r"hotline", r"childline", r"samaritans", r"crisis", r"lifeline",
                   r"support line", r"free ?phone", r"toll.?free", r"emergency", r"police",
                   r"ambulance", r"nspcc", r"shout", r"charity")
#: labels just before a run of digits that make it an identifier, not a phone number
NOT_PHONE_LABEL = alt(r"meeting\s+id", r"id", r"passcode", r"pass\s+code", r"pin", r"code",
                      r"order",
                      r"reference", r"ref", r"ticket", r"tracking", r"invoice", r"account", r"isbn",
                      r"student\s+(?:number|no\.?)", r"candidate\s+(?:number|no\.?)", r"serial",
                      r"case\s+(?:number|no\.?)", r"flight", r"room")
#: shapes that look like phone runs but are dates, times, year ranges, versions or money
NOT_PHONE = alt(
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}",            # 12.05.2024, 1/2/25
    r"\d{4}[./-]\d{1,2}[./-]\d{1,2}",              # 2024-05-12
    r"(?:19|20)\d\d\s*[-/]\s*(?:19|20)?\d\d",      # 2019-2023
    r"\d+\.\d{1,2}",                               # 49.99
)

# -- personal_data.email --------------------------------------------------------------------------
EMAIL_PLAIN = (r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
               r"\.[A-Za-z]{2,}\b")
_BR_OPEN, _BR_CLOSE = r"[(\[{<]", r"[)\]}>]"
EMAIL_AT = alt(rf"\s*{_BR_OPEN}\s*(?:at|@)\s*{_BR_CLOSE}\s*", r"\s+(?:at|AT|At)\s+", r"\s*@\s*")
EMAIL_DOT = alt(rf"\s*{_BR_OPEN}\s*(?:dot|\.)\s*{_BR_CLOSE}\s*", r"\s+(?:dot|DOT|Dot)\s+", r"\.")
EMAIL_JOIN = alt(EMAIL_DOT, rf"\s*{_BR_OPEN}\s*(?:underscore|_|dash|-)\s*{_BR_CLOSE}\s*",
                 r"\s+underscore\s+", r"_", r"-")
EMAIL_NAME = r"[A-Za-z0-9][A-Za-z0-9_%+-]*"
EMAIL_TLD = alt("com", "org", "net", "edu", "gov", "io", "co", "uk", "de", "fr", "es", "it",
                "nl", "be", "ie", "au", "ca", "us", "me", "info", "biz", "eu", "ch", "at", "pl",
                "pt", "se", "no", "dk", "fi", "nz", "in", "ac", "sch", "mx", "ar", "br")
EMAIL_OBFUSCATED_CS = (rf"(?<![\w@.])(?P<local>{EMAIL_NAME}(?:{EMAIL_JOIN}{EMAIL_NAME})*)"
                       rf"(?P<at>{EMAIL_AT})"
                       rf"(?P<domain>{EMAIL_NAME}(?:{EMAIL_DOT}{EMAIL_NAME})*?)"
                       rf"(?P<dot>{EMAIL_DOT})(?P<tld>{EMAIL_TLD})\b")
#: "my gmail is jake.p2009": the provider stands for the domain
EMAIL_PROVIDER_LABELLED = (
    r"\bmy\s+(?:gmail|hotmail|outlook|yahoo|icloud|proton(?:mail)?|school\s+email|email|e-mail"
    r"|mail)\s*(?:is|:|=|-)\s*(?P<handle>[A-Za-z0-9][A-Za-z0-9._-]*[._\d][A-Za-z0-9._-]*)")
MAIL_PROVIDERS = {"gmail", "googlemail", "hotmail", "outlook", "yahoo", "icloud", "live", "aol",
                  "proton", "protonmail", "gmx", "web", "orange", "free", "laposte", "wanadoo",
                  "btinternet", "sky", "example", "mail", "yandex", "zoho"}
#: ordinary words that are never the local part of an address written with a plain " at "
EMAIL_LOCAL_STOP = {"me", "us", "you", "u", "him", "her", "them", "it", "this", "that", "look",
                    "home", "school", "here", "there", "is", "be", "was", "were", "are", "one",
                    "email", "mail", "address", "contact", "write", "reach", "see", "find"}

# -- personal_data.address ------------------------------------------------------------------------
STREET_TYPE = alt(
    "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "drive", "dr", "close",
    "crescent", "cres", "terrace", "way", "walk", "court", "ct", "place", "pl", "boulevard",
    "blvd", "grove", "gardens", "gdns", "hill", "row", "mews", "square", "sq", "parade", "green",
    "view", "rise", "vale", "park", "circle", "highway", "hwy", "parkway", "pkwy", "croft",
    "meadows?", "wharf", "heights", "trail", "loop", "chase", "villas", "cottages", "embankment",
    "approach", "gate", "end", "fold", "side", "broadway",
)
#: words that sit between a number and a street type without being a street name
#: ("a 5 minute walk", "3 more days and a half")
STREET_NAME_STOP = {
    "the", "a", "an", "my", "your", "our", "their", "his", "her", "minute", "minutes", "min",
    "mins", "hour", "hours", "hr", "hrs", "mile", "miles", "km", "kms", "metre", "metres", "meter",
    "meters", "step", "steps", "people", "times", "day", "days", "week", "weeks", "year", "years",
    "second", "seconds", "and", "or", "of", "to", "in", "on", "at", "from", "by", "for", "with",
    "down", "up", "across", "over", "round", "around", "into", "out", "more", "less", "way",
    "ways", "other", "different", "same", "sides", "lanes", "roads",
    "streets", "stops", "stop", "is", "was", "are", "were", "it", "its", "this", "that", "we",
    "i", "you", "u", "they", "he", "she", "them", "me", "us", "kids", "teens", "members",
    "floors", "floor", "story", "stories", "level", "levels", "lol", "lmao", "x", "am", "pm",
}
HOUSE_NUMBER = r"(?<![\w.,:/£$€-])\d{1,5}[a-zA-Z]?(?![\w:.,]\d)"
#: "9 The Crescent"
HOUSE_ON_THE_CS = rf"{HOUSE_NUMBER}\s+The\s+(?:[A-Z][a-zA-Z'-]+\s+)?(?i:{STREET_TYPE})\b"
APARTMENT = r"(?:,?\s*(?:apt|apartment|flat|unit|suite|#)\.?\s*\d+[a-zA-Z]?)"
#: someone saying where they live ("I live at number 7")
LIVING_CUE = alt(r"i\s+live", r"we\s+live", r"i\s+stay", r"we\s+(?:just\s+)?moved",
                 r"my\s+(?:house|home|flat)\s+is",
                 r"lives?", r"i'?m\s+living", r"(?:house|flat|home)\s*:")
#: someone saying where they are or stay ("I live at", "my house is", "home:")
RESIDENCE_CUE = alt(
    r"i\s+live", r"i'?m\s+living", r"we\s+live", r"i\s+stay", r"we\s+(?:just\s+)?moved",
    r"i'?m\s+staying", r"my\s+(?:house|home|flat|place|address)\s+is", r"(?:home|address)\s*:",
    r"i'?m\s+(?:at|on)", r"im\s+(?:at|on)", r"come\s+(?:to|round\s+to|over\s+to)",
    r"lives?\s+(?:at|on)", r"j'habite", r"ich\s+wohne", r"wir\s+wohnen", r"vivo", r"vivimos",
)
#: UK-style postcodes (including the ZZ test area); inward codes never read as ordinals
UK_POSTCODE_CS = (r"\b(?:[A-Z]{1,2}\d[A-Z\d]?)\s?\d(?!st\b|nd\b|rd\b|th\b)"
                  r"[ABD-HJLNP-UW-Z]{2}\b")
#: after "postcode" (then in any case, "zz2 9ab") and US ZIP codes after "zip"
POSTCODE_LABELLED = (rf"\bpost\s?code(?:'s)?\s*(?:is|:|-|=)?\s*(?P<code>{UK_POSTCODE_CS})"
                     r"|\bzip(?:\s?code)?(?:'s)?\s*(?:is|:|-|=)?\s*(?P<zip>\d{5}(?:-\d{4})?)\b")
NUMBER_ON_STREET_CS = (r"\b(?i:number|no\.?|#)\s*\d{1,4}[a-zA-Z]?,?\s+(?i:on|in|at)?\s*"
                       rf"(?:[A-Z][a-zA-Z'-]+\s+){{1,3}}(?i:{STREET_TYPE})\b")
US_ZIP_CS = r"\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b"
GERMAN_STREET_CS = (r"\b[A-ZÄÖÜ][a-zäöüß]+(?:weg|straße|strasse|str\.|gasse|allee|platz|ring|damm"
                    r"|ufer|chaussee|steig|pfad|stieg)\s+\d{1,4}[a-z]?\b")
FRENCH_STREET = (r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|chemin|allée|allee"
                 r"|impasse|place|route|quai|cours|square|résidence)\s+(?:(?:de\s+la|de\s+l'|des"
                 r"|du|de|d')\s*)?[\wÀ-ÿ'-]+")
SPANISH_STREET = (r"\b(?:calle|c/|avenida|avda\.?|plaza|paseo|camino|carrer|rúa|ronda|travesía)"
                  r"\s+(?:(?:de\s+la|de\s+los|de\s+las|del|de|la|el)\s+)?[\wÀ-ÿ'-]+"
                  r"(?:\s+[^\W\d][\wÀ-ÿ'-]*)?"
                  r",?\s*(?:n[º°o]\.?\s*)?\d{1,4}(?:,?\s*\d+\s*[º°ª]\s*[A-Za-z]?)?")
ITALIAN_STREET_CS = (r"\b(?:[Vv]ia|[Vv]iale|[Pp]iazza|[Cc]orso)\s+[A-Z][\wÀ-ÿ']+"
                     r"(?:\s+[A-Z][\wÀ-ÿ']+)?,?\s*\d{1,4}\b")
#: "my house number is 42"
HOUSE_NUMBER_LABELLED = (r"\b(?:my|our)\s+(?:house|flat|door|apartment)\s+(?:number|no\.?)"
                         r"\s*(?:is|'s|:)?\s*\d{1,4}[a-z]?\b")
#: "my address is ..." followed by something with a digit in the same clause
ADDRESS_LABEL = (r"\b(?:my\s+|home\s+|our\s+)?address\s*(?:is|:|=|-)\s*"
                 r"(?P<rest>[^.!?\n]{0,60}?\d[^.!?\n]{0,30})")

# -- personal_data.handle -------------------------------------------------------------------------
#: a username as typed: letters, digits, dots, underscores, dashes, a Discord #tag
HANDLE_TOKEN = r"@?[A-Za-z0-9][A-Za-z0-9._#-]{1,31}"
#: what "my insta is ..." is often followed by that is not a username
HANDLE_STOP = {
    "private", "priv", "public", "down", "dead", "gone", "broken", "banned", "deleted", "new",
    "old", "the", "a", "an", "same", "on", "off", "not", "so", "just", "literally", "my", "your",
    "here", "there", "in", "at", "full", "empty", "boring", "better", "worse", "bad", "good",
    "fine", "ok", "okay", "lol", "lmao", "mostly", "only", "also", "still", "always", "never",
    "kinda", "pretty", "really", "very", "too", "hacked", "locked", "blocked", "open", "closed",
    "usernames", "username", "name", "names", "handle", "everyone", "channel", "all", "and",
    "or", "but", "because", "cuz", "cos", "like", "is", "was", "are", "were", "be", "been",
    "it", "its", "this", "that", "what", "who", "how", "why", "where", "when", "which", "for",
    "to", "of", "with", "about", "from", "by", "spam", "sus", "weird", "annoying", "cringe",
    "messy", "random", "down", "glitching", "lagging", "offline", "online", "blowing", "eh",
    "invite", "link", "account", "acc", "page", "profile", "app", "feed", "story", "stories",
    "er", "um", "uh", "hmm", "none", "nothing", "empty", "set", "settings", "safe", "unsafe",
    "mine", "yours", "ours", "theirs", "me", "you", "u", "him", "her", "them", "us",
}
#: "my snap is", "mein snap ist", "mi insta es", "sc:", "discord -"
HANDLE_LABELLED = (r"\b(?:my\s+|mein\s+|meine\s+|mi\s+|mon\s+|ma\s+)?"
                   rf"(?:{PLATFORM}|{PLATFORM_SHORT})"
                   r"(?:\s+(?:user\s?name|username|user|name|handle|tag|id|@|account|acc|addy))?"
                   r"(?:\s*(?:[:=]|->|-)\s*|\s+(?:is|ist|es|est|c'est|=)\s+(?:@\s*)?)"
                   r"(?:\s*(?:still|just|now|literally|prob(?:ably)?)\s+)?"
                   rf"(?P<handle>{HANDLE_TOKEN})")
#: "@name on insta", "@name auf tiktok"
HANDLE_AT_ON = (r"(?P<handle>@[A-Za-z0-9][A-Za-z0-9._-]{1,31})\s+(?:on|at|in|via|sur|en|auf|na)"
                rf"\s+{PLATFORM}\b")
#: "follow me @x", "add me on there @x", "I'm x on discord"
HANDLE_AFTER_INVITE = (rf"\b(?:follow|add|dm|find|message|msg)\s+{ME}\s+"
                       r"(?:on\s+\w+\s+|there\s+|at\s+)?"
                       r"(?P<handle>@[A-Za-z0-9_.]{2,30})")
HANDLE_IM_ON = rf"\b(?:i'?m|im|i\s+am)\s+(?P<handle>@?{HANDLE_TOKEN})\s+on\s+{PLATFORM}\b"
#: "gamertag Blue Falcon 77", "username SkyBlazer99", "ign: kai", "friend code 1234-5678"
HANDLE_KEYWORD = (r"\b(?:gamer\s?tag|gt|user\s?name|ign|psn\s*id|epic\s*id|friend\s*code|user\s*id"
                  r"|display\s*name|tag)\s*(?:is|:|=|-|ist|es)?\s*"
                  r"(?P<handle>[A-Za-z0-9][\w.#-]*(?:\s+[A-Z0-9][\w.#-]*){0,2})")
#: words that invite contact ("add me", "kik me")
CONTACT_VERB = rf"\b(?:add|follow|dm|pm|message|text|find|kik|snap|request|friend)\s+{ME}\b"
#: a word shaped like a username: dots or underscores inside, letters then digits, or an @
HANDLE_SHAPED = (r"(?<![\w@./#-])@?(?:[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+[._]?"
                 r"|[A-Za-z][A-Za-z0-9]*_+[A-Za-z0-9_]*|[A-Za-z]{3,}\d{2,}|@[A-Za-z0-9_]{3,})"
                 r"(?![\w@#]|\.\w)")
#: username-shaped words that are versions, web addresses, file names or group pings
NOT_A_HANDLE = (r"(?:v?\d+(?:\.\d+)+[a-z]?"
                r"|.*\.(?:com|org|net|co|uk|io|de|fr|es|pdf|png|jpe?g|gif|docx?|txt|mp[34]|html?"
                r"|pptx?|xlsx?|zip)"
                r"|[\d.]+|e\.g|i\.e|a\.m|p\.m|@everyone|@here|@channel|@mods?|@admins?|@all)")
#: a Discord-style tag
HANDLE_DISCORD_TAG = r"(?<![\w@])(?P<handle>[A-Za-z0-9_.]{2,32}#\d{4})\b"
#: "same username as here", "the same as my name here"
HANDLE_DERIVABLE = (r"\b(?:the\s+)?same\s+(?:as\s+)?(?:my\s+)?"
                    r"(?:user\s?name|name|handle|tag|nick(?:name)?|@)"
                    r"(?:\s+(?:as\s+|on\s+|from\s+|in\s+)?(?:here|on\s+here|this\s+(?:site|app"
                    r"|place|forum))\b|(?=\s*(?:[,.!)]|$)))"
                    r"(?:[^.!?\n]{0,30}?(?:\+\s*\w+"
                    r"|with\s+\S+\s+(?:at\s+the\s+end|on\s+the\s+end|after)))?")

# -- off_platform ---------------------------------------------------------------------------------
#: first-person invitations to continue somewhere else (English)
OFF_PLATFORM_EN = [
    # "dm me", "pm me", "text me", "whatsapp me", "snap me", "email me", "inbox me"
    r"\b(?:dm|pm|inbox|message|msg|mssg|text|txt|sms|whats\s?app|snap|kik|email|e-mail|mail"
    rf"|face\s?time|ft|skype|telegram|discord|insta|ig|imessage)\s+{ME}\b",
    rf"\b(?:add|follow|friend|request)\s+{ME}\s+(?:on|@|in|back)\b",
    rf"\b(?:friend|follow|request|unblock)\s+{ME}\b(?=\s*(?:$|[,.!?]|pls\b|plz\b|please\b|if\b"
    r"|and\b|@))",
    rf"\b(?:follow|add)\s+my\s+(?:{PLATFORM}|account|acc|page|private\s+account|priv|finsta"
    r"|spam\s+account)\b",
    rf"\badd\s+{ME}\b(?=\s*(?:$|[,.!?:(]|and\b|pls\b|plz\b|please\b|if\b|😜|😊|👀|🙏|x\b|lol\b"
    rf"|{PLATFORM}))",
    rf"\b(?:call|ring|phone|contact|reach)\s+{ME}\b(?=\s*(?:$|[,.!?(]|on\b|at\b|via\b|tonight\b"
    r"|later\b"
    r"|whenever\b|anytime\b|any\s+time\b|now\b|after\b|tmrw\b|tomorrow\b|when\b|if\b|pls\b|plz\b"
    r"|please\b|\+?\(?\d))",
    r"\bhmu\b", r"\bhit\s+me\s+up\b", r"\bslide\s+(?:into|in)\s+(?:my|the)\s+dms?\b",
    r"\b(?:my\s+)?dms\s+(?:are|r)\s+open\b", r"\bcheck\s+(?:your|ur)\s+dms\b",
    rf"\b(?:shoot|drop|send)\s+{ME}\s+(?:a|an)\s+(?:text|txt|message|msg|dm|pm|mail|email|e-mail"
    r"|snap|line)\b",
    r"\bsend\s+(?:it|them|this|that|the\s+\w+)\s+to\s+my\s+(?:e-?mail|mail|number|phone|dms?|snap"
    r"|insta|whatsapp|inbox)\b",
    rf"\b(?:message|msg|text|dm|pm|write|talk\s+to|speak\s+to)\s+(?:{ME}\s+)?(?:privately"
    r"|in\s+private|in\s+dms?|there|on\s+there|elsewhere)\b",
    r"\b(?:(?:let'?s|lets|we\s+(?:can|could|should)|can\s+we|could\s+we|shall\s+we|wanna)\s+)"
    r"(?:talk|chat|speak|continue|carry\s+on|move|go|switch|text)\b[^.!?\n]{0,25}?\b(?:on|over"
    rf"|in|to|via|by)\s+{ELSEWHERE}\b",
    r"\b(?:move|take|switch)\s+(?:this|it|the\s+chat|the\s+convo|this\s+convo|this\s+chat|us)\s+"
    rf"(?:to|onto|over\s+to)\s+{ELSEWHERE}\b",
    r"\b(?:talk|chat|speak|message|text)\s+(?:outside|off)\s+(?:of\s+)?(?:the\s+)?(?:council|here"
    r"|this|the\s+platform|the\s+site|the\s+app)\b",
    r"\b(?:easier|better|safer|more\s+private)\s+(?:to\s+(?:talk|chat)\s+)?(?:on|there"
    r"|over\s+there|than\s+here|in\s+dms?|via)\b",
    r"\b(?:talk|chat|reply)\s+(?:there|on\s+there)\b",
    r"\bthis\s+(?:place|site|app|chat)\s+is\s+(?:too\s+)?(?:watched|monitored|public|moderated)\b",
    r"\b(?:not|n't)\s+(?:talk|chat|say\s+it|say\s+this)\s+here\b",
    rf"\b(?:what'?s|whats|wats|what\s+is|wat'?s)\s+{YOUR}\s+(?:{PLATFORM}|number|digits|num"
    r"|phone\s+number|email|@|handle|user\s?name|addy)\b",
    rf"\b(?:do|d|have)\s+{YOU}\s+(?:have|got|use)\s+(?:a\s+|an\s+)?{PLATFORM}\b(?=[^.!\n]*\?|\s*$)",
    rf"\b(?:give|send|dm|tell)\s+{ME}\s+{YOUR}\s+(?:{PLATFORM}|number|digits|num|phone\s+number"
    r"|email|@|handle|user\s?name|addy)\b",
    rf"\b(?:can|could|may)\s+i\s+(?:have|get)\s+{YOUR}\s+(?:{PLATFORM}|number|digits|num|email|@"
    r"|handle)\b",
    rf"\bdrop\s+{YOUR}\s+(?:{PLATFORM}|number|digits|@|handle|user\s?name)\b",
    r"\b(?:i'?ll|ill|i\s+will|i\s+can|lemme|let\s+me)\s+(?:add|text|call|dm|pm|message|snap"
    rf"|friend|follow|facetime|email|ring|whatsapp)\s+{YOU}\b(?!\s+out\b)",
    rf"\b(?:send|sent)\s+{YOU}\s+a\s+(?:friend\s+request|follow\s+request|request|dm|pm)\b",
    rf"\bfind\s+{ME}\s+on\s+{PLATFORM}\b", rf"\blook\s+{ME}\s+up\b",
    rf"\bsearch\s+(?:for\s+)?@?[A-Za-z0-9._]*[\d._][A-Za-z0-9._]*\s+(?:on|in)\s+{PLATFORM}\b",
    rf"\b(?:can|could)\s+reach\s+{ME}\b",
    rf"\bfollow\s+{ME}\s+(?:on|@)\s+{PLATFORM}\b",
    r"\b(?:ping|msg|message|find|hit|catch|reach|call|add|follow|chat\s+(?:to|with)|talk\s+to"
    rf"|write\s+to|write)\s+{ME}"
    rf"\s+(?:up\s+)?(?:on|via|over|at|in)\s+(?:{PLATFORM}|dms?|pms?|email|e-mail|mail|text|there"
    r"|privately)\b",
    rf"\bwrite\s+(?:to\s+)?{ME}\s+(?:at|on|via|privately|an?\s+(?:email|e-mail|mail|message|text"
    r"|letter))\b",
    rf"\b(?:are|r|you|u)\s+(?:{YOU}\s+)?(?:on|got|have)\s+(?:{PLATFORM})\s*\?",
    r"\b(?:let'?s|lets|can\s+we|could\s+we|wanna|we\s+(?:can|could|should))\s+(?:video\s+)?(?:call"
    r"|facetime|ft|vc|voice\s+chat|video\s+chat)\b",
    r"\b(?:call|text|ring|phone|message|msg|whatsapp)\s*(?:or|/|&|and)\s*(?:call|text|txt|ring"
    r"|message|msg|whatsapp|facetime)\b",
    r"\b(?:call|text|txt|ring|whatsapp|message|msg)\s+(?:me\s+)?(?:on\s+|at\s+)?(?=(?:\+"
    r"|00)?\(?\d[\d\s().-]{6,})",
    r"(?:^|[,.;!?]\s*|\b(?:pls|plz|please|just|so|and)\s+)(?:ring|call|text|txt|whatsapp)\s+"
    r"(?:me\s+)?"
    r"(?:after|before|anytime|any\s+time|tonight|later|whenever)\b",
    r"\b(?:swap|exchange|trade)\s+(?:numbers|nums|digits|snaps|socials|instas|handles|contacts"
    r"|emails|discords)\b",
    r"\b(?:i'?ll|ill|i\s+will|i\s+can|lemme|let\s+me)\s+(?:send|give|dm|text|message"
    rf"|pm)\s+{YOU}\s+my\s+"
    r"(?:number|digits|num|snap|insta|email|@|handle|discord|addy|user\s?name|whatsapp)\b",
    r"\b(?:let'?s|lets|can\s+we|could\s+we|wanna|we\s+(?:can|could|should))\s+"
    r"(?:talk|chat|speak|continue)\s+privately\b",
    rf"\b(?:come|hop|jump|get)\s+on\s+{PLATFORM}\b"
    r"(?=[^.!?\n]{0,30}\b(?:me|we|us|chat|talk|call)\b|\s*[?!.]?\s*$)",
    rf"\bjoin\s+me\s+on\s+{PLATFORM}\b",
    r"\bjoin\s+my\s+(?:server|discord|group\s+chat|gc|channel|telegram|whatsapp\s+group)\b",
    rf"\b(?:add|invite)\s+{YOU}\s+to\s+(?:my|a|the|our)\s+(?:gc|group\s+chat|server|whatsapp"
    r"|snap\s+group|discord)\b",
]
#: the same invitations in French, Spanish and German
OFF_PLATFORM_OTHER = [
    # French
    r"\b(?:écris|ecris|envoie|envoi|appelle|ajoute|contacte|rejoins)[- ]moi\b",
    r"\b(?:parler|discuter|causer|continuer)\s+en\s+(?:privé|prive|mp|dm)\b",
    r"\b(?:en|viens\s+en)\s+mp\b", r"\bmp\s+moi\b",
    rf"\b(?:on\s+(?:parle|discute|continue)|parlons)\s+(?:sur|par|en)\s+(?:{PLATFORM}|mp|privé|dm"
    r"|sms)\b",
    # Spanish
    r"\b(?:escríbeme|escribeme|llámame|llamame|agrégame|agregame|añádeme|anademe|sígueme|sigueme"
    r"|háblame|hablame|contáctame|contactame)\b",
    r"\b(?:mándame|mandame|envíame|enviame)\s+(?:un|una)\s+(?:mensaje|msg|mensajito|whats|whatsapp"
    r"|correo|mail|dm|md)\b",
    r"\b(?:hablemos|hablamos|seguimos|charlamos)\s+(?:por|en)\s+(?:privado|priv|dm|md"
    rf"|{PLATFORM})\b",
    r"\bpor\s+(?:privado|md)\b", r"\bhablamos\s+por\s+whats\b",
    r"\b(?:pásame|pasame|dame)\s+tu\s+(?:número|numero|insta|snap|whats|whatsapp|correo|discord)\b",
    r"\bdonne[- ]moi\s+ton\s+(?:numéro|numero|num|snap|insta|mail|adresse\s+mail|discord)\b",
    r"\bgib\s+mir\s+(?:deine|dein)\s+(?:nummer|handynummer|snap|insta|mail|discord)\b",
    # German
    r"\b(?:schreib|schreibt|ruf|adde|add|addet|kontaktier)\s+(?:mir|mich)\b",
    r"\bmeld\s+dich\s+(?:bei\s+mir|auf|per)\b",
    r"\b(?:lass|lasst)\s+uns\s+(?:lieber\s+|doch\s+|mal\s+)?(?:auf|über|per|bei|in)\s+"
    rf"(?:{PLATFORM}|privat|dm|sms)\b",
    r"\bprivat\s+(?:schreiben|weiterschreiben|reden|chatten)\b",
]

# -- secrecy --------------------------------------------------------------------------------------
SECRET_AUDIENCE = alt(
    r"any\s?one", r"any\s?body", r"no\s?one", r"nobody", r"people", r"the\s+others",
    rf"{YOUR}\s+(?:parents|mum|mom|mam|mother|dad|father|family|teacher|teachers|friends|sister"
    r"|brother|carer|carers|guardian)",
    r"my\s+(?:parents|mum|mom|mam|mother|dad|father|family|teacher|teachers|carer|carers|guardian)",
    r"the\s+(?:mods?|moderators?|teachers?|staff|adults?|council|leaders?|youth\s+workers?"
    r"|admins?)",
    r"(?:mods?|moderators?|admins?|staff|parents|adults)",
)
SECRECY_EN = [
    rf"\b(?:{DONT}|{PLEASE}\s+{DONT}|(?:{YOU}|we)\s+(?:can'?t|cannot|cant|mustn'?t|shouldn'?t"
    r"|should\s+not|better\s+not)"
    r"|no\s+need\s+to|(?:you\s+)?have\s+to\s+promise\s+not\s+to|promise\s+(?:me\s+)?(?:you\s+)?"
    r"(?:won'?t|wont|not\s+to))"
    r"\s+(?:tell|mention|show|say\s+anything\s+to|say\s+(?:it|this|that)\s+to|talk\s+to|let)\s+(?:"
    r"(?:it|this|that|me|us)\s+(?:to\s+)?)?"
    rf"{SECRET_AUDIENCE}(?!\s+(?:your|ur|where|what|personal|private|anything\s+personal)\b)",
    rf"\b(?:{DONT}|{PLEASE}\s+{DONT})\s+(?:tell|mention|show)\b[^.!?\n]{{0,30}}?\b(?:to"
    rf"|with)\s+{SECRET_AUDIENCE}",
    r"\b(?:keep|keeping)\s+(?:it|this|that|our\s+(?:chat|chats|convo|talks?)|this\s+chat|us"
    r"|everything|them|these)\s+"
    r"(?:a\s+|our\s+)?secret\b",
    rf"\b(?:a\s+)?secret\s+from\s+{SECRET_AUDIENCE}",
    r"\b(?:keep|keeping|kept)\s+(?:it|this|that|these|us|everything|our\s+\w+|this\s+\w+)\s+"
    rf"(?:private|hidden|quiet|secret|on\s+the\s+low)\s+from\s+{SECRET_AUDIENCE}",
    r"\b(?:our|a)\s+(?:little\s+|lil\s+)?secret\b(?!\s+(?:chat|mode|feature|santa|garden|menu|code"
    r"|level|ending|agent|service))",
    r"\b(?:it|this|that|everything|what\s+i\s+(?:said|told\s+you))\s*(?:'s|is|stays?|remains?"
    r"|has\s+to\s+stay|must\s+stay|should\s+stay)\s+"
    r"(?:just\s+)?between\s+(?:us|me\s+and\s+(?:you|u)|(?:you|u)\s+and\s+me|the\s+two\s+of\s+us"
    r"|us\s+two)\b",
    r"\bjust\s+between\s+(?:us|me\s+and\s+(?:you|u)|(?:you|u)\s+and\s+me|the\s+two\s+of\s+us"
    r"|us\s+two)\b",
    r"\bbetween\s+(?:us|you\s+and\s+me|me\s+and\s+you)\s*(?:ok|okay|k|yeah|right|alright|pls"
    r"|please)?\s*(?:[?!.]|$)",
    r"\b(?:delete|del|clear|wipe|erase|unsend)\s+(?:this|these|that|it|the|our|ur|your|all"
    r"|those)?\s*"
    r"(?:chats?|messages?|msgs?|convos?|conversations?|texts?|dms?|posts?|history|chat\s+history"
    r"|pics?|photos?)?"
    r"\s*(?:after|afterwards|once|when|before|right\s+after|straight\s+after|asap|later)\b",
    r"\b(?:delete|clear|wipe|erase)\s+(?:this|the|our|ur|your|these|all)\s+(?:chat|messages?|convo"
    r"|conversation|texts|dms|history|chat\s+history)\b"
    r"(?!\s+(?:feature|button|option|setting))",
    r"\b(?:screenshot|screenshotting)\s+nothing\b",
    rf"\b{DONT}\s+(?:screenshot|screen\s?shot|screen\s?record|save)\s+(?:this|it|anything|our)\b",
    r"\b(?:if|when)\s+(?:the\s+|ur\s+|your\s+|a\s+|any\s+)?(?:mods?|moderators?|teachers?|parents?"
    r"|mum|mom|dad|staff|anyone|they|someone)"
    r"\s+asks?\b[^.!?\n]{0,10}?\b(?:say|tell\s+them)\s+(?:we|you|u|i|it|nothing|no)\b",
    r"\bsay\s+we\s+never\s+(?:talked|spoke|chatted|met|messaged)\b",
    rf"\b(?:hide|hiding)\s+(?:it|this|our\s+\w+|these)\s+from\s+{SECRET_AUDIENCE}",
    rf"\b{DONT}\s+let\s+{SECRET_AUDIENCE}\s+(?:see|know|find\s+out)\b",
    r"\bkeep\s+(?:it|this|that)\s+between\s+(?:us|you\s+and\s+me|me\s+and\s+you|the\s+two\s+of\s+us"
    r"|ourselves)\b",
    r"\b(?:no\s?one|nobody)\s+(?:can|must|should|is\s+allowed\s+to)\s+know\b"
    r"(?=\s*(?:$|[,.!?]|about\s+(?:this|us|it|that|what|me)|ok\b|okay\b|that\b|we\b|i\b))",
    r"\btell\s+no\s?one\b",
    r"\bno\s+one\s+(?:needs|has)\s+to\s+know\b", r"\bnobody\s+(?:needs|has)\s+to\s+know\b",
    r"\bkeep\s+(?:it|this|that)\s+on\s+the\s+(?:down\s+)?low\b",
    r"\bkeep\s+(?:quiet|it\s+quiet|your\s+mouth\s+shut)\s+about\s+(?:this|it|us|me|what)\b",
    r"\b(?:turn\s+on|switch\s+on|use)\s+(?:disappearing|vanishing|vanish)\s+(?:messages|mode)\b"
    r"(?=[^.!?\n]{0,40}\b(?:so|no\s?one|nobody|parents|mods|mum|mom|dad))",
    rf"\btell\s+{YOUR}\s+(?:parents|mum|mom|dad|family|carers?)\s+(?:you'?re|ur|youre|you\s+are"
    r"|u\s+r)\s+(?:at|with|staying|sleeping)\b",
    r"\b(?:if|when)\s+[^.!?\n]{0,25}\basks?\b[^.!?\n]{0,15}?\b(?:we|you|u|i)\s+(?:never|didn'?t"
    r"|weren'?t|wasn'?t)\b",
    r"\bpretend\s+(?:we|you|u|this|it)\s+(?:never|didn'?t|did\s+not|wasn'?t)\b",
    r"\b(?:delete|hide|clear|lock|wipe|use|turn\s+on|keep)\b[^.!?\n]{0,40}\bso\s+(?:no\s?one"
    rf"|nobody|{YOUR}\s+(?:parents|mum|mom|dad)|the\s+mods)\s+"
    r"(?:can'?t\s+|won'?t\s+|can\s+|will\s+)?(?:see|sees|knows?|finds?\s+out|reads?)\b",
    rf"\b(?:make\s+sure|so\s+that|so)\s+{SECRET_AUDIENCE}\s+(?:don'?t|dont|doesn'?t|never|can'?t"
    r"|won'?t)\s+(?:see|find\s+out|know|read|check|hear)\b",
]
SECRECY_OTHER = [
    # French
    r"\bne\s+(?:le\s+|la\s+|lui\s+|leur\s+|les\s+)?(?:dis|dites|raconte|montre)\s+(?:rien\s+"
    r"|pas\s+|jamais\s+)?"
    r"(?:ça\s+|ca\s+)?(?:à|a)\s+(?:personne|tes|ton|ta|tes|vos|votre|qui\s+que)",
    r"\bne\s+dis\s+rien\b",
    r"\b(?:dire|dis|raconter|raconte)\s+(?:ça\s+|ca\s+|rien\s+)?(?:à|a)\s+personne\b",
    r"\bc'?est\s+(?:notre|un)\s+(?:petit\s+)?secret\b", r"\bentre\s+nous\b",
    r"\bgarde\s+(?:ça|ca|le|la)\s+(?:pour\s+toi|secret)\b",
    r"\b(?:efface|supprime)\s+(?:ce|cette|la|les|nos|tes)\s+(?:message|messages|conversation|conv"
    r"|discussion)\b",
    # Spanish
    r"\bno\s+(?:se\s+lo|le|les|se\s+la)\s+(?:digas|cuentes|enseñes)\b",
    r"\bno\s+(?:digas|cuentes)\s+nada\b", r"\b(?:es\s+)?nuestro\s+(?:pequeño\s+)?secreto\b",
    r"\bentre\s+(?:tú|tu)\s+y\s+yo\b", r"\bentre\s+nosotros\b",
    r"\bborra\s+(?:este|el|los|esta|la|las|estos|nuestros)\s+(?:chat|mensaje|mensajes|conversación"
    r"|conversacion)\b",
    # German
    r"\b(?:erzähl|erzaehl|sag)\s+(?:das|es|dies)?\s*(?:bitte\s+)?(?:niemandem|keinem|nicht\s+(?:"
    r"(?:deinen|deiner|deinem|den|der|dem)(?:\s+\w+)?|weiter))",
    r"\bunser\s+(?:kleines\s+)?geheimnis\b",
    r"\bunter\s+uns\b(?!\s+(?:gesagt\s+)?(?:sind|ist|war))",
    r"\blösch\w*\s+(?:den|das|die|diesen|diese|unseren|unsere)\s+(?:chat|nachricht|nachrichten"
    r"|verlauf)\b",
]

#: a surprise or a present, kept from friends rather than from parents or moderators
HARMLESS_SECRET = alt(r"surprise", r"birthday", r"secret\s+santa", r"(?:present|gift|card)\s+for",
                      r"party\s+for", r"spoilers?")
#: who a secret is kept from that always matters
GUARDED_AUDIENCE = alt(r"parents?", r"mum", r"mom", r"mam", r"dad", r"mother", r"father",
                       r"family", r"mods?", r"moderators?", r"teachers?", r"staff", r"adults?",
                       r"carers?")

# -- meeting --------------------------------------------------------------------------------------
MEET_VERB = alt(
    r"meet(?:\s+up)?(?!\s+(?:(?:the|our|their|its|this|that|these|those|a|an|all|every)\s+"
    r"(?:deadline|target|goal|requirements?"
    r"|criteria|standards?|needs|expectations?|challenge|others|rest|team|group|new|council"
    r"|members|minister|mayor|speaker)"
    r"|halfway|in\s+the\s+middle|everyone|deadlines?|targets?|requirements?))",
    r"meetup", r"hang\s?out", r"link\s+up", r"chill\s+(?:at|together|sometime|irl|after)",
    r"see\s+each\s+other(?!'s)",
    r"grab\s+(?:some\s+)?(?:food|coffee|a\s+coffee|lunch|a\s+drink|drinks|bubble\s+tea|a\s+bite"
    r"|dinner|ice\s+cream|mcdonalds|maccies)",
    r"get\s+(?:food|coffee|lunch|dinner|ice\s+cream|bubble\s+tea)",
    r"go\s+for\s+(?:a\s+walk|food|coffee)",
)
MEETING_EN = [
    r"\b(?:let'?s|lets|let\s+us|we\s+(?:can|could|should|shall|gotta|must)|shall\s+we|should\s+we"
    r"|can\s+we|could\s+we"
    r"|wanna|want\s+to|u\s+wanna|we\s+need\s+to|where\s+(?:to|should\s+we|can\s+we|do\s+we)"
    r"|when\s+(?:can|should|do)\s+we"
    rf"|i'?d\s+(?:love|like)\s+to|do\s+{YOU}\s+want\s+to|are\s+{YOU}\s+free\s+to|r\s+u\s+free\s+to"
    r"|plan\s+to)\s+"
    rf"(?:(?:all|both|finally|actually|maybe|just|properly)\s+)?{MEET_VERB}\b",
    rf"\bmeet\s+(?:{ME}|{YOU}|up)\b(?=\s*(?:at|in|by|near|outside|behind|after|before|tonight"
    r"|tomorrow|tmrw|today|on|this|next"
    r"|irl|in\s+person|somewhere|later|\?|$|[,.!]|sat|sun|mon|tue|wed|thu|fri|\d))",
    r"\b(?:meet|meet\s+up|hang\s?out|see\s+each\s+other)\s+(?:irl|in\s+person|in\s+real\s+life"
    r"|face\s+to\s+face|offline)\b",
    rf"\bwhere\s*(?:abouts\s+)?(?:do|d)\s+{YOU}\s+(?:live|stay)\b", rf"\bwhere\s+{YOU}\s+live\s*\?",
    rf"\bwhere\s*abouts\s+(?:are|r)\s+{YOU}\b(?=[^.!?\n]{{0,15}}\?)",
    r"\b(?:what|which)\s+(?:town|city|area|part\s+of\s+\w+|street|road|estate|village)\s+"
    rf"(?:do\s+)?(?:{YOU}|are\s+{YOU}|r\s+{YOU})\s+(?:live\s+(?:in|on|at|near)|live|in|from|at"
    r"|on)\b",
    r"\b(?:come|coming)\s+(?:over|round|around|by)\b(?!\s+(?:here|the\s+(?:event|meeting"
    r"|session)))",
    r"\b(?:come|coming|pop)\s+(?:over\s+|round\s+)?to\s+(?:mine|my\s+(?:place|house|flat|home)"
    rf"|yours|{YOUR}\s+(?:place|house|flat|home))\b",
    r"\bcome\s+to(?=\s+\d)",
    r"\bcome\s+(?:over\s+|round\s+|by\s+)?(?:whenever|anytime|any\s+time)\b",
    rf"\b(?:come|coming)\s+to\s+{YOUR}\s+(?:school|area|town|street|road|estate)\b",
    rf"\b(?:send|share|drop)\s+(?:me\s+)?{YOUR}\s+(?:live\s+)?location\b",
    r"\b(?:i|we)\s*(?:can|could|'ll|will|wanna|want\s+to)\s+(?:come|pop)\s+(?:over|round|by|to\s+"
    r"(?:yours|your\s+(?:place|house)|ur\s+(?:place|house)))\b",
    r"\b(?:can|could)\s+i\s+come\s+(?:over|round|by|to\s+(?:yours|your|ur))\b",
    rf"\bcome\s+(?:and\s+)?(?:find|meet|see|get)\s+{ME}\b",
    r"\b(?:i'?ll|ill|i\s+(?:can|could|will)|let\s+me|lemme|i\s+wanna|i\s+want\s+to)\s+come\s+"
    rf"(?:and\s+)?(?:get|see|find|meet|visit|pick\s+up)\s+{YOU}\b",
    rf"\bpick\s+{YOU}\s+up\b",
    r"\b(?:let'?s|lets|we\s+(?:could|should|can)|wanna|want\s+to|shall\s+we|should\s+we)\s+go\s+"
    r"(?:to\s+(?:the\s+)?(?:cinema|movies|park|mall|shops|beach|cafe|café|mcdonalds|maccies|fair"
    r"|arcade)|for\s+(?:a\s+)?(?:walk|coffee|food|drink|milkshake|bubble\s+tea))\b",
    rf"\b(?:i'?ll|ill|i\s+(?:can|could|will))\s+(?:wait|be\s+waiting)\s+(?:for\s+{YOU}\s+)?"
    r"(?:outside|at|by|near|behind)\b",
    rf"\b(?:give|drive)\s+{YOU}\s+(?:a\s+lift|a\s+ride|home)\b",
    rf"\b(?:i'?m|im|i\s+am|i'?ll\s+be)\s+(?:in|near|around|visiting)\s+{YOUR}\s+(?:city|town|area"
    r"|village|school|neighbourhood|neighborhood|way)\b",
    rf"\bjust\s+(?:us\s+two|the\s+two\s+of\s+us|{YOU}\s+and\s+me|me\s+and\s+{YOU})\b",
    r"\bjust\s+us\b(?=\s*(?:[,.!?]|$|ok\b|okay\b|yeah\b|tho\b|though\b|alone\b|🤫))",
    r"\bmeet\s+(?:at|in|by|outside|behind)\s+(?:the\s+)?(?:mall|park|station|cinema|shops|library"
    r"|cafe|café|skatepark|beach|bus\s+stop|corner|gate|mcdonalds|maccies)\b",
]
MEETING_OTHER = [
    # French
    r"\bon\s+se\s+(?:voit|retrouve|rejoint|capte|voir)\b", r"\b(?:rejoins|retrouve)[- ]moi\b",
    r"\bviens\s+chez\s+moi\b",
    r"\b(?:tu\s+habites\s+où|où\s+(?:est-ce\s+que\s+)?tu\s+habites|t'habites\s+où)\b",
    r"\bjuste\s+(?:toi\s+et\s+moi|nous\s+deux)\b",
    r"\bqu'?on\s+se\s+(?:voie|voit|retrouve|rencontre)\b",
    r"\bon\s+(?:pourrait|peut)\s+se\s+(?:voir|rencontrer|retrouver)\b",
    # Spanish
    r"\b(?:quedamos|quedemos|nos\s+vemos|nos\s+juntamos|nos\s+encontramos)\b(?!\s+(?:en\s+la\s+"
    r"(?:reunión|sesión)|mañana\s+en\s+clase))",
    r"\b(?:dónde|donde)\s+vives\b", r"\bven\s+a\s+mi\s+casa\b", r"\bsolo\s+(?:tú|tu)\s+y\s+yo\b",
    r"\b(?:quieres|quieras)\s+(?:quedar|vernos)\b",
    # German
    r"\btreffen\s+wir\s+uns\b", r"\b(?:lass|lasst)\s+uns\s+(?:mal\s+|doch\s+)?(?:treffen|sehen)\b",
    r"\b(?:wollen|sollen|können)\s+wir\s+uns\s+(?:\w+\s+){0,3}(?:treffen|sehen)\b",
    r"\bwo\s+wohnst\s+du\b",
    r"\bkomm\s+(?:zu\s+mir|vorbei|rüber)\b", r"\bnur\s+wir\s+(?:zwei|beide)\b",
]
#: a meeting of the council as a whole, not one-to-one
OFFICIAL_CONTEXT = alt(
    r"council", r"official", r"conference", r"summer\s+camp", r"residential", r"workshop",
    r"assembly",
    r"event", r"session", r"all\s+of\s+us", r"we\s+all", r"whole\s+(?:group|council|team|class)",
    r"as\s+a\s+(?:group|council|team|class)", r"other\s+(?:council\s+)?members", r"everyone",
    r"zoom",
    r"teams\s+call", r"the\s+group", r"trip", r"venue", r"town\s+hall", r"youth\s+club", r"réunion",
    r"reunión", r"sesión", r"sitzung",
)
PRIVATE_CONTEXT = alt(
    r"just\s+(?:us|the\s+two|you\s+and\s+me|me\s+and\s+you|u\s+and\s+me|me\s+and\s+u)", r"alone",
    r"two\s+of\s+us", r"us\s+two", r"nobody\s+else", r"on\s+our\s+own", r"without\s+the\s+others",
    r"don'?t\s+tell", r"dont\s+tell", r"secret", r"behind",
)

# -- self_harm ------------------------------------------------------------------------------------
FIRST_PERSON = alt(r"i", r"i'?m", r"im", r"i\s+am", r"i'?ve", r"ive", r"i\s+have", r"i'?d", r"id",
                   r"i\s+just", r"i\s+really", r"i\s+honestly", r"i\s+literally", r"i\s+kinda",
                   r"i\s+still")
SELF_HARM_EN = [
    # suicidal thoughts
    rf"\b{FIRST_PERSON}\s+(?:really\s+|honestly\s+|just\s+|literally\s+|kinda\s+|sometimes\s+"
    r"|still\s+|seriously\s+|keep\s+|can'?t\s+stop\s+)?"
    r"(?:want(?:s)?\s+to|wanna|going\s+to|gonna|wish\s+i\s+could|plan(?:ning)?\s+to|thinking\s+"
    r"(?:about|of)|think\s+about"
    r"|feel\s+like\s+i\s+want\s+to|been\s+thinking\s+(?:about|of)|been\s+planning\s+to)\s+"
    r"(?:die|dying|kill(?:ing)?\s+myself|end(?:ing)?\s+(?:it|it\s+all|my\s+life|everything|things)"
    r"|not\s+(?:be\s+here|exist|wake\s+up)"
    r"|disappear\s+forever|unalive\s+myself|suicide|commit(?:ting)?\s+suicide|hurt"
    r"(?:ing)?\s+myself|cut(?:ting)?\s+(?:myself|again)"
    r"|take\s+(?:all\s+)?(?:my|the)\s+pills|overdos(?:e|ing)|jump(?:ing)?\s+off)\b(?!\s+with\b)"
    r"(?!\s+(?:of|from)\s+(?:embarrassment|cringe|laughter|laughing|boredom|shame))",
    r"\b(?:kill|killing|unalive|unaliving)\s+myself\b(?!\s+(?:laughing|lol|lmao))",
    r"\bend(?:ing)?\s+it\s+all\b",
    r"\bwant\s+(?:it|it\s+all|everything|my\s+life|this\s+life|the\s+pain)\s+to\s+(?:be\s+over|end"
    r"|stop\s+forever)\b",
    r"\b(?:hope|wish)\s+i\s+(?:don'?t|dont|didn'?t|wouldn'?t|won'?t|never)\s+wake\s+up\b",
    r"\b(?:throw(?:ing)?\s+up|puk(?:e|ing)|vomit(?:ing)?|starv(?:e|ing)\s+myself|not\s+eating|skip"
    r"(?:ping|ped)?\s+meals)\b"
    r"[^.!?\n]{0,30}\b(?:on\s+purpose|to\s+lose\s+weight|so\s+i\s+(?:don'?t|dont"
    r"|won'?t)\s+get\s+fat|as\s+a\s+punishment)\b",
    r"\b(?:no\s?one|nobody)\s+(?:cares|would\s+care|will\s+care)\s+(?:if|whether)\s+i\s+(?:live"
    r"|die|died|was\s+dead|existed|disappeared)\b",
    r"\b(?:no\s?one|nobody|no\s+body)\s+would\s+(?:even\s+)?(?:notice|care|miss\s+me)\s+if\s+i\s+"
    r"(?:was|were|died|disappeared|wasn'?t\s+(?:here|around|alive)|was\s+gone|killed)\b",
    r"\b(?:took|take|taking|swallowed)\s+(?:a\s+(?:bunch|load|lot|handful)\s+of|all\s+(?:my|the"
    r"|of\s+my)|too\s+many|loads\s+of)\s+(?:pills|tablets|paracetamol|meds)\b",
    rf"\b{FIRST_PERSON}\s+(?:been\s+|started\s+|keep\s+|still\s+)?self[-\s]?harm(?:ing|ed)?\b",
    r"\b(?:he|she|they|someone|a\s+man|an?\s+(?:older|adult)\s+\w+|my\s+\w+(?:'s\s+\w+)?)\s+"
    r"(?:forced|forces|made|makes|pressured|pressures|blackmailed|blackmails|threatened|threatens)"
    r"\s+me\s+(?:to\s+)?(?:send|do\s+(?:stuff|things)|touch|take\s+(?:off|pics|photos)|keep\s+"
    r"(?:it|this)\s+secret)\b",
    r"\b(?:i\s+get|i\s+got|i'?m\s+getting|im\s+getting)\s+(?:hit|beaten|slapped|kicked|hurt)\s+"
    r"(?:at\s+home|by\s+my)\b",
    r"\bend(?:ing)?\s+my\s+(?:own\s+)?life\b", r"\btak(?:e|ing)\s+my\s+(?:own\s+)?life\b",
    r"\b(?:better|be\s+better)\s+off\s+(?:without\s+me|dead|if\s+i\s+(?:wasn'?t|was\s+not"
    r"|weren'?t)\s+(?:here|around|alive))\b",
    rf"\b(?:{FIRST_PERSON}\s+)?(?:don'?t|dont|do\s+not|no\s+longer)\s+(?:really\s+)?(?:want"
    r"|wanna)\s+(?:to\s+)?(?:be\s+alive|live|exist|be\s+here|wake\s+up)\b"
    r"(?!\s+(?:in|with|near|at|on|there|like|without)\b)",
    rf"\b{FIRST_PERSON}\s+(?:am\s+|'m\s+|m\s+)?(?:feel(?:ing)?\s+)?suicidal\b",
    r"\bbeen\s+(?:feeling\s+)?suicidal\b",
    r"\b(?:no|nothing)\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|being\s+alive|going\s+on)\b",
    r"\bnothing\s+to\s+live\s+for\b",
    r"\bwish\s+i\s+(?:was|were)\s+(?:dead|never\s+born|not\s+alive|gone)\b",
    r"\bwish\s+i\s+(?:wasn'?t|was\s+never)\s+born\b",
    r"\bcan'?t\s+(?:go\s+on|do\s+this)\s+any\s?more\b",
    r"\b(?:kms|kys\s+myself)\b(?!\s*(?:lol|lmao|haha|jk|😂|🤣|💀))",
    r"\bsuicidal\s+(?:thoughts|again)\b",
    rf"\b{FIRST_PERSON}\s+(?:just\s+)?(?:want|wanna|wish\s+i\s+could)\s+(?:to\s+)?disappear\b"
    r"(?!\s+(?:for\s+a\s+(?:bit|while|day|week|second)|under|into|from\s+(?:this|the)\s+\w+))",
    r"\b(?:tired|sick)\s+of\s+(?:living|being\s+alive|life)\b"
    r"(?!\s+(?:in|with|at|near|here|there|on|under|next|like\s+(?:a|an|this\s+town)))",
    r"\bdone\s+with\s+(?:life|living)\b"
    r"(?=\s*(?:$|[,.!?]|and\b|tbh\b|honestly\b|fr\b|i\b|ngl\b|now\b|already\b))",
    r"\b(?:i|i'?ve|ive)\s+(?:just\s+)?(?:overdosed|od'?d|took\s+an\s+overdose)\b",
    r"\b(?:have|got|made)\s+a\s+plan\s+to\s+(?:end\s+it|kill\s+myself|die)\b",
    r"\b(?:wrote|writing|written)\s+(?:a|my)\s+(?:goodbye|suicide)\s+(?:note|letter)\b",
    r"\b(?:bang|banging|hit|hitting|punch|punching)\s+my\s+head\s+(?:against|on)\s+"
    r"(?:the\s+)?(?:wall|floor|desk)\b",
    # self-harm
    rf"\b(?:{FIRST_PERSON}|been|keep|kept|started|start)\s+(?:been\s+)?(?:cutting|burning|hurting"
    r"|harming|scratching|hitting|starving|punishing|bruising)\s+"
    r"(?:myself|my\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach|body))\b",
    rf"\b(?:{FIRST_PERSON}|been)\s+(?:been\s+)?(?:cutting|self[-\s]?harming|harming)\s+again\b",
    rf"\b{FIRST_PERSON}\s+(?:cut|burn(?:ed|t)?|hurt|scratch(?:ed)?|hit|starved?|punished"
    r"|harmed)\s+(?:myself|my\s+(?:arms?|wrists?|legs?|thighs?|skin|body))\b"
    r"(?!\s+(?:at|playing|in|during|on\s+the)\s+(?:football|rugby|pe|p\.e|practice|training"
    r"|the\s+match|a\s+match|hockey|netball|gym))",
    r"\b(?:cut|burn(?:ed|t)?|hurt|scratch(?:ed)?|hit|bruised)\s+(?:myself|my\s+\w+)\s+"
    r"(?:on\s+purpose|deliberately|again\s+last\s+night)\b",
    rf"\b{FIRST_PERSON}\s+(?:self[-\s]?harm(?:ed)?|relapsed)\b",
    r"\bself[-\s]?harm(?:ing|ed)?\s+again\b", r"\bstarted\s+self[-\s]?harming\b",
    r"\bto\s+punish\s+myself\b", r"\bmake\s+myself\s+(?:sick|throw\s+up|bleed|starve)\b",
    r"\bstarving\s+myself\b",
    r"\bthe\s+scars\s+on\s+my\s+(?:arms?|wrists?|legs?|thighs?)\b",
    # abuse
    r"\b(?:my|our)\s+(?:(?:step[-\s]?)?(?:dad|father|mum|mom|mam|mother|parents?|brother|sister)"
    r"|uncle|aunt(?:ie)?|cousin|"
    r"grand(?:dad|pa|father|ma|mother)|(?:mum|mom|mam|dad)'?s\s+(?:boyfriend|girlfriend|partner"
    r"|friend)|boyfriend|girlfriend|bf|gf"
    r"|coach|tutor|teacher|carer|foster\s+\w+|neighbou?r|babysitter)\s+"
    r"(?:\w+\s+)?(?:hits|hit|beats|beat|kicks|kicked|slaps|slapped|punches|punched|chokes|choked"
    r"|touches|touched|hurts|hurt|abuses|abused"
    r"|locks|locked|burns|burned|throws\s+things\s+at|threatens|threatened|starves|forces|forced"
    r"|grabs|grabbed|molested|raped|strangles)\s+"
    r"(?:(?:my\s+\w+|her|him)\s+(?:and|&)\s+)?me\b",
    r"\b(?:he|she|they)\s+(?:keeps\s+|kept\s+|always\s+|still\s+)?(?:touching|hitting|beating"
    r"|hurting)\s+me\b",
    r"\b(?:says|said|tells\s+me|told\s+me)\s+i\s+deserve\s+(?:it|this|to\s+be\s+hurt)\b",
    r"\b(?:he|she|someone|a\s+man|an\s+adult|my\s+\w+)\s+touched\s+me\b"
    r"(?!\s+(?:on\s+the\s+(?:shoulder|arm|back)|by\s+accident|with\s+(?:a|the)\s+ball))",
    r"\bmy\s+(?:step[-\s]?)?(?:dad|father|mum|mom|mother|parents?|uncle|brother)\s+"
    r"(?:gets|is|can\s+be)\s+violent\b",
    r"\b(?:asked|asking|asks|wants|wanted|told|keeps\s+telling)\s+me\s+to\s+send\s+"
    r"(?:him\s+|her\s+|them\s+)?(?:nudes|naked\s+(?:pics|photos)|pics\s+of\s+my\s+body)\b",
    r"\bi\s+(?:was|got|have\s+been|'ve\s+been|ve\s+been|am\s+being|'m\s+being|m\s+being)\s+"
    r"(?:sexually\s+|physically\s+)?(?:abused|raped|molested|assaulted|groomed)\b",
    r"\b(?:scared|afraid|terrified)\s+(?:to\s+go\s+home|of\s+(?:my|going)\s+(?:home|dad|mum|mom"
    r"|stepdad|father|mother))\b",
    r"\bi'?m\s+not\s+safe\s+at\s+home\b|\bim\s+not\s+safe\s+at\s+home\b",
    r"\b(?:comes|came|keeps\s+coming|sneaks|climbs)\s+into\s+my\s+(?:room|bed|bedroom)\s+"
    r"(?:at\s+night|when)\b",
    r"\b(?:keeps|kept|keep)\s+asking\s+me\s+(?:for|to\s+send)\s+(?:nudes|pics|photos|pictures)\b",
]
SELF_HARM_OTHER = [
    # French
    r"\bne\s+(?:pas|plus)\s+me\s+réveiller\b",
    r"\b(?:envie|envies)\s+d(?:e\s+|')(?:mourir|crever|me\s+tuer|disparaître|disparaitre"
    r"|en\s+finir)\b",
    r"\b(?:je\s+)?(?:veux|voudrais|vais)\s+(?:mourir|me\s+tuer|me\s+suicider|en\s+finir"
    r"|disparaître)\b",
    r"\bje\s+(?:me\s+)?(?:scarifie|mutile|coupe\s+(?:encore|les\s+bras|le\s+bras"
    r"|les\s+poignets))\b|\bje\s+me\s+fais\s+du\s+mal\b",
    r"\bje\s+suis\s+suicidaire\b", r"\b(?:je\s+)?(?:ne\s+)?veux\s+plus\s+vivre\b",
    r"\bje\s+pense\s+(?:au\s+suicide|à\s+me\s+tuer|a\s+me\s+tuer|à\s+mourir|à\s+en\s+finir)\b",
    r"\bje\s+n'?en\s+peux\s+plus\b(?=[^.!?\n]*(?:mourir|vivre|finir))"
    r"|\bplus\s+envie\s+de\s+vivre\b",
    r"\b(?:mon|ma)\s+(?:père|pere|mère|mere|beau-père|beau-pere|belle-mère|frère|oncle)\s+me\s+"
    r"(?:frappe|bat|touche|tape)\b",
    # Spanish
    r"\b(?:quiero|quisiera|voy\s+a)\s+(?:morir(?:me)?|matarme|suicidarme|desaparecer)\b(?!\s+de\s+"
    r"(?:la\s+)?vergüenza)",
    r"\b(?:ya\s+)?nada\s+tiene\s+sentido\b",
    r"\bno\s+(?:point|reason)\s+in\s+(?:living|being\s+alive|going\s+on)\b",
    r"\bme\s+quiero\s+(?:morir|matar|cortar)\b",
    r"\bme\s+estoy\s+(?:cortando|haciendo\s+daño|lastimando)\b",
    r"\b(?:mejor|quiero|quisiera|ojalá|ojala)\s+no\s+(?:despertar(?:me)?|volver\s+a\s+despertar"
    r"|existir|estar\s+aquí)\b",
    r"\bpienso\s+en\s+(?:suicidarme|matarme|morir(?:me)?|el\s+suicidio)\b",
    r"\bganas\s+de\s+(?:morir(?:me)?|matarme|desaparecer)\b",
    r"\bno\s+quiero\s+(?:vivir|seguir\s+viviendo|estar\s+viv[oa])\b",
    r"\bme\s+(?:corto|autolesiono|lastimo\s+a\s+propósito|hago\s+daño)\b",
    r"\bme\s+he\s+(?:cortado|hecho\s+daño)\b",
    r"\b(?:mi)\s+(?:padre|madre|padrastro|madrastra|hermano|tío|tio|papá|papa|mamá|mama)\s+me\s+"
    r"(?:pega|golpea|toca|maltrata)\b",
    # German
    r"\b(?:ich\s+)?will\s+(?:nicht\s+mehr\s+leben|sterben|mich\s+umbringen)\b",
    r"\bmich\s+umbringen\b", r"\bmir\s+das\s+leben\s+nehmen\b",
    r"\bich\s+(?:ritze|verletze|schneide)\s+mich\b",
    r"\bmich\s+(?:wieder\s+)?(?:geritzt|verletzt)\b",
    r"\bkeine\s+lust\s+mehr\s+(?:zu\s+leben|auf\s+(?:das\s+)?leben)\b", r"\blebensmüde\b",
    r"\bnicht\s+mehr\s+(?:aufwachen|da\s+sein|existieren)\b",
    r"\bich\s+denke\s+(?:an|über)\s+(?:selbstmord|suizid)\b",
    r"\b(?:mein|meine)\s+(?:vater|mutter|stiefvater|stiefmutter|bruder|onkel|papa|mama)\s+"
    r"(?:schlägt|haut|berührt|verprügelt)\s+mich\b",
]

# -- context: language that talks *about* a risk rather than doing it ------------------------------
#: words just before a phrase that make it reported, quoted or hypothetical speech
REPORTED_CUE = alt(
    r"said", r"says", r"say", r"saying",
    r"told\s+(?:me|you|u|her|him|them|us|people|everyone)(?:\s+to)?",
    r"tell(?:s|ing)?\s+(?:you|u|her|him|them|people|kids|teens|someone)\s+to",
    r"ask(?:s|ed|ing)?\s+(?:you|u|her|him|them|people|kids|teens|someone|me)(?:\s+to|\s+if)?",
    r"asks", r"asked", r"wrote", r"writes", r"texted\s+(?:me|her|him)",
    r"messaged\s+(?:me|her|him)",
    r"(?:phrases?|things|stuff|messages?|lines?|words|comments?|sentences?|questions?)\s+like",
    r"such\s+as",
    r"pretend(?:s|ed|ing)?\s+to\s+be", r"(?:the\s+)?(?:phrase|sentence|quote)",
    r"e\.g\.", r"for\s+example", r"like\s+when",
    r"(?:groomers?|scammers?|predators?|creeps?|strangers?|catfish(?:ers)?)\s+(?:often\s+"
    r"|usually\s+|always\s+|will\s+|might\s+|may\s+|can\s+)?(?:say|ask|use|try|write|send)",
    r"warned\s+(?:us|me|you)\s+(?:about|that)", r"learn(?:ed|t)?\s+(?:about|that)",
    r"talk(?:ed|ing)?\s+about",
    r"what\s+to\s+do\s+(?:if|when)", r"never\s+(?:agree\s+to|reply\s+to)",
    r"(?:spot|recognise|recognize)",
)
#: words after a phrase, in the same sentence, that make it a warning or a discussion
WARNING_AFTER = alt(
    r"(?:is|are|was|=|'s|s)\s+(?:a|an|the|such\s+a|the\s+biggest|a\s+huge|a\s+big|a\s+classic"
    r"|classic|usually|always|literally|def(?:initely)?)?\s*"
    r"(?:huge\s+|big\s+|massive\s+|major\s+)?(?:red\s+flags?|warning\s+signs?|scam|grooming|sign"
    r"|tactic|trick|creepy|sus)",
    r"(?:should|needs?\s+to)\s+be\s+(?:in\s+the|banned|reported|a\s+warning)", r"trend\b",
    r"scene\b", r"slide\b",
    r"in\s+(?:a|the)\s+(?:comment|video|film|movie|show|case\s+study|role[-\s]?play|safety\s+video"
    r"|quiz|lesson)",
)
#: someone else as the subject: "my mum will text me", "randoms dm me all the time"
THIRD_PERSON_BEFORE = alt(
    r"she", r"he", r"they", r"it", r"mum", r"mom", r"dad", r"mother", r"father", r"parents?",
    r"teachers?",
    r"school", r"someone", r"somebody", r"no\s?one", r"nobody", r"people", r"randoms?",
    r"strangers?",
    r"scammers?", r"bots?", r"accounts?", r"guys?", r"apps?", r"brother", r"sister", r"friends?",
    r"who",
)
#: what may sit between that subject and the verb ("will", "keeps", "wants to")
AUXILIARY = alt(r"will", r"would", r"can", r"could", r"should", r"might", r"may", r"always",
                r"never", r"just", r"keeps?", r"kept", r"still", r"often", r"usually",
                r"sometimes", r"to", r"gonna", r"going\s+to", r"wants?\s+to")
#: advice or refusal just before an invitation ("never meet up with ...", "don't add ...")
NEGATION_BEFORE = alt(
    r"never", r"don'?t", r"dont", r"do\s+not", r"shouldn'?t", r"should\s+not", r"should\s+never",
    r"not",
    r"won'?t", r"wouldn'?t", r"can'?t", r"cannot", r"refuse\s+to", r"avoid", r"no\s+one\s+should",
    r"nobody\s+should", r"stop", r"never\s+ever", r"not\s+allowed\s+to",
    r"why\s+would\s+(?:you|anyone)",
)
