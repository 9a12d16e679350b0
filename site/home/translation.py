"""Simplified Chinese from Traditional Chinese, the way mainland readers write it.

OpenCC's `tw2sp` converts characters and Taiwan's phrases to the mainland's
(軟體 → 软件, 資訊 → 信息, 程式 → 程序), which a character-only conversion
misses. It is wired in as wagtail-localize's machine translator: the result
fills a translation draft that Marketing reviews and publishes; nothing is
published by the conversion itself.
"""

from bs4 import BeautifulSoup, NavigableString
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from workflows.core.languages import SIMPLIFIED, to_simplified

__all__ = ["SIMPLIFIED", "OpenCCTranslator", "prepare_simplified_translation", "to_simplified"]


def _convert_html(html, config):
    soup = BeautifulSoup(html, "html.parser")
    for node in list(soup.find_all(string=True)):
        if isinstance(node, NavigableString) and node.strip():
            node.replace_with(to_simplified(str(node), config))
    return str(soup)


class OpenCCTranslator(BaseMachineTranslator):
    display_name = _("OpenCC (Traditional to Simplified Chinese)")

    def translate(self, source_locale, target_locale, strings):
        config = self.options.get("config", "tw2sp")
        return {string: StringValue(_convert_html(string.data, config)) for string in strings}

    def can_translate(self, source_locale, target_locale):
        return (
            source_locale.language_code.lower() == "zh-hant"
            and target_locale.language_code.lower() == "zh-hans"
        )


def prepare_simplified_translation(instance, *, user):
    """A Simplified Chinese draft of a page (or menu) by OpenCC, for Marketing to review.

    Marketing writes in Traditional Chinese once. This fills the zh-hans
    translation with the conversion of every string not translated yet (strings
    Marketing already corrected are kept), and saves it as a draft: the page is
    published only when Marketing has read it and presses *Publish* in the
    translation editor. Parent pages not yet in Simplified Chinese are copied as
    drafts too. `user` must be allowed to edit the translation.
    """
    from django.conf import settings
    from wagtail.models import DraftStateMixin, Locale
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.views.edit_translation import (
        apply_machine_translation,
        user_can_edit_instance,
    )

    if not user_can_edit_instance(user, instance):
        raise PermissionDenied
    target = Locale.objects.get(language_code=SIMPLIFIED)
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=target, defaults={"enabled": True}
    )
    draft = isinstance(instance, DraftStateMixin)
    translation.save_target(user=user, publish=not draft)
    options = settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR.get("OPTIONS", {})
    apply_machine_translation(translation.pk, user, OpenCCTranslator(options))
    translation.save_target(user=user, publish=not draft)
    target = translation.get_target_instance()
    if draft and target.live and target.live_revision_id:
        keep_published_content(target)
    return translation.get_target_instance()


def keep_published_content(page):
    """Put a published page's live content back in its row, its draft kept as a revision.

    wagtail-localize saves a translation draft into the page row as well as into
    a new revision, and the row is what visitors read: an update of a published
    translation would go live unreviewed. The draft stays the latest revision,
    marked as unpublished changes, for Marketing to review and publish.
    """
    live = page.live_revision.as_object()
    live.live_revision_id = page.live_revision_id
    live.has_unpublished_changes = True
    live.save(clean=False)
