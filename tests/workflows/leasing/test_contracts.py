"""Lease contracts (P2.3-P2.5): drafted from a template, reviewed by Legal, signed, copied."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.choices import MessageChannel, MessageStatus
from workflows.core.exceptions import CommandPermissionDenied, TransitionNotAvailable
from workflows.core.models import OutboundMessage, ServiceLevelSettings
from workflows.leasing import services
from workflows.leasing.choices import ClauseKind, ReviewOutcome
from workflows.leasing.choices import ContractState as S
from workflows.leasing.choices import PlanState as PS
from workflows.leasing.exceptions import LeasingInvalid
from workflows.leasing.models import Contract, ContractCopy, TemplateClause

from .conftest import sign
from .factories import scanned_pdf

pytestmark = pytest.mark.django_db

ALL = list(S)
SIGNED_AND_AFTER = (S.SIGNED, S.ACTIVE, S.ENDING, S.RENEWED, S.RETURNED, S.CLOSED)


def history(contract):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="leasing",
            content_type__model="contract",
            object_id=str(contract.pk),
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def state_of(contract):
    return Contract.objects.get(pk=contract.pk).state


def clause(contract, kind):
    return contract.clauses.get(kind=kind)


class TestDraftingFromAnAcceptedPlan:
    def test_copies_the_templates_clauses_with_the_placeholders_filled(self, make_contract):
        contract = make_contract(assign=False)
        plan = contract.plan
        assert contract.state == S.DRAFT
        # The first contract of the year in the series LC, dated by its drafting.
        assert contract.number == f"LC{timezone.localtime(contract.created_at):%y%m}-000001"
        assert contract.customer == plan.customer
        assert contract.title == "設備租賃契約書"
        assert [c.kind for c in contract.clauses.all()] == [
            ClauseKind.SPECIFICATION,
            ClauseKind.QUANTITY,
            ClauseKind.RENT,
            ClauseKind.DELIVERY,
            ClauseKind.MAINTENANCE,
            ClauseKind.LIABILITY,
            ClauseKind.OTHER,
        ]
        assert clause(contract, ClauseKind.SPECIFICATION).text == (
            f"出租人出租予{plan.customer.name}之設備規格如下：Komatsu PC200: 操作重量 20 噸，"
            "斗容量 0.8 m³。"
        )
        with translation.override("zh-hant"):
            units = gettext("%(model)s × %(quantity)s") % {
                "model": "Komatsu PC200",
                "quantity": 2,
            }
        assert clause(contract, ClauseKind.QUANTITY).text == f"租賃設備為 {units}，共計 2 台。"
        rent = clause(contract, ClauseKind.RENT).text
        assert "租金總額 240,000.00 TWD，押金 200,000.00 TWD" in rent
        assert "共 30 日" in rent
        assert units in rent and "240,000.00 TWD" in rent
        delivery = clause(contract, ClauseKind.DELIVERY).text
        assert contract.delivery_place in delivery
        assert "{" not in "".join(c.text for c in contract.clauses.all())
        with translation.override("zh-hant"):
            cycle = gettext("%(model)s: every %(days)s days") % {
                "model": "Komatsu PC200",
                "days": 30,
            }
        assert cycle in clause(contract, ClauseKind.MAINTENANCE).text
        assert history(contract) == ["wagtail.create"]

    def test_the_clauses_are_the_contracts_own_once_drafted(self, make_contract, template):
        contract = make_contract(assign=False)
        TemplateClause.objects.filter(template=template).update(text="改過的條文")
        assert "改過的條文" not in [c.text for c in contract.clauses.all()]

    @pytest.mark.parametrize("state", [PS.DRAFT, PS.SENT, PS.DECLINED, PS.EXPIRED])
    def test_only_an_accepted_plan_becomes_a_contract(self, make_plan, template, sales, state):
        plan = make_plan(state)
        with pytest.raises(LeasingInvalid) as excinfo:
            services.create_contract(services.new_contract(plan, user=sales), user=sales)
        assert "plan" in excinfo.value.error_dict
        assert not Contract.objects.exists()

    def test_a_plan_has_one_live_contract_and_a_new_one_after_cancelling(
        self, make_contract, sales
    ):
        first = make_contract(assign=False)
        with pytest.raises(LeasingInvalid):
            services.create_contract(services.new_contract(first.plan, user=sales), user=sales)
        services.cancel_contract(first, user=sales, reason="重新議約")
        second = services.create_contract(services.new_contract(first.plan, user=sales), user=sales)
        assert second.state == S.DRAFT


class TestSendingToLegal:
    @pytest.mark.parametrize("start", [S.DRAFT, S.CHANGES_REQUESTED])
    def test_goes_to_legal_with_the_review_deadline(self, make_contract, sales, start):
        ServiceLevelSettings.objects.update_or_create(defaults={"legal_review_hours": 24})
        contract = make_contract(start)
        before = timezone.now()
        sent = services.submit_contract(contract, user=sales, expected_state=start)
        assert sent.state == S.IN_LEGAL_REVIEW
        assert before + timedelta(hours=24) <= sent.due_at <= timezone.now() + timedelta(hours=24)
        assert history(sent)[-1] == "leasing.submit_for_review"

    def test_the_default_review_deadline_is_48_hours(self, make_contract, sales):
        sent = services.submit_contract(make_contract(), user=sales)
        assert abs((sent.due_at - timezone.now()) - timedelta(hours=48)) < timedelta(minutes=1)

    def test_keeps_the_first_submission_and_counts_rounds(self, make_contract, sales):
        contract = make_contract(S.CHANGES_REQUESTED)
        first = contract.submitted_at
        again = services.submit_contract(contract, user=sales)
        assert again.submitted_at == first
        assert again.review_rounds == 2

    @pytest.mark.parametrize("start", [S.IN_LEGAL_REVIEW, S.APPROVED, S.SIGNED, S.CANCELLED])
    def test_is_refused_from(self, make_contract, sales, start):
        contract = make_contract(start)
        with pytest.raises(TransitionNotAvailable):
            services.submit_contract(contract, user=sales)
        assert state_of(contract) == start

    @pytest.mark.parametrize("kind", [c for c in ClauseKind if c != ClauseKind.OTHER])
    def test_a_missing_required_clause_blocks_the_review(self, make_contract, sales, kind):
        contract = make_contract()
        contract.clauses.filter(kind=kind).delete()
        with pytest.raises(TransitionNotAvailable) as excinfo:
            services.submit_contract(contract, user=sales)
        assert "clauses" in excinfo.value.reason
        assert state_of(contract) == S.DRAFT

    def test_an_empty_required_clause_blocks_the_review(self, make_contract, sales):
        contract = make_contract()
        contract.clauses.filter(kind=ClauseKind.LIABILITY).update(text="   ")
        with pytest.raises(TransitionNotAvailable):
            services.submit_contract(contract, user=sales)
        assert state_of(contract) == S.DRAFT

    def test_only_sales_sends_it(self, make_contract, staff):
        contract = make_contract()
        for role in ("Legal", "Marketing", "Customer Service", "After-sales"):
            with pytest.raises(CommandPermissionDenied):
                services.submit_contract(contract, user=staff[role])
        assert state_of(contract) == S.DRAFT


class TestLegalReview:
    def test_changes_are_requested_with_comments(self, make_contract, legal):
        contract = make_contract(S.IN_LEGAL_REVIEW)
        back = services.request_changes(contract, user=legal, comments="第五條保養週期請寫明")
        assert back.state == S.CHANGES_REQUESTED
        assert back.review_comments == "第五條保養週期請寫明"
        assert back.first_review_outcome == ReviewOutcome.CHANGES_REQUESTED
        assert back.due_at is None
        entry = ModelLogEntry.objects.filter(object_id=str(contract.pk)).latest("pk")
        assert (entry.action, entry.data["note"]) == (
            "leasing.request_changes",
            "第五條保養週期請寫明",
        )

    def test_comments_are_required(self, make_contract, legal):
        contract = make_contract(S.IN_LEGAL_REVIEW)
        with pytest.raises(TransitionNotAvailable) as excinfo:
            services.request_changes(contract, user=legal, comments=" ")
        assert "change" in excinfo.value.reason
        assert state_of(contract) == S.IN_LEGAL_REVIEW

    def test_approval_fingerprints_the_exact_version(self, make_contract, legal):
        contract = services.approve_contract(make_contract(S.IN_LEGAL_REVIEW), user=legal)
        assert contract.state == S.APPROVED
        assert contract.approved_hash == contract.content_hash()
        assert (contract.approved_by, contract.first_review_outcome) == (
            legal,
            ReviewOutcome.APPROVED,
        )
        assert contract.approved_at is not None

    def test_the_first_outcome_stays_after_a_later_approval(self, make_contract, sales, legal):
        contract = make_contract(S.CHANGES_REQUESTED)
        contract = services.submit_contract(contract, user=sales)
        contract = services.approve_contract(contract, user=legal)
        assert contract.first_review_outcome == ReviewOutcome.CHANGES_REQUESTED
        assert contract.review_comments == ""

    @pytest.mark.parametrize("start", [s for s in ALL if s != S.IN_LEGAL_REVIEW])
    def test_legal_acts_only_on_a_contract_in_review(self, make_contract, legal, start):
        contract = make_contract(start)
        with pytest.raises(TransitionNotAvailable):
            services.approve_contract(contract, user=legal)
        with pytest.raises(TransitionNotAvailable):
            services.request_changes(contract, user=legal, comments="請修改")
        assert state_of(contract) == start

    @pytest.mark.parametrize("role", ["Sales", "Marketing", "Customer Service", "After-sales"])
    def test_only_legal_approves_or_asks_for_changes(self, make_contract, staff, role):
        contract = make_contract(S.IN_LEGAL_REVIEW)
        with pytest.raises(CommandPermissionDenied):
            services.approve_contract(contract, user=staff[role])
        with pytest.raises(CommandPermissionDenied):
            services.request_changes(contract, user=staff[role], comments="請修改")
        assert state_of(contract) == S.IN_LEGAL_REVIEW


class TestAnEditAfterApproval:
    def test_returns_the_contract_to_draft_and_says_so_in_history(self, make_contract, sales):
        contract = make_contract(S.APPROVED)
        approved_hash = contract.approved_hash
        contract.clauses.filter(kind=ClauseKind.LIABILITY).update(text="違約者賠償新台幣十萬元。")

        edited = services.after_contract_edit(contract, user=sales)

        assert edited.state == S.DRAFT
        assert (edited.approved_hash, edited.approved_at, edited.approved_by) == ("", None, None)
        entry = ModelLogEntry.objects.filter(object_id=str(contract.pk)).latest("pk")
        assert entry.action == "leasing.reopen"
        assert entry.data["approved_hash"] == approved_hash
        assert entry.data["new_hash"] == edited.content_hash()
        assert "approval" in entry.data["note"]

    @pytest.mark.parametrize(
        "change",
        [
            {"delivery_place": "台中市西屯區工地"},
            {"title": "設備租賃契約書（修訂）"},
            {"period_end": timezone.localdate() + timedelta(days=45)},
        ],
    )
    def test_any_printed_detail_counts_as_an_edit(self, make_contract, sales, change):
        contract = make_contract(S.APPROVED)
        Contract.objects.filter(pk=contract.pk).update(**change)
        assert services.after_contract_edit(contract, user=sales).state == S.DRAFT

    def test_saving_without_a_change_keeps_the_approval(self, make_contract, sales):
        contract = make_contract(S.APPROVED)
        kept = services.after_contract_edit(contract, user=sales)
        assert kept.state == S.APPROVED
        assert history(kept)[-1] == "leasing.approve"

    def test_sales_can_reopen_it_on_purpose(self, make_contract, sales):
        contract = services.reopen_contract(make_contract(S.APPROVED), user=sales)
        assert contract.state == S.DRAFT
        assert contract.approved_hash == ""


class TestSigning:
    def test_records_the_signing_and_sends_copies_once_after_commit(
        self, make_contract, sales, staff, django_capture_on_commit_callbacks
    ):
        second_cs = UserFactory(username="cs2", roles=[roles.CUSTOMER_SERVICE])
        inactive = UserFactory(username="gone", roles=[roles.AFTER_SALES], is_active=False)
        contract = make_contract(S.APPROVED)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            signed = sign(contract, sales)
            assert mail.outbox == []
        for callback in callbacks:
            callback()

        assert signed.state == S.SIGNED
        assert signed.signed_on == timezone.localdate()
        assert signed.customer_signatory == "林大明 董事長"
        assert signed.archive_location == "法務室 A 櫃 第 3 層"
        assert signed.signed_original.name.endswith(".pdf")
        assert signed.signed_at is not None
        recipients = {staff[roles.CUSTOMER_SERVICE], second_cs, staff[roles.AFTER_SALES]}
        copies = ContractCopy.objects.filter(contract=contract)
        assert {c.recipient for c in copies} == recipients
        assert inactive not in {c.recipient for c in copies}
        assert {c.department for c in copies} == {roles.CUSTOMER_SERVICE, roles.AFTER_SALES}
        messages = OutboundMessage.objects.filter(object_id=str(contract.pk))
        assert {(m.recipient_user, m.channel) for m in messages} == {
            (user, channel)
            for user in recipients
            for channel in (MessageChannel.IN_APP, MessageChannel.EMAIL)
        }
        assert all(m.status == MessageStatus.SENT for m in messages)
        assert all(m.link.endswith(f"/inspect/{contract.pk}/") for m in messages)
        assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in recipients)
        assert contract.number in mail.outbox[0].subject
        assert f"/inspect/{contract.pk}/" in mail.outbox[0].body
        assert history(signed)[-2:] == ["leasing.sign", "leasing.copies_sent"]
        # History names who received a copy as staff know them, not by username.
        note = ModelLogEntry.objects.get(action="leasing.copies_sent", object_id=str(contract.pk))
        assert second_cs.get_full_name() in note.data["note"]
        assert "cs2" not in note.data["note"]

        services.send_copies(signed, user=sales)  # a second run adds nothing
        assert OutboundMessage.objects.filter(object_id=str(contract.pk)).count() == 6
        assert ContractCopy.objects.filter(contract=contract).count() == 3

    @pytest.mark.parametrize("start", [s for s in ALL if s != S.APPROVED])
    def test_is_refused_from(self, make_contract, sales, start):
        contract = make_contract(start)
        with pytest.raises((TransitionNotAvailable, LeasingInvalid)):
            sign(contract, sales)
        assert state_of(contract) == start
        assert not ContractCopy.objects.exists() or start in SIGNED_AND_AFTER

    def test_only_the_approved_version_is_signed(self, make_contract, sales):
        contract = make_contract(S.APPROVED)
        contract.clauses.filter(kind=ClauseKind.RENT).update(text="租金另議。")
        with pytest.raises(TransitionNotAvailable) as excinfo:
            sign(contract, sales)
        assert "reviewed again" in excinfo.value.reason
        assert state_of(contract) == S.APPROVED

    def test_every_line_needs_its_units(self, make_contract, sales):
        contract = make_contract(S.APPROVED)
        contract.bookings.all().delete()
        with pytest.raises(TransitionNotAvailable) as excinfo:
            sign(contract, sales)
        assert "units" in excinfo.value.reason

    @pytest.mark.parametrize(
        "missing", ["customer_signatory", "company_signatory", "archive_location"]
    )
    def test_needs_the_whole_signing_record(self, make_contract, sales, missing):
        contract = make_contract(S.APPROVED)
        with pytest.raises(TransitionNotAvailable):
            sign(contract, sales, **{missing: " "})
        assert state_of(contract) == S.APPROVED

    def test_needs_the_scan(self, make_contract, sales):
        contract = make_contract(S.APPROVED)
        with pytest.raises(TransitionNotAvailable):
            sign(contract, sales, signed_original=None)

    def test_a_scan_that_is_not_a_pdf_or_image_is_refused(self, make_contract, sales):
        contract = make_contract(S.APPROVED)
        fake = SimpleUploadedFile("contract.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
        with pytest.raises(ValidationError):
            sign(contract, sales, signed_original=fake)
        assert state_of(contract) == S.APPROVED

    def test_the_signing_date_cannot_be_in_the_future(self, make_contract, sales):
        contract = make_contract(S.APPROVED)
        with pytest.raises(LeasingInvalid):
            sign(contract, sales, signed_on=timezone.localdate() + timedelta(days=1))

    @pytest.mark.parametrize("role", ["Legal", "Marketing", "Customer Service", "Finance"])
    def test_only_sales_records_it(self, make_contract, staff, role):
        contract = make_contract(S.APPROVED)
        with pytest.raises(CommandPermissionDenied):
            sign(contract, staff[role], signed_original=scanned_pdf())
        assert state_of(contract) == S.APPROVED


class TestCancelling:
    @pytest.mark.parametrize("start", [S.DRAFT, S.IN_LEGAL_REVIEW, S.CHANGES_REQUESTED, S.APPROVED])
    def test_before_signing_with_a_reason_frees_the_units(self, make_contract, sales, start):
        contract = make_contract(start)
        assert contract.bookings.filter(active=True).count() == 2
        cancelled = services.cancel_contract(contract, user=sales, reason="客戶延後工期")
        assert cancelled.state == S.CANCELLED
        assert cancelled.cancelled_reason == "客戶延後工期"
        assert cancelled.bookings.filter(active=True).count() == 0
        assert history(cancelled)[-1] == "leasing.cancel"

    @pytest.mark.parametrize("start", [S.SIGNED, S.CANCELLED])
    def test_is_refused_from(self, make_contract, sales, start):
        contract = make_contract(start)
        with pytest.raises(TransitionNotAvailable):
            services.cancel_contract(contract, user=sales, reason="不租了")
        assert state_of(contract) == start

    def test_needs_a_reason(self, make_contract, sales):
        contract = make_contract()
        with pytest.raises(TransitionNotAvailable):
            services.cancel_contract(contract, user=sales, reason="")
        assert state_of(contract) == S.DRAFT
        assert contract.bookings.filter(active=True).count() == 2

    def test_legal_cannot_cancel(self, make_contract, legal):
        contract = make_contract()
        with pytest.raises(CommandPermissionDenied):
            services.cancel_contract(contract, user=legal, reason="不合規")
