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


def opencc_translator():
    from django.conf import settings

    return OpenCCTranslator(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR.get("OPTIONS", {}))


def convert_new_simplified_translation(sender, instance, created, raw=False, **kwargs):
    """A Simplified Chinese translation is started with OpenCC's conversion (post_save).

    Whichever way Marketing starts it (*Translate this page*, the translation of a
    snippet or a menu, the demo loader), the zh-hans strings are filled before
    wagtail-localize first writes the translated page, so the draft Marketing opens
    reads in Simplified Chinese rather than in the Traditional source. The page
    stays a draft (`WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`) until
    Marketing publishes it from the translation editor. Strings already translated
    are left as they are.
    """
    if not created or raw:
        return
    translator = opencc_translator()
    source_locale = instance.source.locale
    if not translator.can_translate(source_locale, instance.target_locale):
        return
    fill_machine_translations(instance, translator)


def fill_machine_translations(translation, translator, user=None):
    """`translator`'s strings for every segment of `translation` not translated yet."""
    from wagtail_localize.models import StringSegment, StringTranslation

    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    done = set(
        StringTranslation.objects.filter(
            locale=translation.target_locale,
            translation_of__in=segments.values("string"),
        ).values_list("translation_of_id", "context_id")
    )
    todo = {}
    for segment in segments:
        if (segment.string_id, segment.context_id) not in done:
            todo.setdefault(segment.string.as_value(), []).append(
                (segment.string_id, segment.context_id)
            )
    if not todo:
        return
    results = translator.translate(translation.source.locale, translation.target_locale, todo)
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of_id=string_id,
                locale=translation.target_locale,
                context_id=context_id,
                data=results[value].data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                tool_name=str(translator.display_name),
                last_translated_by=user,
            )
            for value, places in todo.items()
            if results.get(value) is not None and results[value].data is not None
            for string_id, context_id in places
        ],
        ignore_conflicts=True,
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
    apply_machine_translation(translation.pk, user, opencc_translator())
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
