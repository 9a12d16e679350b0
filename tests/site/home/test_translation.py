"""Simplified Chinese comes from the Traditional page by OpenCC, published only after review."""

import pytest
from wagtail.models import Page

from home.translation import OpenCCTranslator, prepare_simplified_translation, to_simplified

from ..factories import StandardPageFactory

pytestmark = pytest.mark.django_db


class TestOpenCCConversion:
    def test_taiwan_phrases_become_the_mainland_ones(self):
        assert to_simplified("軟體") == "软件"
        assert to_simplified("資訊") == "信息"
        assert to_simplified("程式") == "程序"

    def test_only_text_is_converted_in_rich_text(self, locales):
        from wagtail_localize.strings import StringValue

        translator = OpenCCTranslator({"config": "tw2sp"})
        source = StringValue('請<a id="a1">下載軟體</a>以取得資訊')

        result = translator.translate(locales["zh-hant"], locales["zh-hans"], [source])

        assert result[source].data == '请<a id="a1">下载软件</a>以取得信息'

    def test_translates_only_from_traditional_to_simplified_chinese(self, locales):
        translator = OpenCCTranslator({})

        assert translator.can_translate(locales["zh-hant"], locales["zh-hans"])
        assert not translator.can_translate(locales["zh-hant"], locales["en"])
        assert not translator.can_translate(locales["zh-hans"], locales["zh-hant"])


class TestSimplifiedDraftForReview:
    @pytest.fixture
    def about(self, home_page, locales):
        return StandardPageFactory(
            parent=home_page,
            slug="about",
            title="軟體與資訊服務",
            intro="我們以軟體管理每一台設備的資訊。",
        )

    def test_the_conversion_is_a_draft_visitors_do_not_see(self, client, admin_user, about):
        draft = prepare_simplified_translation(about, user=admin_user)

        assert draft.locale.language_code == "zh-hans"
        assert draft.live is False
        revision = draft.get_latest_revision_as_object()
        assert revision.title == "软件与信息服务"
        assert revision.intro == "我们以软件管理每一台设备的信息。"
        response = client.get("/zh-hans/about/")
        assert "软件" not in response.text

    def test_marketing_publishes_after_review_and_visitors_then_see_it(
        self, client, admin_user, about
    ):
        draft = prepare_simplified_translation(about, user=admin_user)

        # The parent pages were copied as aliases of the Traditional ones; the page is a draft.
        drafts = Page.objects.filter(locale__language_code="zh-hans", alias_of__isnull=True)
        for page in drafts.order_by("path").specific():
            page.get_latest_revision().publish(user=admin_user)

        response = client.get("/zh-hans/about/")
        assert response.status_code == 200
        assert "软件与信息服务" in response.text
        assert "我们以软件管理每一台设备的信息。" in response.text
        assert draft.get_parent().specific.locale.language_code == "zh-hans"

    def test_an_update_of_a_published_translation_waits_for_review(self, client, admin_user, about):
        from home.models import PageText, StandardPage

        prepare_simplified_translation(about, user=admin_user)
        drafts = Page.objects.filter(locale__language_code="zh-hans", alias_of__isnull=True)
        for page in drafts.order_by("path").specific():
            page.get_latest_revision().publish(user=admin_user)
        about.intro = "我們以軟體管理每一台設備的資訊。全年無休受理故障。"
        about.save_revision(user=admin_user).publish(user=admin_user)

        prepare_simplified_translation(about, user=admin_user)

        simplified = StandardPage.objects.get(locale__language_code="zh-hans", slug="about")
        assert simplified.has_unpublished_changes
        assert "全年无休" in simplified.get_latest_revision_as_object().intro
        assert "全年无休" not in simplified.intro
        assert "全年无休" not in PageText.objects.get(page=simplified).text
        response = client.get("/zh-hans/about/")
        assert "我们以软件管理每一台设备的信息。" in response.text
        assert "全年无休" not in response.text

    def test_strings_marketing_corrected_are_kept_on_the_next_conversion(self, admin_user, about):
        from wagtail_localize.models import StringTranslation

        prepare_simplified_translation(about, user=admin_user)
        corrected = StringTranslation.objects.get(data="软件与信息服务")
        corrected.data = "软件与资讯服务"
        corrected.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        corrected.save()

        draft = prepare_simplified_translation(about, user=admin_user)

        assert draft.get_latest_revision_as_object().title == "软件与资讯服务"

    def test_someone_who_may_not_edit_the_page_cannot_convert_it(self, about):
        from django.core.exceptions import PermissionDenied

        from tests.factories import UserFactory

        with pytest.raises(PermissionDenied):
            prepare_simplified_translation(about, user=UserFactory())


class TestTranslateThisPage:
    """Marketing's own way in the admin: *Translate this page*, the translation editor's
    *Publish*, and *Sync translated pages* after the source changes."""

    @pytest.fixture
    def about(self, home_page, locales, admin_user):
        page = StandardPageFactory(
            parent=home_page, slug="about", title="軟體與資訊服務", intro="我們的資訊。"
        )
        page.save_revision(user=admin_user).publish(user=admin_user)
        return page

    def translate(self, client, admin_user, page, *codes):
        from django.urls import reverse
        from wagtail.models import Locale

        client.force_login(admin_user)
        ids = [Locale.objects.get(language_code=code).pk for code in codes]
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": ids},
        )
        assert response.status_code == 302

    def test_a_new_translation_is_an_unpublished_draft_already_in_simplified_chinese(
        self, client, admin_user, about
    ):
        from home.models import StandardPage

        self.translate(client, admin_user, about, "zh-hans", "en")

        simplified = StandardPage.objects.get(locale__language_code="zh-hans", slug="about")
        english = StandardPage.objects.get(locale__language_code="en", slug="about")
        assert simplified.live is False and english.live is False
        assert simplified.get_latest_revision_as_object().title == "软件与信息服务"
        assert simplified.get_latest_revision_as_object().intro == "我们的信息。"
        client.logout()
        assert "软件" not in client.get("/zh-hans/about/").text

    def test_publish_in_the_translation_editor_puts_it_live(
        self, client, admin_user, about, django_capture_on_commit_callbacks
    ):
        from django.urls import reverse

        from home.models import StandardPage

        self.translate(client, admin_user, about, "zh-hans")
        simplified = StandardPage.objects.get(locale__language_code="zh-hans", slug="about")

        # wagtail-localize publishes the new revision once the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("wagtailadmin_pages:edit", args=[simplified.pk]), {"action": "publish"}
            )

        assert response.status_code == 302
        simplified.refresh_from_db()
        assert simplified.live
        client.logout()
        assert "软件与信息服务" in client.get("/zh-hans/about/").text

    def test_a_sync_after_the_source_changed_waits_for_review(
        self, client, admin_user, about, django_capture_on_commit_callbacks
    ):
        from django.urls import reverse
        from wagtail_localize.models import TranslationSource

        from home.models import StandardPage

        self.translate(client, admin_user, about, "zh-hans")
        simplified = StandardPage.objects.get(locale__language_code="zh-hans", slug="about")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("wagtailadmin_pages:edit", args=[simplified.pk]), {"action": "publish"}
            )
        simplified.refresh_from_db()
        assert simplified.live
        about.intro = "我們的資訊。全年無休受理故障。"
        about.save_revision(user=admin_user).publish(user=admin_user)
        source = TranslationSource.objects.get_for_instance(about)

        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"use_machine_translation": "on"},
        )

        assert response.status_code == 302
        client.logout()
        text = client.get("/zh-hans/about/").text
        assert "我们的信息。" in text
        assert "全年无休" not in text
