"""What the language test looks for on a page: English words and the other Chinese script.

A page's readable text is its text nodes (scripts and styles left out, and what the page
marks translate="no") and the attributes a person reads or hears: placeholders, titles,
ARIA labels, button values.
Names, codes and units are not words to translate: every person's and record's name
is taken out first, then tokens with digits or from the allowlist below.
"""

import re
from functools import cache

from bs4 import BeautifulSoup, Comment

READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value")

#: Words that stay in Latin letters in Chinese text: brands, formats, units and codes.
ALLOWED = {
    # formats, protocols and units
    "pdf",
    "csv",
    "xlsx",
    "xls",
    "json",
    "url",
    "urls",
    "http",
    "https",
    "html",
    "api",
    "id",
    "email",
    "e-mail",
    "sms",
    "kg",
    "km",
    "mm",
    "cm",
    "kw",
    "kva",
    "hp",
    "rpm",
    "twd",
    "ntd",
    "cny",
    "usd",
    "utc",
    "gmt",
    "am",
    "pm",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "svg",
    "webp",
    "avif",
    "zip",
    "ip",
    "cst",
    "l",
    "m",
    "ok",
    # product and standard names
    "wagtail",
    "django",
    "google",
    "line",
    "iso",
    "rsd",
    "qr",
    "ai",
    "gb",
    "mb",
    "kb",
    "px",
    "markdown",
    "rich",
    "oauth",
    "excel",
    "kpi",
    # keys, as printed on the keyboard (the keyboard-shortcut dialog)
    "ctrl",
    "shift",
    "alt",
    "esc",
    "cmd",
    "enter",
    "tab",
    # authenticator apps named in the two-step verification set-up
    "freeotp",
    "aegis",
    "authenticator",
    "microsoft",
}
#: Each language named in its own language and script, as a language switcher shows them.
AUTONYMS = {"English", "繁體中文", "简体中文"}

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
EMAIL = re.compile(r"\S+@\S+")
URLISH = re.compile(r"(https?://|www\.)\S+|\S+\.(example|com|tw|cn|org|net)\b\S*")
CODE = re.compile(r"\b[\w\-/.]*\d[\w\-/.]*\b")
#: A placeholder of a contract clause ({customer}, {rent_total}): a name in the text's syntax.
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
#: A key combination (Ctrl + Shift + v): keys, as printed on the keyboard.
KEYS = re.compile(r"\b(?:Ctrl|Shift|Alt|Cmd|Option)(?:\s*\+\s*(?:Ctrl|Shift|Alt|Cmd|Option|\S))+")
#: An IANA time zone (Asia/Taipei, America/Argentina/Buenos_Aires): a code, as in the
#: account settings' list of zones.
ZONE = re.compile(r"\b[A-Z][A-Za-z_]+(?:/[A-Za-z_\-+]+)+\b|\bUTC\b|\bGMT\b")


@cache
def time_zones():
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


def without_zones(text):
    if text.strip() in time_zones():  # Turkey, Zulu, ROC: zones named without a region
        return " "
    return ZONE.sub(lambda m: " " if m.group(0) in time_zones() else m.group(0), text)


def without_names(text, names):
    """`text` without the names; one in Latin letters only as a whole word (the user `hr`
    is no part of Asia/Tehran)."""
    for name in names:
        if not name or name not in text:
            continue
        if name.isascii():
            text = re.sub(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", " ", text)
        else:
            text = text.replace(name, " ")
    return text


def readable_texts(html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "svg", "code", "pre"]):
        tag.decompose()
    # What the page marks as not to be translated (HTML's translate="no"): codes such as the
    # column headings an import accepts in every language.
    for tag in soup.find_all(attrs={"translate": "no"}):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    texts = [s.strip() for s in soup.find_all(string=True) if s.strip()]
    for tag in soup.find_all(True):
        for name in READ_ATTRIBUTES:
            value = tag.get(name)
            if isinstance(value, str) and value.strip():
                texts.append(value.strip())
        if tag.name == "input" and tag.get("type") in ("submit", "button") and tag.get("value"):
            texts.append(tag["value"])
    return texts


def english_words(text, names=()):
    if text.strip() in AUTONYMS:
        return []
    text = without_zones(text)
    text = without_names(text, names)
    text = PLACEHOLDER.sub(" ", text)
    text = KEYS.sub(" ", text)
    text = EMAIL.sub(" ", text)
    text = URLISH.sub(" ", text)
    text = CODE.sub(" ", text)
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED]


@cache
def converter(config):
    import opencc

    return opencc.OpenCC(config)


#: Characters both scripts write the same way though OpenCC converts them (台 in 台北 and
#: 機台, 里 in 公里, 著 in 著作, 准 in 核准...).
SHARED = set("台里著面干只了系准")


def other_script(text, language, names=()):
    """Characters of the other script: Simplified on a zh-Hant page, Traditional on zh-Hans.
    Names and what staff typed (`names`) are data, shown as written."""
    if text.strip() in AUTONYMS:
        return []
    text = without_names(text, names)
    config = "s2tw" if language == "zh-hant" else "tw2s"
    found = []
    for char in set(text):
        chinese = "\u4e00" <= char <= "\u9fff" and char not in SHARED
        if chinese and converter(config).convert(char) != char:
            found.append(char)
    return sorted(found)
