"""Texts of a record in the website's other languages, written next to the record.

Data shown on the public pages that is not a page (the contact details, the
catalogue's models, the consultation channels) is written in Traditional
Chinese, the website's default language. Marketing adds the other languages'
texts as rows of a `TextInLanguage` subclass, edited inline in the record's
form; `InLanguageMixin.in_language()` gives the record with those texts where
they were written, field by field. The record itself stays one for every
language, so nothing that refers to it splits by language.

Where no Simplified Chinese was written, OpenCC's conversion of the Traditional
Chinese is shown (軟體 → 软件): mainland readers read it more easily, and
Marketing corrects it by writing the text. English falls back to the
Traditional Chinese as written.
"""

import copy
from functools import cache

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Orderable

SIMPLIFIED = "zh-hans"


@cache
def _converter(config):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text, config="tw2sp"):
    """Traditional Chinese (Taiwan) text in Simplified Chinese with mainland phrases."""
    return _converter(config).convert(text)


def to_traditional(text):
    """Simplified Chinese text in Traditional Chinese (Taiwan), to search what is stored."""
    return _converter("s2twp").convert(text)


def other_languages():
    """The website's languages other than the default, as field choices."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def visitor_language(language=None):
    """`language`, else the active one, as spelled in `settings.LANGUAGES`."""
    language = (language or get_language() or settings.LANGUAGE_CODE).lower()
    for code, _name in settings.LANGUAGES:
        if code.lower() == language:
            return code
    return settings.LANGUAGE_CODE


class TextInLanguage(Orderable):
    """A record's texts in one other language of the website.

    A subclass adds the `ParentalKey` to its record (with a related name the
    record's `texts_relation` names), the text fields, all `blank=True` (an
    empty one shows the record's own), lists them in `TEXT_FIELDS`, and holds
    one row per record and language with a `UniqueConstraint`.
    """

    TEXT_FIELDS = ()

    language = models.CharField(_("language"), max_length=10, choices=other_languages)

    class Meta(Orderable.Meta):
        abstract = True


class InLanguageMixin:
    """`in_language()` for a record with `TextInLanguage` rows (`texts` by default).

    Read the rows in the same query for every record shown
    (`prefetch_related(<texts_relation>)`): `in_language()` uses `.all()`.
    """

    texts_relation = "texts"
    #: Show OpenCC's conversion where no Simplified Chinese was written.
    simplified_by_conversion = True

    def in_language(self, language=None):
        """A copy of the record with its texts in `language` (the active one by default).

        The stored record is left as it is: what is saved or referred to stays
        the Traditional Chinese one.
        """
        language = visitor_language(language)
        if language == settings.LANGUAGE_CODE:
            return self
        relation = getattr(self, self.texts_relation)
        text = next((t for t in relation.all() if t.language == language), None)
        translated = copy.copy(self)
        convert = language == SIMPLIFIED and self.simplified_by_conversion
        for field in relation.model.TEXT_FIELDS:
            written = getattr(text, field, "") if text is not None else ""
            if written:
                setattr(translated, field, written)
            elif convert and getattr(self, field):
                setattr(translated, field, to_simplified(getattr(self, field)))
        return translated
