"""The catalogues use the glossary's words (docs/glossary.md): one Chinese form per term."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"
CATALOGUES = {
    "zh-hant": Path(settings.BASE_DIR) / "site/locale/zh_Hant/LC_MESSAGES/django.po",
    "zh-hans": Path(settings.BASE_DIR) / "site/locale/zh_Hans/LC_MESSAGES/django.po",
}


def checked_forms():
    text = GLOSSARY.read_text(encoding="utf-8")
    block = text.split("## Checked forms", 1)[1].split("```")[1]
    for line in block.strip().splitlines():
        english, hant, hans = (part.strip() for part in line.split("→"))
        context, _, msgid = english.rpartition("|")
        yield context or None, msgid, {"zh-hant": hant, "zh-hans": hans}


def avoided_words():
    """The "not" column: words no translation may use, per language."""
    text = GLOSSARY.read_text(encoding="utf-8")
    for row in re.findall(r"^\|(.+)\|\s*$", text, re.M):
        cells = [c.strip() for c in row.split("|")]
        if len(cells) == 4 and "/" in cells[3]:
            hant, hans = (w.strip() for w in cells[3].split("/", 1))
            yield "zh-hant", hant
            yield "zh-hans", hans


def catalogue(language):
    return polib.pofile(str(CATALOGUES[language]))


@pytest.mark.parametrize("language", list(CATALOGUES))
def test_each_checked_term_has_the_glossarys_form(language):
    """What a reader sees, whichever catalogue gives it (the project's, the overlay, Wagtail's)."""
    wrong = []
    with translation.override(language):
        for context, msgid, forms in checked_forms():
            found = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            if found != forms[language]:
                wrong.append(
                    f"{context or ''}|{msgid}: {found!r}, glossary says {forms[language]!r}"
                )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", list(CATALOGUES))
def test_no_translation_uses_a_word_the_glossary_rules_out(language):
    avoided = [word for lang, word in avoided_words() if lang == language and " " not in word]
    assert avoided
    used = [
        f"{e.msgid!r}: {e.msgstr!r} uses {word!r}"
        for e in catalogue(language)
        for word in avoided
        if word in e.msgstr
    ]
    assert not used, "\n".join(used)
