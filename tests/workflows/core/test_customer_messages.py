"""Public updates hold codes rendered in the reader's language; older updates stay readable,
and a message to a customer known only by an address is never in the acting staff member's
language."""

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from tests.workflows.complaints.factories import ComplaintFactory
from workflows.complaints.choices import Department
from workflows.core.choices import MessageChannel
from workflows.core.customer_messages import get_message, render
from workflows.core.notifications import queue_message
from workflows.core.tracking import PublicUpdate, publish_update

pytestmark = pytest.mark.django_db

migration = importlib.import_module("workflows.core.migrations.0011_public_update_codes")


def old_update(record, *, stage, text):
    """An update as published before codes: stage and sentence as text."""
    return PublicUpdate.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        stage_text=stage,
        text=text,
    )


class TestRendering:
    def test_a_coded_parameter_is_named_in_the_readers_language(self):
        parameters = {"department": Department.AFTER_SALES.value}

        with translation.override("en"):
            assert "our After-sales department" in render("complaints.being_handled", parameters)
        with translation.override("zh-hant"):
            assert "售後" in render("complaints.being_handled", parameters)

    def test_an_unknown_code_renders_nothing(self):
        assert get_message("nobody.declared") is None
        assert render("nobody.declared") == ""

    def test_publishing_an_undeclared_code_is_refused(self):
        complaint = ComplaintFactory()

        with pytest.raises(ValueError, match=r"nobody\.declared"):
            publish_update(complaint, code="nobody.declared")

        assert not PublicUpdate.objects.exists()

    def test_an_update_stores_the_state_not_its_label(self):
        complaint = ComplaintFactory()

        with translation.override("zh-hans"):
            update = publish_update(complaint, code="complaints.closed")

        assert (update.state, update.stage_text, update.text) == ("received", "", "")
        with translation.override("zh-hant"):
            assert update.stage() == "已受理"
            assert "投訴" in update.message()


class TestOlderUpdates:
    def test_are_shown_as_stored(self):
        complaint = ComplaintFactory()
        update = old_update(complaint, stage="某個舊階段", text="正在执行处理方案，请稍候。")

        with translation.override("en"):
            assert update.stage() == "某個舊階段"
            assert update.message() == "正在执行处理方案，请稍候。"

    def test_a_stage_stored_as_a_label_in_any_language_becomes_its_state(self):
        complaint = ComplaintFactory()
        simplified = old_update(complaint, stage="正在执行处理方案", text="一")
        english = old_update(complaint, stage="Being investigated", text="二")
        unknown = old_update(complaint, stage="某個舊階段", text="三")

        migration.stages_to_states(apps, None)

        for update in (simplified, english, unknown):
            update.refresh_from_db()
        assert (simplified.state, simplified.stage_text) == ("plan_agreed", "")
        assert (english.state, english.stage_text) == ("investigating", "")
        assert (unknown.state, unknown.stage_text) == ("", "某個舊階段")
        with translation.override("zh-hant"):
            assert simplified.stage() == "正在執行處理方案"
            assert simplified.message() == "一"


class TestMessagesToAnAddress:
    def test_without_a_language_are_in_the_sites_not_the_active_one(self, settings):
        settings.LANGUAGE_CODE = "zh-hant"
        complaint = ComplaintFactory(language="zh-hant")

        with translation.override("zh-hans"):
            message = queue_message(
                channel=MessageChannel.EMAIL,
                template="complaints/being_handled",
                context={"complaint": complaint},
                record=complaint,
                address="someone@example.com",
                dedupe_key="test:site-language",
            )

        assert "投訴" in message.body
        assert "投诉" not in message.body
