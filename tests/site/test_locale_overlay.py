"""The locale overlay (site/locale/overlay) fills Wagtail's gaps and changes nothing else.

Every catalogue in LOCALE_PATHS wins over the installed apps' catalogues, so an overlay
entry that Wagtail or Django also translate would silently replace their word (as the
project's "Title" → 職稱 once replaced Wagtail's 標題 everywhere). These tests keep the
overlay to strings the upstream catalogues leave untranslated, and check that Django
serves them.
"""

import gettext as gnu
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

OVERLAY = Path(settings.BASE_DIR) / "site" / "locale" / "overlay"
LANGUAGES = {"zh-hant": "zh_Hant", "zh-hans": "zh_Hans"}
DOMAINS = ("django", "djangojs")


def upstream_catalogue(folder, domain):
    """Every installed app's catalogue and Django's own, merged (LOCALE_PATHS left out)."""
    import django

    merged = {}
    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    for localedir in dirs:
        try:
            catalogue = gnu.translation(domain, str(localedir), [folder])
        except OSError:
            continue
        merged.update({k: v for k, v in catalogue._catalog.items() if v})
    return merged


def overlay_entries(folder, domain):
    path = OVERLAY / folder / "LC_MESSAGES" / f"{domain}.po"
    return [e for e in polib.pofile(str(path)) if e.msgid and not e.obsolete]


def key_of(entry):
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (msgid, 0) if entry.msgid_plural else msgid


def test_the_overlay_is_read_after_the_projects_catalogue():
    paths = [Path(p) for p in settings.LOCALE_PATHS]
    assert OVERLAY in paths
    assert paths.index(OVERLAY) > paths.index(OVERLAY.parent)


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_overlay_translates_only_what_upstream_leaves_in_english(language, domain):
    upstream = upstream_catalogue(LANGUAGES[language], domain)
    overlapping = [
        e.msgid for e in overlay_entries(LANGUAGES[language], domain) if key_of(e) in upstream
    ]
    assert not overlapping, "upstream translates these already:\n" + "\n".join(overlapping)


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_overlay_entry_is_translated(language, domain):
    untranslated = [
        e.msgid for e in overlay_entries(LANGUAGES[language], domain) if not e.translated()
    ]
    assert not untranslated, "\n".join(untranslated)


@pytest.mark.parametrize(
    "language, msgid, expected",
    [
        ("zh-hant", "Help", "說明"),
        ("zh-hant", "Search all pages…", "搜尋所有頁面…"),
        ("zh-hans", "Search all pages…", "搜索所有页面…"),
        ("zh-hant", "Has child pages", "有子頁面"),
    ],
)
def test_django_serves_the_overlay(language, msgid, expected):
    with translation.override(language):
        assert translation.gettext(msgid) == expected


@pytest.mark.parametrize(
    "language, msgid, expected",
    [
        ("zh-hant", "Collapse all", "全部收合"),
        ("zh-hans", "(1 new item in this menu)", "（此菜单有 1 个新项目）"),
    ],
)
def test_the_scripts_catalogue_serves_the_overlay(language, msgid, expected):
    """What Wagtail's JavaScriptCatalog reads: the djangojs domain of its package and
    LOCALE_PATHS."""
    from pathlib import Path

    import wagtail.admin
    from django.utils.translation.trans_real import DjangoTranslation

    package = Path(wagtail.admin.__file__).parent / "locale"
    catalogue = DjangoTranslation(language, domain="djangojs", localedirs=[str(package)])
    assert catalogue.gettext(msgid) == expected
