"""The words the admin shows in Chinese: each domain term means what the screen says.

Each test names a wrong word once seen on a screen and checks it at its source: a label
that meant one thing in English and another in Chinese gets a context of its own.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from workflows.complaints.models import Complaint
from workflows.customers.models import CustomerContact
from workflows.followups.choices import FollowUpState

LANGUAGES = ("zh-hant", "zh-hans")


def wagtail_own(language, msgid):
    """Wagtail's own translation, read from its catalogue alone."""
    import gettext as gnu
    from pathlib import Path

    import wagtail

    folder = Path(wagtail.__file__).parent / "admin" / "locale"
    catalogue = gnu.translation("django", folder, [language.replace("-h", "_H")])
    return catalogue.gettext(msgid)


@pytest.mark.parametrize("language", LANGUAGES)
class TestWords:
    def test_title_keeps_wagtails_translation(self, language):
        with translation.override(language):
            assert gettext("Title") == wagtail_own(language, "Title")

    def test_a_contact_persons_title_is_a_job_title(self, language):
        with translation.override(language):
            label = str(CustomerContact._meta.get_field("title").verbose_name)
        assert label in ("職稱", "职务")

    def test_a_follow_up_waiting_is_not_called_a_deadline(self, language):
        with translation.override(language):
            assert str(FollowUpState.DUE.label) not in ("期限", gettext("Deadline"))

    def test_the_channel_the_result_was_told_by_is_not_a_person(self, language):
        with translation.override(language):
            label = str(Complaint._meta.get_field("communicated_via").verbose_name)
        assert "方式" in label

    def test_date_ranges_are_not_lease_starts(self, language):
        with translation.override(language):
            assert "租" not in gettext("From")
            assert gettext("From") != gettext("To")

    def test_a_column_of_unit_codes_is_not_a_count(self, language):
        with translation.override(language):
            assert "數" not in gettext("Units") and "数" not in gettext("Units")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "url_name, title",
    [("core_overdue_report", "Overdue"), ("complaints_analysis", "Complaint analysis")],
)
def test_reports_are_titled_by_their_own_name(client, staff, language, url_name, title):
    admin = staff["admin"]
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": language})
    client.force_login(admin)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    crumbs = BeautifulSoup(response.text, "html.parser").select(".w-breadcrumbs ol > li")
    with translation.override(language):
        expected = gettext(title)
    assert crumbs[-1].get_text(" ", strip=True) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language, yes", [("zh-hant", "是"), ("zh-hans", "是")])
def test_a_yes_no_column_says_yes_not_true(client, staff, language, yes):
    from tests.workflows.leasing.factories import ContractTemplateFactory

    ContractTemplateFactory(name="標準設備租賃契約", active=True)
    admin = staff["admin"]
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": language})
    client.force_login(admin)
    response = client.get(reverse("wagtailsnippets_leasing_contracttemplate:list"))
    assert response.status_code == 200
    cells = [td.get_text(strip=True) for td in BeautifulSoup(response.text, "html.parser")("td")]
    assert yes in cells
    assert "True" not in cells and "False" not in cells


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_receivables_report_and_the_header_actions_follow_the_readers_language(
    client, staff, language
):
    """Two words once fixed in one language: the report's title, translated when its module
    was imported (test_lazy_translations.py keeps that class out), and the label of the
    header's actions, which Wagtail's template writes in English only."""
    from tests.workflows.customers.factories import CustomerFactory

    admin = staff["admin"]
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": language})
    client.force_login(admin)
    with translation.override(language):
        receivables, actions = gettext("Receivables"), gettext("Actions")

    report = client.get(reverse("billing_reports")).text
    customer = CustomerFactory()
    inspect = client.get(reverse("wagtailsnippets_customers_customer:inspect", args=[customer.pk]))

    assert f"<title>{receivables}" in report
    assert f'aria-label="{actions}"' in inspect.text
    assert 'aria-label="Actions"' not in inspect.text


@pytest.mark.parametrize(
    "language, labels",
    [
        ("zh-hant", ["電子郵件地址", "連結文字", "主旨", "內文"]),
        ("zh-hans", ["电子邮件地址", "链接文字", "主题", "正文"]),
    ],
)
def test_wagtails_link_chooser_fields_have_translated_labels(language, labels):
    """Wagtail declares these fields without a label (core/wagtail_labels.py)."""
    from wagtail.admin.forms.choosers import EmailLinkChooserForm, PhoneLinkChooserForm

    with translation.override(language):
        shown = [str(field.label) for field in EmailLinkChooserForm()]
        phone = [str(field.label) for field in PhoneLinkChooserForm()]
    assert shown == labels
    assert phone[0] == ("電話號碼" if language == "zh-hant" else "电话号码")


@pytest.mark.parametrize(
    "language, labels", [("zh-hant", "來源語言 目標語言"), ("zh-hans", "来源语言 目标语言")]
)
def test_the_translations_report_names_its_locale_filters(language, labels):
    from wagtail_localize.views.report import TranslationsReportFilterSet

    with translation.override(language):
        shown = [
            str(TranslationsReportFilterSet.base_filters[name].label)
            for name in ("source_locale", "target_locale")
        ]
    assert " ".join(shown) == labels
