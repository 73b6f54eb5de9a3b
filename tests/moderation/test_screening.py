"""The post screen: each detector (positives, negatives, exact spans), watched words, the labelling
conventions, near-misses, and the quality bar on the labelled dev set and on posts of our own."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from council.moderation.screening import CODES, Finding, WatchedWord, screen, watched_word_regex

REPO_ROOT = Path(__file__).resolve().parents[2]
DEV_SET = REPO_ROOT / "../shared/screening/dev.jsonl"
LABELLED_CODES = [code for code in CODES if code != "watched_word"]
P, E, A, H = ("personal_data.phone", "personal_data.email", "personal_data.address",
              "personal_data.handle")
OFF, SEC, MEET, SH = "off_platform", "secrecy", "meeting", "self_harm"


def codes(text: str) -> set[str]:
    """The reason codes the screen raises for a post."""
    return {finding.code for finding in screen(text)}


def matched(text: str, code: str) -> list[str]:
    """The highlighted parts of a post for one reason code."""
    for finding in screen(text):
        if finding.code == code:
            return [text[start:end] for start, end in finding.spans]
    return []


def bar(posts: list[tuple[str, set[str]]]) -> tuple[dict[str, float], float]:
    """Recall per code (codes with support) and the false-hold rate on benign posts."""
    hits = {code: [0, 0] for code in LABELLED_CODES}
    benign = held = 0
    for text, labels in posts:
        found = codes(text)
        for code in labels:
            hits[code][0] += code in found
            hits[code][1] += 1
        if not labels:
            benign += 1
            held += bool(found)
    recall = {code: tp / n for code, (tp, n) in hits.items() if n}
    return recall, held / benign if benign else 0.0


def dev_posts(half: int | None = None) -> list[tuple[str, set[str]]]:
    """The labelled dev set (optionally only even or odd ids); skips the test when it is absent."""
    if not DEV_SET.exists():
        pytest.skip(f"labelled dev set not found at {DEV_SET} (it lives outside the repository)")
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    if half is not None:
        rows = [row for row in rows if int(row["id"].split("-")[-1]) % 2 == half]
    return [(row["text"], set(row["labels"])) for row in rows]


# -- the Finding ----------------------------------------------------------------------------------
def test_findings_are_frozen_one_per_code_with_merged_sorted_spans():
    text = "text me 07700 900123 or text me on 07700 900456"
    findings = screen(text)
    assert [f.code for f in findings] == [P, OFF]
    phone = findings[0]
    assert phone.spans == ((8, 20), (35, 47)) and phone.action is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        phone.code = "secrecy"  # type: ignore[misc]


def test_a_benign_post_has_no_findings():
    assert screen("I agree with the last post, more discussion please") == []
    assert screen("") == []


def test_spans_are_offsets_into_the_text_as_written_even_with_curly_quotes():
    text = "pls don\u2019t tell your parents \u2014 it\u2019s just between us"
    assert matched(text, SEC) == ["pls don\u2019t tell your parents", "it\u2019s just between us"]


# -- personal_data.phone --------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("my number is 07700 900487 ok", ["07700 900487"]),
    ("my phone: 07911-123-456", ["07911-123-456"]),
    ("+44 7700 900 856 is mine", ["+44 7700 900 856"]),
    ("0044 7700 900856", ["0044 7700 900856"]),
    ("its 0 7 7 0 0 - 9 0 0 - 5 2 2 lol", ["0 7 7 0 0 - 9 0 0 - 5 2 2"]),
    ("0.7.7.0.0.9.0.0.1.2.3 haha", ["0.7.7.0.0.9.0.0.1.2.3"]),
    ("its zero seven nine one one, one two three, four five six",
     ["zero seven nine one one, one two three, four five six"]),
    ("oh seven seven double oh nine double oh one two three!",
     ["oh seven seven double oh nine double oh one two three"]),
    ("my cell is 555.0192, area code 312", ["555.0192"]),
    ("call (212) 555-0148", ["(212) 555-0148"]),
    ("mon numéro c'est le 01 99 00 27 48", ["01 99 00 27 48"]),
])
def test_phone_numbers_and_their_spans(text, expected):
    assert matched(text, P) == expected


def test_phone_exact_offsets():
    assert screen("ring 07700 900487")[0].spans == ((5, 17),)


@pytest.mark.parametrize("text", [
    "In 2021, 13 teens in our region reported it",
    "My score was 07/10 on the quiz",
    "Version 2.0.3 fixed it", "the meeting is 12.05.2024 at 16:45", "from 2019-2023 it doubled",
    "the headphones are £49.99", "the petition has 1 234 567 signatures",
    "call Childline on 0800 1111 if you need to talk", "Samaritans: 116 123",
    "Our meeting ID for zoom is 845 1234 5678", "the wifi password is 73945512",
    "one two three four five six seven, ready or not",
])
def test_not_phone_numbers(text):
    assert P not in codes(text)


# -- personal_data.email --------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("my email is jamie.r.2009@example.com", ["jamie.r.2009@example.com"]),
    ("skyfox_14 at example dot com", ["skyfox_14 at example dot com"]),
    ("sam(underscore)vega(at)example(dot)com", ["sam(underscore)vega(at)example(dot)com"]),
    ("lena [dot] moss [at] example [dot] org", ["lena [dot] moss [at] example [dot] org"]),
    ("ruby AT example DOT com", ["ruby AT example DOT com"]),
    ("darkmoonkid (at) example.com", ["darkmoonkid (at) example.com"]),
    ("my gmail is jake.p2009", ["jake.p2009"]),
])
def test_emails_and_their_spans(text, expected):
    assert matched(text, E) == expected


@pytest.mark.parametrize("text", [
    "The email from 'support' had a typo, classic phishing",
    "my email notifications are so annoying", "look at bbc.com for the story",
    "meet me at school.", "Should we be allowed to share personal emails?",
])
def test_not_emails(text):
    assert E not in codes(text)


# -- personal_data.address ------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("I live at 14 Larkspur Lane, Millbrook", ["14 Larkspur Lane"]),
    ("we moved to 3021 Juniper Ave Apt 4", ["3021 Juniper Ave Apt 4"]),
    ("my address is 22b Quarry Road, ZZ9 4QT", ["22b Quarry Road, ZZ9 4QT"]),
    ("postcode is ZZ1 8XY", ["ZZ1 8XY"]),
    ("my postcode's zz2 9ab", ["zz2 9ab"]),
    ("im on Fennel Street, number 7", ["Fennel Street, number 7"]),
    ("Ich wohne im Holunderweg 5", ["Holunderweg 5"]),
    ("j'habite au 12 rue des Cerisiers", ["12 rue des Cerisiers"]),
    ("vivo en la calle Olmo 23, 3ºB", ["calle Olmo 23, 3ºB"]),
    ("i live at 7 orchard close", ["7 orchard close"]),
    ("Our house is 9 The Crescent", ["9 The Crescent"]),
])
def test_addresses_and_their_spans(text, expected):
    assert matched(text, A) == expected


@pytest.mark.parametrize("text", [
    "I live at the library during exam season lol", "Never put your address in your bio",
    "Room 214 at 3:15 for the council workshop", "it's a 5 minute walk from the station",
    "we walked 3 miles down the road", "Our school's postcode got used in the example",
    "We're doing a fundraiser at 22 Market Street for the council on Saturday",
    "I'm at number 3 in the queue lol", "I came 2nd place in Y7 2nd term",
])
def test_not_addresses(text):
    assert A not in codes(text)


# -- personal_data.handle -------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("my snap is cloudy.kai_09", ["cloudy.kai_09"]),
    ("sc: noahhh.b", ["noahhh.b"]),
    ("tiktok: @dancing.dani.14", ["@dancing.dani.14"]),
    ("@maya.draws.stuff on insta", ["@maya.draws.stuff"]),
    ("discord: moon_walker", ["moon_walker"]),
    ("add me on discord: nightowl#4821", ["nightowl#4821"]),
    ("add me on xbox, gamertag Frosty Lynx 88", ["Frosty Lynx 88"]),
    ("hmu on snap, it's jj_rocket22", ["jj_rocket22"]),
    ("my discord is frostbyte, add me", ["frostbyte"]),
    ("kik me, same username as here + 07", ["same username as here + 07"]),
])
def test_handles_and_their_spans(text, expected):
    assert matched(text, H) == expected


@pytest.mark.parametrize("text", [
    "Discord has an '@everyone' ping which is so annoying",
    "my insta is private so nobody can see it", "Snapchat's Snap Map shows your location",
    "Hot take: WhatsApp is safer than SMS", "my username here is literally my cat's name",
    "Should we ask for a report button for people asking for snap usernames?",
    "We use Discord v2.3 at school", "whats your snap? ill add u",
])
def test_not_handles(text):
    assert H not in codes(text)


# -- off_platform ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("dm me", ["dm me"]), ("text me later ok", ["text me later"]), ("hmu", ["hmu"]),
    ("add me on snap", ["add me on snap"]), ("email me the answers", ["email me"]),
    ("let's talk on whatsapp instead", ["let's talk on whatsapp"]),
    ("slide into my dms", ["slide into my dms"]),
    ("can we move this to discord", ["can we move this to discord"]),
    ("écris-moi 😊", ["écris-moi"]), ("hablemos por privado", ["hablemos por privado"]),
    ("lass uns auf WhatsApp schreiben", ["lass uns auf WhatsApp"]),
    ("give me your number and I'll text you", ["give me your number", "I'll text you"]),
])
def test_off_platform_invitations_and_their_spans(text, expected):
    assert matched(text, OFF) == expected


@pytest.mark.parametrize("text", [
    "Lmao the teacher said 'DM me your homework' as a joke",
    "If someone says 'dm me' in a comment section, it's usually a scam",
    "My dad told me to never text strangers back, which is fair",
    "my cousin got a text from someone pretending to be her bank",
    "my mum will text me when she's outside", "randoms dm me all the time asking for pics",
    "call me old fashioned but phones should stay out of class", "add me to the rota pls",
    "I'll call you out if you copy my answers lol",
])
def test_not_off_platform(text):
    assert OFF not in codes(text)


# -- secrecy --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("don't tell your parents", ["don't tell your parents"]),
    ("this stays between us ok?", ["this stays between us ok?"]),
    ("keep it secret from your parents", ["keep it secret from your parents"]),
    ("delete this chat after", ["delete this chat after"]),
    ("if the moderator asks, say we never talked", ["if the moderator asks, say we never"]),
    ("ne le dis pas à tes parents", ["ne le dis pas à tes"]),
    ("no se lo digas a nadie", ["no se lo digas"]),
    ("erzähl das bitte nicht deinen Eltern", ["erzähl das bitte nicht deinen Eltern"]),
    ("it's a surprise, don't tell your parents", ["don't tell your parents"]),
])
def test_secrecy_and_its_spans(text, expected):
    assert matched(text, SEC) == expected


@pytest.mark.parametrize("text", [
    "I think 'don't tell your parents' is the biggest red flag in any online chat",
    "A stranger once told me to keep our chat secret and I reported it straight away.",
    "My sister's ex kept telling her to delete their messages, thats controlling",
    "I tried the 'secret chat' feature on telegram for the research task",
    "my mum's boyfriend scares me and I don't know who to tell",
    "don't tell anyone your password, even your friends",
    "there's a big age gap between us and year 7s",
    "I secretly love pineapple pizza, don't tell anyone 😂",
    "Groomers often say things like keep this our little secret, so watch out",
    "tell no one about the surprise party for Ms Khan lol",
])
def test_not_secrecy(text):
    assert SEC not in codes(text)


# -- meeting --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("lets meet at the mall saturday", ["lets meet at the mall"]),
    ("where do you live?", ["where do you live"]),
    ("come over after school", ["come over"]),
    ("wanna meet up irl?", ["wanna meet up irl"]),
    ("I can pick you up friday", ["pick you up"]),
    ("on se voit au café samedi?", ["on se voit"]),
    ("treffen wir uns morgen?", ["treffen wir uns"]),
])
def test_meetings_and_their_spans(text, expected):
    assert matched(text, MEET) == expected


@pytest.mark.parametrize("text", [
    "we should all meet at the youth council conference in October",
    "We should meet as a council at the summer event in July!",
    "We did a role-play where a groomer said 'lets meet at the mall'",
    "When someone asks 'where do you live?' in a game chat I say 'earth'",
    "let's meet the deadline this time pls", "nice to meet you all at the induction!",
    "never meet up with someone you only know online", "it's just us and the teacher in the room",
    "we should go to the cinema as a council after the summit",
])
def test_not_meetings(text):
    assert MEET not in codes(text)


# -- self_harm ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("I want to kill myself honestly", ["I want to kill myself"]),
    ("Ive been cutting again", ["Ive been cutting again"]),
    ("sometimes I think everyone would be better off without me", ["be better off without me"]),
    ("my stepdad hits me when hes drunk", ["my stepdad hits me"]),
    ("kms fr not joking this time", ["kms"]),
    ("j'ai envie de mourir", ["envie de mourir"]),
    ("me corto cuando estoy triste", ["me corto"]),
    ("ich will nicht mehr leben", ["ich will nicht mehr leben"]),
])
def test_self_harm_and_its_spans(text, expected):
    assert matched(text, SH) == expected


@pytest.mark.parametrize("text", [
    "this homework is gonna be the death of me fr", "I killed it in my exam today",
    "I died laughing at the meme", "I hurt my ankle at football", "Im dying to see the new film",
    "If you ever feel like hurting yourself please talk to a trusted adult",
    "people who self-harm deserve support, not judgement",
    "we talked about what to do if a friend tells you they self-harm",
    "cutting the video down to 2 minutes was hard", "he kills me every time in Fortnite",
    "i want to die of embarrassment after that presentation", "kms lol this homework",
    "If you feel suicidal, please call a helpline", "done with life admin for today",
    "I'm tired of living in a small town with nothing to do",
])
def test_not_self_harm(text):
    assert SH not in codes(text)


# -- watched words --------------------------------------------------------------------------------
def test_watched_word_matches_case_insensitively_on_word_boundaries():
    word = [WatchedWord("ass", "hold")]
    assert [f.code for f in screen("what an ASS", word)] == ["watched_word"]
    assert screen("our class passed the assessment", word) == []


@pytest.mark.parametrize("text", ["h3ll0 there", "HELLLLOOO", "he11o", "hell0o0"])
def test_watched_word_tolerates_leet_and_repeated_letters(text):
    assert screen(text, [WatchedWord("hello", "flag")])[0].code == "watched_word"


@pytest.mark.parametrize("text", ["$t@te", "5747e", "st4t3"])
def test_watched_word_leet_symbols(text):
    assert screen(text, [WatchedWord("state", "flag")])


def test_watched_word_written_in_leet_matches_plain_letters():
    assert screen("what a noob", [WatchedWord("n00b", "flag")])[0].spans == ((7, 11),)


def test_watched_word_spans_phrases_and_wildcards():
    words = [WatchedWord("so", "flag"), WatchedWord("loser", "hold"),
             WatchedWord("kill yourself", "block")]
    finding = screen("ok sooo l00ser, go k1ll   yourself", words)[-1]
    assert finding.spans == ((3, 7), (8, 14), (19, 34))
    assert screen("scammers", [WatchedWord("scam*", "flag")])[0].spans == ((0, 8),)


@pytest.mark.parametrize("action", ["hold", "block", "flag"])
def test_watched_word_carries_its_action(action):
    assert screen("buy crypto now", [WatchedWord("crypto", action)]) == [
        Finding("watched_word", ((4, 10),), action)]


def test_watched_words_report_the_strictest_action():
    words = [WatchedWord("crypto", "flag"), WatchedWord("casino", "block"),
             WatchedWord("bet", "hold")]
    assert screen("crypto casino bet", words)[0].action == "block"
    assert screen("crypto bet", words)[0].action == "hold"


def test_watched_word_rejects_bad_input():
    with pytest.raises(ValueError):
        WatchedWord("word", "delete")
    with pytest.raises(ValueError):
        WatchedWord("  ", "hold")
    assert watched_word_regex("a.b").search("a.b") and not watched_word_regex("a.b").search("axb")


# -- labelling conventions ------------------------------------------------------------------------
def test_contact_details_alone_get_only_their_personal_data_code():
    assert codes("my snap is cloudy.kai_09") == {H}
    assert codes("ok my number is 07700 900412, save it") == {P}
    assert codes("for the record my email is jamie.r.2009@example.com") == {E}


def test_an_invitation_to_use_contact_details_adds_off_platform():
    assert codes("text me 07700 900 731 after the session") == {P, OFF}
    assert codes("add me on snap (tilly.moonbeam)") == {H, OFF}
    assert codes("email me at bluejay.k@example.com") == {E, OFF}


def test_a_disclosure_asking_not_to_tell_gets_self_harm_and_secrecy():
    assert codes("dont tell anyone but Ive been hurting myself") == {SH, SEC}
    assert codes("Im so done, I want to die. dont tell my mom pls") == {SH, SEC}


def test_the_whole_council_at_an_official_event_is_benign_but_one_to_one_is_meeting():
    assert codes("we should all meet at the youth council conference in October") == set()
    assert codes("let's meet before the council event, just the two of us") == {MEET}


def test_asking_for_an_address_to_send_a_present_is_not_a_meeting():
    assert codes("whats ur address? ill send u a present, no need to tell ur mum") == {SEC}


# -- quality bar ----------------------------------------------------------------------------------
@pytest.mark.parametrize("half", [None, 0, 1], ids=["all", "even-ids", "odd-ids"])
def test_dev_set_meets_the_quality_bar(half):
    recall, false_hold_rate = bar(dev_posts(half))
    assert min(recall.values()) >= 0.90, recall
    assert false_hold_rate <= 0.05


# Posts of our own, none from the dev set. Each batch was written, then measured once before any
# rule changed; the first-pass figures are in the comments. Batch 5 is the last blind check.
EXTRA_POSTS: list[tuple[str, set[str]]] = [
    # batch 1 (67 posts). First pass: 4 wrong; off_platform recall 0.89, self_harm 0.80;
    # 1/29 benign held.
    # positives
    ("ring me on 07911 123456 tonight", {P, OFF}),
    ("my mobile's 0 7 9 1 1 . 1 2 3 . 4 5 6", {P}),
    ("its oh seven nine one one, one two three, four five six", {P}),
    ("07911-123-456 thats my cell", {P}),
    ("reach me at +33 6 12 34 56 78 if u want", {P, OFF}),
    ("new email is coolkid.2010@example.net", {E}),
    ("email: jess dot w at example dot co dot uk", {E}),
    ("write to me at tom_b(at)example(dot)org", {E, OFF}),
    ("I live at 7 Orchard Close in Hilltown", {A}),
    ("our flat is 3B, 45 Kingsway Road", {A}),
    ("post code ZZ3 1AB if you want to send the card", {A}),
    ("Ich wohne in der Lindenstraße 12", {A}),
    ("discord: moon_walker", {H}),
    ("my ig is @sunny.daze_", {H}),
    ("add me on fortnite, my epic is BlazeKing07", {H, OFF}),
    ("snap me, its lily.m22", {H, OFF}),
    ("dm me on insta", {OFF}),
    ("wanna move to snapchat? easier to chat", {OFF}),
    ("text me when ur home", {OFF}),
    ("mp moi sur insta", {OFF}),
    ("no le cuentes a nadie, vale?", {SEC}),
    ("keep this between me and you ok", {SEC}),
    ("make sure you delete our messages after", {SEC}),
    ("don't let your parents see this chat", {SEC}),
    ("we should meet up at the shopping centre after school, just us", {MEET}),
    ("wanna hang out at mine on saturday?", {MEET}),
    ("what part of town do you live in?", {MEET}),
    ("on se retrouve devant le ciné samedi ?", {MEET}),
    ("i cant stop thinking about killing myself", {SH}),
    ("my dad beats me when he's angry", {SH}),
    ("I've started cutting my arms again", {SH}),
    ("nobody would even notice if I was gone", {SH}),
    ("quiero morirme, ya no aguanto", {SH}),
    ("ich will sterben", {SH}),
    ("I don't want to wake up tomorrow", {SH}),
    ("my uncle touched me and told me not to tell anyone", {SH}),
    ("i took a bunch of pills last night on purpose", {SH}),
    ("I want to die, pls don't tell the mods", {SH, SEC}),
    # near-misses and everyday talk
    ("Groomers often say things like keep this our little secret, so watch out", set()),
    ("If someone asks you to move to Snapchat, that's a red flag", set()),
    ("My mum says never give your number to anyone online", set()),
    ("we learned that 116 123 is the Samaritans number, free to call", set()),
    ("The youth council meets at the town hall every second Tuesday", set()),
    ("Can't wait to see everyone at the residential next month!", set()),
    ("I'm dead 😂 that video", set()),
    ("This maths test is going to kill me", set()),
    ("The character in the book says she wants to die, it was really sad", set()),
    ("people who self-harm deserve support, not judgement", set()),
    ("My email got hacked last week, changed my password", set()),
    ("In 2019-2023 the numbers doubled", set()),
    ("Our meeting ID for zoom is 845 1234 5678", set()),
    ("Telegram channels spread so much misinformation", set()),
    ("I told my parents about the weird DMs and they helped me report it", set()),
    ("Discord servers for homework help are actually useful", set()),
    ("Someone in a game asked where I live and I blocked them", set()),
    ("Always tell a trusted adult if someone asks you to keep secrets", set()),
    ("Lets all meet at the library at 4 for the council poster session", set()),
    ("my friend's snap got hacked and they posted weird stuff", set()),
    ("I'm so tired I could sleep for a week lol", set()),
    ("text messages from unknown numbers should be ignored", set()),
    ("add me to the rota for the bake sale pls", set()),
    ("call me old fashioned but I think phones should stay out of class", set()),
    ("nice to meet you all at the induction!", set()),
    ("My address for the council certificate is the same as on the form", set()),
    ("The bus number 157 goes past my school", set()),
    ("We were given the example 'my snap is cool.kid99' to show what not to post", set()),
    ("Kill the lights when you leave the room lol", set()),
    # batch 2 (46 posts). First pass: 9 wrong; self_harm recall 0.20, meeting 0.75;
    # 1/22 benign held.
    ("call or text 0412 345 678 whenever", {P, OFF}),
    ("u can snap me at ruby_tuesday05", {H, OFF}),
    ("my psn is DarkKnight_2009 if u wanna play", {H}),
    ("find me on twitch, streaming as pixelqueen88", {H, OFF}),
    ("I'm at 19 Kestrel Way, the house with the red gate", {A}),
    ("we live in flat 6, 101 Harbour Street", {A}),
    ("my postcode is zz2 9ab", {A}),
    ("jo.baker14 at gmail dot com is my email", {E}),
    ("can you send me a message on whatsapp instead", {OFF}),
    ("lets take this to dms", {OFF}),
    ("we can chat on telegram, nobody checks there", {OFF}),
    ("don't tell ur mum i gave u my number", {SEC}),
    ("you have to promise you won't tell anyone about us", {SEC}),
    ("keep our chats private from your parents ok", {SEC}),
    ("erase our convo after reading", {SEC}),
    ("come meet me by the canal tonight", {MEET}),
    ("do u wanna go to the cinema with me on friday, just u and me", {MEET}),
    ("i could come to your house after school if u want", {MEET}),
    ("what street do you live on", {MEET}),
    ("i hate my life and want it to be over", {SH}),
    ("i've been throwing up after meals on purpose", {SH}),
    ("my mom's boyfriend hurts me when she's at work", {SH}),
    ("je me sens tellement seule, j'ai envie d'en finir", {SH}),
    ("a veces pienso que sería mejor no despertar", {SH}),
    ("My phone number got leaked in a data breach once, so scary", set()),
    ("Texting while walking is how my friend walked into a pole lol", set()),
    ("Discord is better for group projects than WhatsApp imo", set()),
    ("Does anyone else's snap keep crashing?", set()),
    ("I had to give my address for the council trip form, is that safe?", set()),
    ("The trip leaves from 12 Station Road at 9, bring a packed lunch", set()),
    ("my cousin said 'add me on insta' to a random guy and got hacked", set()),
    ("In the video the groomer goes 'don't tell your mum' and it's so creepy", set()),
    ("we did a survey where 72% said they'd been asked for pics", set()),
    ("I'm dying to meet the new members at the induction day", set()),
    ("my brother kills me in Minecraft every single time", set()),
    ("cut the intro, it's too long", set()),
    ("The scam said call 0800 123 4567 to claim your prize", set()),
    ("if a stranger says lets meet up, tell an adult", set()),
    ("I think kids shouldn't share their location on snap maps", set()),
    ("our teacher told us to never keep secrets from our parents", set()),
    ("the answer to question 3 is 1,048,576", set()),
    ("i wanna meet the minister when she visits the council", set()),
    ("the phone number on the poster is wrong, can staff fix it?", set()),
    ("ngl I lowkey want to quit social media", set()),
    ("my grandad always says call me anytime, he's so sweet", set()),
    ("his username was something like xXgamerXx, so cringe", set()),
    # batch 3 (55 posts). First pass: 8 wrong; meeting recall 0.60, off_platform 0.67;
    # 1/22 benign held.
    ("txt me on 07700 900 318 x", {P, OFF}),
    ("my home phone is 020 7946 0123", {P}),
    ("number: 0 4 9 1 - 5 7 0 - 1 1 0", {P}),
    ("mi número es el 612 34 56 78", {P}),
    ("ruby.ng at example dot com, write me there", {E, OFF}),
    ("my email's sophie_k_2010@example.co.uk", {E}),
    ("we're at 8 Juniper Court if u need to drop off the banner", {A}),
    ("my house number is 42 and the street is Linden Avenue", {A}),
    ("j'habite 5 avenue Victor Hugo", {A}),
    ("vivo en Avenida del Mar 14", {A}),
    ("snap: kiki.rose", {H}),
    ("my roblox is SkyBlazer_99, friend me", {H, OFF}),
    ("follow my tiktok @bella.dances", {H, OFF}),
    ("@jaylen_hoops on ig if anyone wants", {H}),
    ("let's continue this on snap", {OFF}),
    ("i'll message you on insta later", {OFF}),
    ("dm me if u wanna know more", {OFF}),
    ("what's ur insta?", {OFF}),
    ("shh dont tell anyone we talked", {SEC}),
    ("this is between us right?", {SEC}),
    ("delete our chat when ur done reading", {SEC}),
    ("ne dis à personne qu'on parle", {SEC}),
    ("lets meet at the park tomorrow after school", {MEET}),
    ("ur so mature, we should meet irl", {MEET}),
    ("where abouts do you live?", {MEET}),
    ("i can come get you after practice", {MEET}),
    ("wir können uns am Wochenende treffen, nur wir zwei", {MEET}),
    ("I keep thinking I'd be better off dead", {SH}),
    ("been hurting myself again, idk what to do", {SH}),
    ("my dad hits my mum and me", {SH}),
    ("tengo ganas de desaparecer para siempre", {SH}),
    ("I literally want to kill myself, no joke", {SH}),
    ("i want to die, dm me", {SH, OFF}),
    ("My number one tip: never share your location", set()),
    ("Call of Duty chat is so toxic", set()),
    ("Our council email is on the website, use that for questions", set()),
    ("Lol my sister said 'text me when you're home' like she's my mum", set()),
    ("she told me her address but I didn't write it down", set()),
    ("my friend lives in Spain so we video call", set()),
    ("the wifi password is on the board: 73945512", set()),
    ("I secretly love pineapple pizza, don't tell anyone 😂", set()),
    ("People who say 'let's keep this between us' online are sus", set()),
    ("my mum would kill me if I failed", set()),
    ("he hit me with a snowball lol", set()),
    ("we should meet the other councils at the regional summit", set()),
    ("If your friend says they want to die, take it seriously", set()),
    ("Teens who cut themselves often hide it, the talk said", set()),
    ("I'm meeting my mum at the shops later", set()),
    ("how do you report a snap account that keeps adding people?", set()),
    ("text 85258 for Shout if you need to talk to someone", set()),
    ("the 'find friends' feature on Insta uses your contacts", set()),
    ("my phone's at 5% brb", set()),
    ("Mis padres me dijeron que nunca quede con desconocidos", set()),
    ("Wir haben über Cybergrooming gesprochen: Täter sagen oft 'erzähl das niemandem'", set()),
    ("Wish I could delete this whole week lol", set()),
    # batch 4 (49 posts). First pass: 7 wrong; self_harm recall 0.67, phone 0.67;
    # 0/19 benign held.
    ("hit me up on whatsapp: +353 85 123 4567", {P, OFF}),
    ("07 700 900 561 is my new num", {P}),
    ("seven seven double oh, nine double oh, five four three - my mobile", {P}),
    ("contact me on maxi.plays@example.com", {E, OFF}),
    ("my hotmail: bex_2009 (at) example (dot) com", {E}),
    ("it's 31 Thornbury Gardens, come whenever", {A, MEET}),
    ("my nan's house is 6 Elm Row and I'm there every sunday", {A}),
    ("Calle Mayor 8, 2ºA, Madrid - ahí vivo", {A}),
    ("ig: the.real.noor", {H}),
    ("my discord is frostbyte, add me", {H, OFF}),
    ("search BlueFalcon77 on xbox", {H, OFF}),
    ("message me on kik, same name", {H, OFF}),
    ("we could talk on the phone instead?", {OFF}),
    ("snap me when ur free", {OFF}),
    ("u have whatsapp?", {OFF}),
    ("escríbeme al privado", {OFF}),
    ("don't tell your dad about this, he'd freak", {SEC}),
    ("promise me you'll keep this secret", {SEC}),
    ("wipe the chat after ok", {SEC}),
    ("tu ne dois le dire à personne", {SEC}),
    ("meet me behind the sports hall at lunch, come alone", {MEET}),
    ("my parents are out, come over", {MEET}),
    ("want to grab a milkshake after school, just us?", {MEET}),
    ("quieres quedar el sábado en el parque?", {MEET}),
    ("je veux mourir", {SH}),
    ("I'm going to hurt myself tonight", {SH}),
    ("nobody cares if I live or die", {SH}),
    ("my uncle comes into my room at night and I hate it", {SH}),
    ("i've been starving myself for weeks", {SH}),
    ("ich ritze mich wieder", {SH}),
    ("I'd never give my number to someone I met in a game", set()),
    ("Cops in the video said 'never meet people from online alone'", set()),
    ("The council meets in room 12 at 4pm, bring snacks", set()),
    ("lol I'm literally dead from this meme", set()),
    ("our class did a role-play where the 'groomer' said add me on snap", set()),
    ("Does anyone know the Childline number? I want to put it on our poster", set()),
    ("When strangers ask for your snap, just block them", set()),
    ("My stepdad is actually really nice, he taught me to drive", set()),
    ("My username is a mix of my favourite animal and a number", set()),
    ("If anyone asks what our project is about, it's online safety", set()),
    ("So proud of everyone at the assembly, we killed it", set()),
    ("Can we talk about how creepy 'where do you live?' messages are?", set()),
    ("apps like kik are where a lot of grooming happens", set()),
    ("we have a group chat for the council on the official app", set()),
    ("I cut my hair myself and it looks awful", set()),
    ("She lives at the end of my road lol", set()),
    ("my dad is a paramedic, his number is on the fridge", set()),
    ("new phone who dis", set()),
    ("hahaha I'm gonna die of cringe", set()),
    # batch 5 (46 posts). First pass: 9 wrong; self_harm recall 0.60, off_platform 0.67,
    # address 0.67; 0/15 benign held.
    ("my phone number is 0161 496 0753, ring after 6", {P, OFF}),
    ("+61 491 570 006 thats my aussie cell", {P}),
    ("0 7 7 0 0 9 0 0 7 7 7 my number", {P}),
    ("sophia dot lee at example dot com", {E}),
    ("e-mail me: archie99@example.org", {E, OFF}),
    ("I'm staying at my dad's, 4 Brook Lane, this week", {A}),
    ("Our house is 9 The Crescent", {A}),
    ("PO box? nah just send it to 15 Wren Street", {A}),
    ("telegram: @night_owl_77", {H}),
    ("my twitch is gamerboi_uk", {H}),
    ("add my snap pls its tia.b", {H, OFF}),
    ("dm me on tiktok @xo.maddie", {H, OFF}),
    ("lets swap numbers", {OFF}),
    ("can u text me pls", {OFF}),
    ("ill send u my number on insta", {OFF}),
    ("talk to me on discord instead", {OFF}),
    ("hablamos por insta?", {OFF}),
    ("you can't tell your mum about me ok", {SEC}),
    ("whatever I tell you stays between us", {SEC}),
    ("make sure ur parents dont see our messages", {SEC}),
    ("borra los mensajes después", {SEC}),
    ("lets meet at the bus station, I'll be wearing a red hoodie", {MEET}),
    ("I'll wait for you outside your school tomorrow", {MEET}),
    ("do you want to come to mine after school?", {MEET}),
    ("on se rejoint au parc ce soir ?", {MEET}),
    ("wo wohnst du genau?", {MEET}),
    ("I just want everything to stop. I can't do this anymore", {SH}),
    ("i've been cutting my thighs so no one sees", {SH}),
    ("my step mum slaps me when i get things wrong", {SH}),
    ("quiero desaparecer, ya nada tiene sentido", {SH}),
    ("honestly thinking of ending my life", {SH}),
    ("We talked about 'ending it all' posts and how to respond kindly", set()),
    ("My dad texts me every morning to check I'm up", set()),
    ("the ad said 'call now on 0800 000 123' lol", set()),
    ("I can't believe the council is meeting the mayor next week!", set()),
    ("Somebody commented 'where do u live' on my cousin's video, we reported it", set()),
    ("if ur friend is being hurt at home tell a teacher", set()),
    ("my address book app is so messy", set()),
    ("We're doing a fundraiser at 22 Market Street for the council on Saturday", set()),
    ("Our team name is Snap_Happy_23 for the quiz lol", set()),
    ("dying my hair purple this weekend", set()),
    ("I'll see you all at the meeting on Thursday", set()),
    ("he said he'd kill me if I didn't give back his hoodie lol", set()),
    ("Adding people you don't know on snap is risky", set()),
    ("secret santa for the council christmas party!!", set()),
    ("I keep our family's wifi password secret from my little brother lol", set()),
]


def test_our_own_posts_meet_the_quality_bar():
    recall, false_hold_rate = bar(EXTRA_POSTS)
    assert min(recall.values()) >= 0.90, recall
    assert false_hold_rate <= 0.05


# -- speed and the evaluation script --------------------------------------------------------------
def test_screening_is_fast():
    texts = [text for text, _ in EXTRA_POSTS]
    screen(texts[0])
    started = time.perf_counter()
    for text in texts:
        screen(text)
    mean_ms = 1000 * (time.perf_counter() - started) / len(texts)
    assert mean_ms < 4, f"{mean_ms:.2f} ms per post"


def test_a_long_post_does_not_backtrack():
    text = ("my snap is " + "a " * 300 + "0 7 7 0 0 " * 100 + "x at y " * 200)[:5000]
    started = time.perf_counter()
    screen(text, [WatchedWord("hello", "hold")])
    assert time.perf_counter() - started < 0.5


def test_eval_script_prints_per_code_figures_and_the_summary_line(tmp_path):
    data = tmp_path / "posts.jsonl"
    rows = [{"id": "x-1", "text": "text me 07700 900 731", "labels": [P, OFF]},
            {"id": "x-2", "text": "lol same", "labels": []},
            {"id": "x-3", "text": "where do you live?", "labels": [MEET, SEC]}]
    data.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "bench/screening_eval.py", str(data)], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "min_recall=0.000 false_hold_rate=0.000"
    table = {line.split()[0]: line.split()[1:] for line in lines[1:9]}
    assert table[SEC] == ["1.000", "0.000", "1"]
    assert table[P] == ["1.000", "1.000", "1"]
    assert table[MEET] == ["1.000", "1.000", "1"]
