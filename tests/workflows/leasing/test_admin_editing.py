"""Leasing in the admin: Sales edits contracts (P2.4), Legal keeps the templates (P2.3)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from workflows.leasing.choices import ClauseKind
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.models import (
    Contract,
    ContractTemplate,
)

from .factories import CLAUSES

pytestmark = pytest.mark.django_db

REQUIREMENT = "wagtailsnippets_leasing_requirement"
PLAN = "wagtailsnippets_leasing_leaseplan"
CONTRACT = "wagtailsnippets_leasing_contract"
TEMPLATE = "wagtailsnippets_leasing_contracttemplate"


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def soup(response):
    return BeautifulSoup(response.text, "html.parser")


def day(offset):
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


class TestEditingTheContract:
    def edit_data(self, contract, **changes):
        clauses = [
            {"id": c.pk, "kind": c.kind, "title": c.title, "text": c.text}
            for c in contract.clauses.all()
        ]
        for kind, text in changes.pop("clauses", {}).items():
            next(c for c in clauses if c["kind"] == kind)["text"] = text
        data = {
            "title": contract.title,
            "language": contract.language,
            "period_start": contract.period_start.isoformat(),
            "period_end": contract.period_end.isoformat(),
            "delivery_date": contract.delivery_date.isoformat(),
            "delivery_place": contract.delivery_place,
            "clauses": inline_formset(clauses, initial=len(clauses)),
        }
        data.update(changes)
        return nested_form_data(data)

    def test_an_edit_after_approval_sends_it_back_to_draft(self, client, sales, make_contract):
        contract = make_contract(CS.APPROVED)
        client.force_login(sales)
        url = reverse(f"{CONTRACT}:edit", args=[contract.pk])
        page = client.get(url)
        assert any("must be reviewed again" in m for m in flashed(page))

        response = client.post(
            url, self.edit_data(contract, clauses={ClauseKind.LIABILITY: "違約者賠償十萬元。"})
        )

        assert response.status_code == 302, response.context["form"].errors
        contract.refresh_from_db()
        assert contract.state == CS.DRAFT
        assert contract.clauses.get(kind=ClauseKind.LIABILITY).text == "違約者賠償十萬元。"
        actions = list(
            ModelLogEntry.objects.filter(object_id=str(contract.pk))
            .order_by("-timestamp", "-pk")
            .values_list("action", flat=True)[:2]
        )
        assert actions == ["leasing.reopen", "wagtail.edit"]

    def test_saving_an_approved_contract_unchanged_keeps_the_approval(
        self, client, sales, make_contract
    ):
        contract = make_contract(CS.APPROVED)
        client.force_login(sales)
        client.post(reverse(f"{CONTRACT}:edit", args=[contract.pk]), self.edit_data(contract))
        assert Contract.objects.get(pk=contract.pk).state == CS.APPROVED

    def test_removing_a_required_clause_then_blocks_the_review(self, client, sales, make_contract):
        contract = make_contract(CS.CHANGES_REQUESTED)
        client.force_login(sales)
        data = self.edit_data(contract)
        rent = [c.kind for c in contract.clauses.all()].index(ClauseKind.RENT)
        data[f"clauses-{rent}-DELETE"] = "1"
        client.post(reverse(f"{CONTRACT}:edit", args=[contract.pk]), data)
        assert not contract.clauses.filter(kind=ClauseKind.RENT).exists()
        inspect = client.get(reverse(f"{CONTRACT}:inspect", args=[contract.pk]))
        assert "Rent" in soup(inspect).select_one("[data-missing-clauses]").text

    def test_rebuilding_fills_the_clauses_in_again_with_the_new_place(
        self, client, sales, make_contract
    ):
        contract = make_contract()
        client.force_login(sales)
        data = self.edit_data(contract, delivery_place="台中港 3 號碼頭", rebuild_clauses="on")
        client.post(reverse(f"{CONTRACT}:edit", args=[contract.pk]), data)
        assert "台中港 3 號碼頭" in contract.clauses.get(kind=ClauseKind.DELIVERY).text

    @pytest.mark.parametrize("state", [CS.IN_LEGAL_REVIEW, CS.SIGNED, CS.CANCELLED])
    def test_cannot_be_edited_while_with_legal_or_once_finished(
        self, client, sales, make_contract, state
    ):
        contract = make_contract(state)
        client.force_login(sales)
        url = reverse(f"{CONTRACT}:edit", args=[contract.pk])
        assert client.get(url)["Location"] == reverse(f"{CONTRACT}:inspect", args=[contract.pk])
        client.post(url, self.edit_data(contract, delivery_place="別處"))
        assert Contract.objects.get(pk=contract.pk).delivery_place != "別處"


class TestTheTemplateLegalKeeps:
    def data(self, clauses):
        return nested_form_data(
            {
                "name": "標準契約",
                "language": "zh-hant",
                "title": "設備租賃契約書",
                "active": "on",
                "clauses": inline_formset(
                    [{"kind": k, "title": t, "text": x} for k, t, x in clauses], min=1
                ),
            }
        )

    def test_legal_saves_a_complete_template(self, client, legal):
        client.force_login(legal)
        response = client.post(reverse(f"{TEMPLATE}:add"), self.data(CLAUSES))
        assert response.status_code == 302
        assert ContractTemplate.objects.get().clauses.count() == len(CLAUSES)

    def test_unknown_placeholders_are_refused_by_name(self, client, legal):
        clauses = [*CLAUSES[:-1], ("other", "其他", "違約金為 {penalty}，付款予 {customer.name}")]
        client.force_login(legal)
        response = client.post(reverse(f"{TEMPLATE}:add"), self.data(clauses))
        assert response.status_code == 200
        assert "{penalty}" in response.text and "{customer.name}" in response.text
        assert not ContractTemplate.objects.exists()

    def test_a_template_without_every_required_clause_is_refused(self, client, legal):
        client.force_login(legal)
        response = client.post(reverse(f"{TEMPLATE}:add"), self.data(CLAUSES[1:]))
        assert response.status_code == 200
        assert "Equipment specification" in response.text
        assert not ContractTemplate.objects.exists()

    def test_the_placeholders_are_listed_for_legal(self, client, legal):
        client.force_login(legal)
        assert "{customer_tax_number}" in client.get(reverse(f"{TEMPLATE}:add")).text

    def test_sales_only_reads_templates(self, client, sales, template):
        client.force_login(sales)
        assert client.get(reverse(f"{TEMPLATE}:list")).status_code == 200
        edit = reverse(f"{TEMPLATE}:edit", args=[template.pk])
        assert client.get(edit).status_code == 403
        assert client.post(edit, {"name": "改名", "title": "改名"}).status_code == 403
        assert ContractTemplate.objects.get(pk=template.pk).name == template.name
