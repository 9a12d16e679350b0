"""Every plan and contract transition in the admin, by POST: who may, from where, what it leaves.

Sales cannot approve, Legal cannot sign, Marketing can do nothing here.
"""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core import roles
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.choices import PlanState as PS
from workflows.leasing.models import Contract, LeasePlan

from .factories import scanned_pdf

pytestmark = pytest.mark.django_db

ALL_ROLES = [*roles.ROLE_PERMISSIONS]
PLAN = "wagtailsnippets_leasing_leaseplan"
CONTRACT = "wagtailsnippets_leasing_contract"


def history(record):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="leasing",
            content_type__model=type(record)._meta.model_name,
            object_id=str(record.pk),
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def fresh(record):
    return type(record).objects.get(pk=record.pk)


class Case:
    def __init__(self, views, name, role, source, target, forbidden, extra=None):
        self.views = views
        self.name = name
        self.role = role
        self.source = source
        self.target = target
        self.forbidden = forbidden
        self.extra = extra or {}

    def __repr__(self):
        return f"{self.views.rsplit('_', 1)[-1]}.{self.name}"

    def url(self, record):
        return reverse(f"{self.views}:transition", args=[record.pk, self.name])

    def data(self, record):
        data = {"from_state": record.state, "note": "已確認"}
        for key, value in self.extra.items():
            data[key] = value() if callable(value) else value
        return data


SIGNING = {
    "signed_on": lambda: timezone.localdate().isoformat(),
    "customer_signatory": "林大明",
    "company_signatory": "王志明",
    "signed_original": scanned_pdf,
    "archive_location": "法務室 A 櫃",
}

PLAN_CASES = [
    Case(PLAN, "send", roles.SALES, PS.DRAFT, PS.SENT, [PS.SENT, PS.ACCEPTED, PS.SUPERSEDED]),
    Case(PLAN, "accept", roles.SALES, PS.SENT, PS.ACCEPTED, [PS.DRAFT, PS.DECLINED, PS.EXPIRED]),
    Case(
        PLAN,
        "decline",
        roles.SALES,
        PS.SENT,
        PS.DECLINED,
        [PS.DRAFT, PS.ACCEPTED],
        {"reason": "價格太高"},
    ),
    Case(PLAN, "revise", roles.SALES, PS.SENT, PS.SUPERSEDED, [PS.DRAFT, PS.ACCEPTED]),
]
CONTRACT_CASES = [
    Case(
        CONTRACT,
        "submit_for_review",
        roles.SALES,
        CS.DRAFT,
        CS.IN_LEGAL_REVIEW,
        [CS.IN_LEGAL_REVIEW, CS.APPROVED, CS.SIGNED],
    ),
    Case(
        CONTRACT,
        "request_changes",
        roles.LEGAL,
        CS.IN_LEGAL_REVIEW,
        CS.CHANGES_REQUESTED,
        [CS.DRAFT, CS.APPROVED],
        {"comments": "第六條違約金請明定金額"},
    ),
    Case(
        CONTRACT,
        "approve",
        roles.LEGAL,
        CS.IN_LEGAL_REVIEW,
        CS.APPROVED,
        [CS.DRAFT, CS.CHANGES_REQUESTED, CS.SIGNED],
    ),
    Case(CONTRACT, "reopen", roles.SALES, CS.APPROVED, CS.DRAFT, [CS.DRAFT, CS.SIGNED]),
    Case(
        CONTRACT,
        "sign",
        roles.SALES,
        CS.APPROVED,
        CS.SIGNED,
        [CS.DRAFT, CS.IN_LEGAL_REVIEW, CS.CANCELLED],
        SIGNING,
    ),
    Case(
        CONTRACT,
        "cancel",
        roles.SALES,
        CS.APPROVED,
        CS.CANCELLED,
        [CS.SIGNED, CS.CANCELLED],
        {"reason": "客戶取消工程"},
    ),
]
CASES = PLAN_CASES + CONTRACT_CASES
FORBIDDEN = [(case, source) for case in CASES for source in case.forbidden]


@pytest.fixture
def make(make_plan, make_contract):
    def build(case, state):
        return make_plan(state) if case.views == PLAN else make_contract(state)

    return build


@pytest.mark.parametrize("case", CASES, ids=repr)
class TestEachTransitionInTheAdmin:
    def test_the_permitted_role_moves_it(self, client, staff, make, case):
        record = make(case, case.source)
        before = history(record)
        client.force_login(staff[case.role])

        form = client.get(case.url(record))
        response = client.post(case.url(record), case.data(record))

        assert form.status_code == 200
        assert f'data-confirm-transition="{case.name}"' in form.text
        assert response.status_code == 302, response.content[:2000]
        assert fresh(record).state == case.target
        extra = ["leasing.copies_sent"] if case.name == "sign" else []
        assert history(record) == [*before, f"leasing.{case.name}", *extra]
        assert any("done" in message for message in flashed(response))

    def test_every_other_role_gets_403_and_nothing_changes(self, client, staff, make, case):
        record = make(case, case.source)
        before = history(record)
        for role in ALL_ROLES:
            if role == case.role:
                continue
            client.force_login(staff[role])
            get = client.get(case.url(record))
            post = client.post(case.url(record), case.data(record))
            assert (get.status_code, post.status_code) == (403, 403), role
            assert fresh(record).state == case.source, role
            assert history(record) == before, role


