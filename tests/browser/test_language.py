"""Every admin page reads right in both Chinese variants, for every role.

For each role and each admin URL the role × URL table gives it (200), the page is fetched
in zh-Hant and in zh-Hans, and its readable text (text nodes, placeholders, titles, ARIA
labels) must hold no English word outside the allowlist of names, codes and units, and no
character of the other script (OpenCC: Simplified on a zh-Hant page, Traditional on zh-Hans).

The HTML is fetched with Django's test client rather than a browser: a browser would spend
most of its time loading scripts and styles for each of hundreds of pages per role. What
only JavaScript renders comes from the djangojs catalogue, which the locale overlay fills
(tests/site/test_locale_overlay.py checks the catalogue the browser is served). One test
per role and language (`-k "zh-hant and SA"` runs one).

Pages people do not read as pages are left out: API answers, choosers' JSON, previews,
bulk-action confirmations (their words are the listing's), the failing page, logging out.

Known state: Wagtail's admin and several project pages still show English words, so this
test fails until they are translated. It fetches several thousand pages, so it runs on its
own (`make language`, marker `language`) rather than in `make test`; a run with
RSD_PRINT_LANGUAGE=1 lists what remains.
"""

import json
import os

import pytest

from tests.workflows.core.role_url_matrix import admin_urls
from tests.workflows.core.role_url_table import EXPECTED
from tests.workflows.core.test_role_url_matrix import (
    ROLE_CODES,
    expected_codes,
    records,  # noqa: F401 (fixture)
)

from .language_check import english_words, other_script, readable_texts

LANGUAGES = ("zh-hant", "zh-hans")

#: Pages that are not read by people in the admin's language: API answers, raw previews,
#: the deliberately failing page and logging out.
SKIP_PREFIXES = ("api/", "failwhale/", "logout/", "jsi18n/", "bulk/")
SKIP_PARTS = ("chooser", "preview", "/results/")


def pages_for(role, made):
    code = ROLE_CODES[role]
    for key, url in admin_urls(made):
        if key.startswith(SKIP_PREFIXES) or key not in EXPECTED:
            continue
        if any(part in key for part in SKIP_PARTS):
            continue
        if code in expected_codes(EXPECTED[key]):
            yield key, url


def html_of(response):
    kind = response.get("Content-Type", "")
    if kind.startswith("text/html"):
        return response.content.decode()
    if kind.startswith("application/json"):
        data = json.loads(response.content)
        if isinstance(data, dict) and isinstance(data.get("html"), str):
            return data["html"]
    return None


def known_names():
    """What the page shows as data, not as words of the interface: every person's names and
    every text stored in a record (equipment names such as Komatsu PC200, unit codes,
    customer names and addresses written in Traditional Chinese, page titles of the English
    tree). Found, not listed: every text column of the project's models, and the titles of
    pages, images and documents. (Not Django's and Wagtail's own rows: group names, the root
    collection, permission names are words of the interface.)"""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db import models

    from workflows.core.roles import project_apps

    names = set()
    for user in get_user_model().objects.all():
        names.update({user.get_full_name(), user.username, user.first_name, user.last_name})
    data_models = [m for config in project_apps() for m in config.get_models()]
    data_models += [
        apps.get_model(label)
        for label in ("wagtailcore.page", "wagtailimages.image", "wagtaildocs.document")
    ]
    for model in data_models:
        if not model._meta.managed or model._meta.proxy:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if fields:
            for row in model._base_manager.values_list(*fields)[:200]:
                names.update(value.strip() for value in row if isinstance(value, str))
    return sorted((n for n in names if len(n) > 1), key=len, reverse=True)


def findings_for(client, user, role, language, made, names):
    profile = user.wagtail_userprofile
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    found = []
    for key, url in pages_for(role, made):
        response = client.get(url)
        html = html_of(response) if response.status_code == 200 else None
        if html is None:
            continue
        # A print is in its document's language (a plan in the customer's), which the
        # response names; every other page is in the reader's.
        page_language = (response.get("Content-Language") or language).lower()
        for text in readable_texts(html):
            words = english_words(text, names)
            chars = other_script(text, page_language, names) if page_language != "en" else []
            if words or chars:
                found.append((key, text[:120], " ".join(words), "".join(chars)))
    client.logout()
    return found


@pytest.mark.language
@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", sorted(ROLE_CODES.values()))
def test_every_admin_page_reads_in_chinese(client, staff, records, language, code, settings):  # noqa: F811
    from wagtail.users.models import UserProfile

    settings.LANGUAGE_CODE = language
    client.raise_request_exception = False
    role = next(r for r, c in ROLE_CODES.items() if c == code)
    user = staff[role]
    UserProfile.get_for_user(user)
    names = known_names()
    found = sorted(
        {
            f"{key}: {text!r} english={words!r} script={chars!r}"
            for key, text, words, chars in findings_for(
                client, user, role, language, records, names
            )
        }
    )
    if os.environ.get("RSD_PRINT_LANGUAGE"):
        print("\n".join(f"LANG {language} {code} {line}" for line in found))
    assert not found, f"{len(found)} findings:\n" + "\n".join(found)
