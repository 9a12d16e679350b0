"""Follow-ups in the admin (P4.4): buttons, permissions by POST, History, adding one by hand."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core import roles
from workflows.core.exceptions import CommandPermissionDenied
from workflows.followups import services
from workflows.followups.choices import FollowUpState as S
from workflows.followups.models import FollowUp, FollowUpSettings
from workflows.leasing.choices import ContractState

from .factories import ContractFactory, FollowUpFactory

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_followups_followup"
OTHER_ROLES = [r for r in roles.ROLE_PERMISSIONS if r != roles.CUSTOMER_SERVICE]


def url(view, *args):
    return reverse(f"{VIEWS}:{view}", args=args)


def history(follow_up):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="followups", object_id=str(follow_up.pk)
        ).values_list("action", flat=True)
    )


def state_of(follow_up):
    return FollowUp.objects.get(pk=follow_up.pk).state


CASES = {
    "record": (
        S.DONE,
        {
            "method": "phone",
            "contacted_person": "林經理",
            "feedback": "一切正常",
            "needs": "",
        },
    ),
    "skip": (S.SKIPPED, {"skip_reason": "客戶休假"}),
}


@pytest.mark.parametrize("name", list(CASES))
class TestEachTransitionInTheAdmin:
    def test_customer_service_sees_the_button_and_moves_it(self, client, cs, make, name):
        target, data = CASES[name]
        follow_up = make()
        client.force_login(cs)

        page = client.get(url("inspect", follow_up.pk)).text
        assert f'data-transition="{name}"' in page
        response = client.post(url("transition", follow_up.pk, name), {"from_state": S.DUE, **data})

        assert response.status_code == 302
        assert state_of(follow_up) == target
        assert history(follow_up) == [f"followups.{name}"]

    def test_every_other_role_gets_403_and_nothing_changes(self, client, staff, make, name):
        _target, data = CASES[name]
        follow_up = make()

        for role in OTHER_ROLES:
            client.force_login(staff[role])
            assert client.get(url("transition", follow_up.pk, name)).status_code == 403, role
            post = client.post(url("transition", follow_up.pk, name), {"from_state": S.DUE, **data})
            assert post.status_code == 403, role
        assert state_of(follow_up) == S.DUE
        assert history(follow_up) == []

    @pytest.mark.parametrize("source", [S.DONE, S.SKIPPED])
    def test_from_a_finished_follow_up_it_is_refused(self, client, cs, make, name, source):
        _target, data = CASES[name]
        follow_up = make(source)
        before = history(follow_up)
        client.force_login(cs)

        response = client.post(
            url("transition", follow_up.pk, name), {"from_state": source, **data}
        )

        assert response.status_code == 200
        assert "is not possible" in response.text
        assert history(follow_up) == before

    def test_a_missing_field_is_named(self, client, cs, make, name):
        follow_up = make()
        client.force_login(cs)

        response = client.post(url("transition", follow_up.pk, name), {"from_state": S.DUE})

        assert response.status_code == 200
        field = "method" if name == "record" else "skip_reason"
        assert response.context["form"].has_error(field)
        assert state_of(follow_up) == S.DUE


class TestAddingAFollowUpByHand:
    def test_customer_service_adds_one_for_a_signed_contract(self, client, cs):
        contract = ContractFactory()
        client.force_login(cs)

        response = client.post(
            url("add"),
            {"contract": contract.pk, "scheduled_for": timezone.localdate().isoformat()},
        )

        follow_up = FollowUp.objects.get()
        assert response.status_code == 302
        assert response["Location"] == url("inspect", follow_up.pk)
        assert follow_up.customer == contract.customer
        assert follow_up.reference.startswith("F")
        assert follow_up.due_at is not None
        assert ModelLogEntry.objects.get(object_id=str(follow_up.pk)).user == cs

    def test_not_a_second_one_while_one_is_due(self, client, cs):
        existing = FollowUpFactory()
        client.force_login(cs)

        response = client.post(
            url("add"),
            {"contract": existing.contract.pk, "scheduled_for": timezone.localdate().isoformat()},
        )

        assert response.status_code == 200
        assert response.context["form"].has_error("contract")
        assert FollowUp.objects.count() == 1

    def test_not_for_a_contract_not_signed(self, client, cs):
        draft = ContractFactory(state=ContractState.APPROVED)
        client.force_login(cs)

        response = client.post(
            url("add"),
            {"contract": draft.pk, "scheduled_for": timezone.localdate().isoformat()},
        )

        assert response.context["form"].has_error("contract")
        assert not FollowUp.objects.exists()

    @pytest.mark.parametrize("role", OTHER_ROLES)
    def test_other_roles_get_403_and_nothing_is_added(self, client, staff, role):
        contract = ContractFactory()
        client.force_login(staff[role])

        assert client.get(url("add")).status_code == 403
        response = client.post(
            url("add"),
            {"contract": contract.pk, "scheduled_for": timezone.localdate().isoformat()},
        )

        assert response.status_code == 403
        assert not FollowUp.objects.exists()

    @pytest.mark.parametrize("role", OTHER_ROLES)
    def test_the_command_refuses_other_roles(self, staff, role):
        contract = ContractFactory()

        with pytest.raises(CommandPermissionDenied):
            services.add_follow_up(FollowUp(contract=contract), user=staff[role])

        assert not FollowUp.objects.exists()
        assert not ModelLogEntry.objects.exists()

    def test_the_command_refuses_nobody(self):
        with pytest.raises(CommandPermissionDenied):
            services.add_follow_up(FollowUp(contract=ContractFactory()), user=None)

        assert not FollowUp.objects.exists()

    def test_it_is_numbered_in_the_f_series_by_its_day(self, cs):
        day = timezone.localdate() - timedelta(days=40)

        follow_up = services.add_follow_up(
            FollowUp(contract=ContractFactory(), scheduled_for=day), user=cs
        )

        assert follow_up.reference == f"F{day:%y%m}-000001"
        assert FollowUp.objects.get().reference == follow_up.reference
        last_day = timezone.localtime(follow_up.due_at)
        assert (last_day.date(), last_day.hour) == (day + timedelta(days=3), 23)


class TestTheListing:
    def test_customer_service_filters_the_due_and_the_overdue(self, client, cs, make):
        due = make()
        late = FollowUpFactory(due_at=timezone.now() - timedelta(hours=1))
        done = make(S.DONE)
        client.force_login(cs)

        due_only = client.get(url("list"), {"state": S.DUE}).text
        overdue_only = client.get(url("list"), {"overdue": "true"}).text

        assert due.reference in due_only and late.reference in due_only
        assert done.reference not in due_only
        assert late.reference in overdue_only and due.reference not in overdue_only

    @pytest.mark.parametrize("role", [roles.MANAGEMENT, roles.SUPERVISION])
    def test_management_and_supervision_read_them(self, client, staff, make, role):
        follow_up = make(S.DONE)
        client.force_login(staff[role])

        assert follow_up.reference in client.get(url("list")).text
        assert client.get(url("inspect", follow_up.pk)).status_code == 200

    def test_the_excel_export_has_the_feedback(self, client, cs, make):
        import io

        import openpyxl

        follow_up = make(S.DONE)
        client.force_login(cs)

        response = client.get(url("list"), {"export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == follow_up.reference)

        assert follow_up.feedback in row


class TestTheSchedule:
    def test_management_sets_the_interval(self, client, staff):
        client.force_login(staff[roles.MANAGEMENT])
        settings_url = client.get(
            reverse("wagtailsettings:edit", args=["followups", "followupsettings"])
        )["Location"]

        response = client.post(settings_url, {"interval_days": "21", "complete_within_days": "2"})

        assert response.status_code == 302
        assert FollowUpSettings.load().interval_days == 21

    def test_an_interval_of_zero_days_is_refused(self, client, staff):
        client.force_login(staff[roles.MANAGEMENT])
        settings_url = client.get(
            reverse("wagtailsettings:edit", args=["followups", "followupsettings"])
        )["Location"]

        response = client.post(settings_url, {"interval_days": "0", "complete_within_days": "2"})

        assert response.status_code == 200
        assert FollowUpSettings.load().interval_days == 30


def test_the_inspect_page_shows_what_was_said(client, cs, make):
    follow_up = make(S.DONE)
    client.force_login(cs)

    soup = BeautifulSoup(client.get(url("inspect", follow_up.pk)).content, "html.parser")

    assert follow_up.feedback in soup.get_text()
    assert follow_up.needs in soup.get_text()