@pytest.mark.parametrize(("case", "source"), FORBIDDEN, ids=str)
def test_a_transition_from_a_forbidden_state_changes_nothing(client, staff, make, case, source):
    record = make(case, source)
    before = history(record)
    client.force_login(staff[case.role])

    response = client.post(case.url(record), case.data(record))

    assert response.status_code == 200
    assert "is not possible" in response.text
    assert fresh(record).state == source
    assert history(record) == before


class TestWhatTheFormsAskFor:
    def test_a_revision_opens_the_new_version_for_editing(self, client, sales, make_plan):
        plan = make_plan(PS.SENT)
        client.force_login(sales)
        response = client.post(
            reverse(f"{PLAN}:transition", args=[plan.pk, "revise"]), {"from_state": PS.SENT}
        )
        new = LeasePlan.objects.get(previous_version=plan)
        assert response["Location"] == reverse(f"{PLAN}:edit", args=[new.pk])

    def test_a_decline_without_a_reason_is_refused_at_the_field(self, client, sales, make_plan):
        plan = make_plan(PS.SENT)
        client.force_login(sales)
        response = client.post(
            reverse(f"{PLAN}:transition", args=[plan.pk, "decline"]), {"from_state": PS.SENT}
        )
        assert response.status_code == 200
        assert "reason" in response.context["form"].errors
        assert fresh(plan).state == PS.SENT

    def test_legal_must_write_the_changes(self, client, legal, make_contract):
        contract = make_contract(CS.IN_LEGAL_REVIEW)
        client.force_login(legal)
        response = client.post(
            reverse(f"{CONTRACT}:transition", args=[contract.pk, "request_changes"]),
            {"from_state": CS.IN_LEGAL_REVIEW, "comments": ""},
        )
        assert "comments" in response.context["form"].errors
        assert fresh(contract).state == CS.IN_LEGAL_REVIEW

    def test_the_signing_form_uploads_the_scan(self, client, sales, make_contract):
        contract = make_contract(CS.APPROVED)
        client.force_login(sales)
        url = reverse(f"{CONTRACT}:transition", args=[contract.pk, "sign"])
        assert 'enctype="multipart/form-data"' in client.get(url).text

    def test_a_scan_of_the_wrong_type_is_refused_naming_the_file(
        self, client, sales, make_contract
    ):
        from django.core.files.uploadedfile import SimpleUploadedFile

        contract = make_contract(CS.APPROVED)
        client.force_login(sales)
        data = {key: value() if callable(value) else value for key, value in SIGNING.items()}
        data.update(
            from_state=CS.APPROVED,
            signed_original=SimpleUploadedFile("scan.pdf", b"<html>not a pdf</html>"),
        )
        response = client.post(reverse(f"{CONTRACT}:transition", args=[contract.pk, "sign"]), data)
        assert response.status_code == 200
        assert "scan.pdf" in str(response.context["form"].errors["signed_original"])
        assert fresh(contract).state == CS.APPROVED

    def test_a_future_signing_date_is_refused(self, client, sales, make_contract):
        contract = make_contract(CS.APPROVED)
        client.force_login(sales)
        data = {key: value() if callable(value) else value for key, value in SIGNING.items()}
        data.update(
            from_state=CS.APPROVED,
            signed_on=(timezone.localdate() + timedelta(days=2)).isoformat(),
        )
        response = client.post(reverse(f"{CONTRACT}:transition", args=[contract.pk, "sign"]), data)
        assert "signed_on" in response.context["form"].errors
        assert Contract.objects.get(pk=contract.pk).state == CS.APPROVED

    def test_a_missing_clause_is_explained_when_sending_to_legal(
        self, client, sales, make_contract
    ):
        contract = make_contract()
        contract.clauses.filter(kind="rent").delete()
        client.force_login(sales)
        response = client.post(
            reverse(f"{CONTRACT}:transition", args=[contract.pk, "submit_for_review"]),
            {"from_state": CS.DRAFT},
        )
        assert response.status_code == 200
        assert "needs these clauses" in response.text
        assert fresh(contract).state == CS.DRAFT


class TestMarketingCanDoNothingHere:
    @pytest.mark.parametrize(
        "name",
        [
            "wagtailsnippets_leasing_requirement:list",
            f"{PLAN}:list",
            f"{CONTRACT}:list",
            "wagtailsnippets_leasing_contracttemplate:list",
            "wagtailsnippets_leasing_requirement:add",
            f"{PLAN}:add",
            f"{CONTRACT}:add",
            "wagtailsnippets_leasing_contracttemplate:add",
        ],
    )
    def test_no_leasing_page_opens(self, client, staff, name):
        client.force_login(staff[roles.MARKETING])
        response = client.get(reverse(name))
        assert response.status_code == 403
        assert "core/403.html" in [t.name for t in response.templates]

    def test_no_record_page_opens(self, client, staff, make_contract):
        contract = make_contract(CS.SIGNED)
        client.force_login(staff[roles.MARKETING])
        for url in (
            reverse(f"{CONTRACT}:inspect", args=[contract.pk]),
            reverse(f"{CONTRACT}:print", args=[contract.pk]),
            reverse(f"{CONTRACT}:signed_original", args=[contract.pk]),
            reverse(f"{CONTRACT}:assign_units", args=[contract.pk]),
            reverse(f"{PLAN}:print", args=[contract.plan.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 403, url
            assert "core/403.html" in [t.name for t in response.templates], url
