"""Sentences of ours to customers, stored as a code and parameters, read in the reader's language.

A public update is read later, by someone else, in a language nobody knows when
staff act: the complainant who wrote in Traditional Chinese, a colleague of theirs
reading the English tracking page. So a standard sentence is never stored as
text: its code and parameters are, and `render` writes it in the active language
when the page is shown. Each app declares its sentences in its own
`customer_messages.py` (found at start-up by the core app); a parameter that is
itself a label (a department, a state) is stored as its code and given with the
choices that name it, so it is translated at read time too.

What staff typed for the customer is their words, and is stored as typed, never here.
"""

from contextlib import suppress
from dataclasses import dataclass, field

_MESSAGES = {}


@dataclass(frozen=True)
class CustomerMessage:
    code: str
    text: object  # a gettext_lazy sentence with %(name)s parameters
    choices: dict = field(default_factory=dict)  # parameter name -> TextChoices naming its codes

    def render(self, parameters=None):
        """The sentence in the active language; coded parameters named in it too."""
        values = dict(parameters or {})
        for name, choices in self.choices.items():
            if name in values:
                with suppress(ValueError):  # a code since removed: shown as stored
                    values[name] = str(choices(values[name]).label)
        text = str(self.text)
        return text % values if values else text


def customer_message(code, text, **choices):
    """Declare the sentence `code` (once, at import); `choices` name coded parameters."""
    if code in _MESSAGES and _MESSAGES[code].text != text:
        raise ValueError(f"Customer message {code!r} is declared twice.")
    message = CustomerMessage(code, text, choices)
    _MESSAGES[code] = message
    return message


def get_message(code):
    return _MESSAGES.get(code)


def render(code, parameters=None):
    """The sentence `code` in the active language, or "" for a code nobody declares."""
    message = _MESSAGES.get(code)
    return message.render(parameters) if message is not None else ""
