"""Cell readers for imports that people fill in by hand."""

import unicodedata

from django.conf import settings
from django.utils import translation
from import_export.widgets import Widget


class ChoiceWidget(Widget):
    """A choice given as its stored value or as its label in any of the site's languages.

    "good", "Good", "良好" and "良好" all mean the same condition; anything else is
    refused with the accepted labels in the message.
    """

    def __init__(self, choices, aliases=None, **kwargs):
        self.choices = choices
        self.aliases = aliases or {}  # other words people use: {"良好": "good"}
        super().__init__(**kwargs)

    def _lookup(self):
        language = translation.get_language()
        cache = self.__dict__.setdefault("_tables", {})
        if language not in cache:  # built once, not for every row
            cache[language] = self._build_lookup()
        return cache[language]

    def _build_lookup(self):
        table = {str(alias).casefold(): value for alias, value in self.aliases.items()}
        for value, label in self.choices:
            table[str(value).casefold()] = value
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    table[str(label).strip().casefold()] = value
        return table

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        found = self._lookup().get(unicodedata.normalize("NFKC", str(value)).strip().casefold())
        if found is None:
            accepted = ", ".join(str(label) for _value, label in self.choices)
            raise ValueError(
                translation.gettext("“%(value)s” is not one of: %(accepted)s.")
                % {"value": value, "accepted": accepted}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices).get(value, value)
