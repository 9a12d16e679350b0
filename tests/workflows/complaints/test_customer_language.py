"""The complainant reads our sentences in their own language, never in the language of the
staff member who acted (P9.3, P9.5): the tracking page writes stored codes when it is read,
and every message to the complainant is written in the complaint's language."""

from datetime import timedelta

import opencc
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from workflows.complaints import services
from workflows.complaints.choices import Compensation, Department
from workflows.core import roles
from workflows.core.models import OutboundMessage

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db

to_traditional = opencc.OpenCC("s2t").convert


@pytest.fixture
def simplified_staff(staff):
    """Customer Service and After-sales working in the admin in Simplified Chinese."""
    for role in (roles.CUSTOMER_SERVICE, roles.AFTER_SALES):
        profile = UserProfile.get_for_user(staff[role])
        profile.preferred_language = "zh-hans"
        profile.save()
    return staff[roles.CUSTOMER_SERVICE], staff[roles.AFTER_SALES]


@pytest.fixture
def handled(home_page, simplified_staff, django_capture_on_commit_callbacks):
    """A Traditional Chinese complainant's complaint, assigned and given a plan by staff
    whose admin is in Simplified Chinese (the language active while they act)."""
    cs, investigator = simplified_staff
    complaint = ComplaintFactory(language="zh-hant", phone="", email="chen@example.com")
    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
        complaint = services.assign_complaint(
            complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator
        )
        complaint = services.agree_plan(
            complaint,
            user=investigator,
            measures="更換油管",
            plan_owner=investigator,
            plan_deadline=timezone.now() + timedelta(days=2),
            compensation=Compensation.NONE,
        )
    return complaint


def tracking(complaint, language):
    with translation.override(language):  # the site's own language has no prefix
        url = reverse("track", args=[complaint.tracking_token])
    response = Client().get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return {
        "stage": page.select_one("[data-stage]").get_text(strip=True),
        "update_stages": [s.get_text(strip=True) for s in page.select(".tracking__update-stage")],
        "updates": [li.p.get_text(strip=True) for li in page.select("[data-update]")],
    }


class TestATraditionalChineseComplainant:
    def test_reads_the_stage_and_updates_in_traditional_chinese(self, handled):
        page = tracking(handled, "zh-hant")

        assert page["stage"] == "正在執行處理方案"
        assert page["update_stages"] == ["調查中"]
        assert page["updates"] == [
            "您的投訴已轉交本公司售後部門調查處理，我們會在此隨時告知您最新進度。"
        ]
        for text in (page["stage"], *page["update_stages"], *page["updates"]):
            assert to_traditional(text) == text  # no Simplified character anywhere

    def test_a_reader_of_the_english_page_reads_english(self, handled):
        page = tracking(handled, "en")

        assert page["stage"] == "Solution being carried out"
        assert page["update_stages"] == ["Being investigated"]
        assert "our After-sales department" in page["updates"][0]

    def test_a_reader_of_the_simplified_page_reads_simplified(self, handled):
        page = tracking(handled, "zh-hans")

        assert page["stage"] == "正在执行处理方案"
        assert page["update_stages"] == ["调查中"]

    def test_is_emailed_in_traditional_chinese(self, handled):
        email = OutboundMessage.objects.get(template="complaints/being_handled")

        assert email.recipient_address == "chen@example.com"
        assert "售後" in email.body
        assert "售后" not in email.body
        assert to_traditional(email.subject) == email.subject


class TestStaffWords:
    def test_a_public_update_staff_typed_is_shown_as_typed_in_every_language(
        self, home_page, simplified_staff
    ):
        cs, investigator = simplified_staff
        complaint = ComplaintFactory(language="zh-hant")
        with translation.override("zh-hans"):
            complaint = services.assign_complaint(
                complaint, user=cs, department=Department.AFTER_SALES, investigator=investigator
            )
            services.agree_plan(
                complaint,
                user=investigator,
                measures="更換油管",
                plan_owner=investigator,
                plan_deadline=timezone.now() + timedelta(days=2),
                compensation=Compensation.NONE,
                public_update="我們將於兩天內到場更換油管。",
            )

        for language in ("zh-hant", "en"):
            assert tracking(complaint, language)["updates"][-1] == "我們將於兩天內到場更換油管。"
