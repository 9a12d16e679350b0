"""Assigning a complaint proposes the contract it is about: the one whose number the
complainant gave, else the one contract in force of the linked customer. Proposed only:
staff may change or clear it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.workflows.customers.factories import CustomerFactory
from workflows.complaints.forms import AssignForm, mentioned_contract
from workflows.leasing.choices import ContractState
from workflows.leasing.models import Contract

from .factories import ComplaintFactory, make_contract

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_complaints_complaint"


def in_state(contract, state):
    Contract.objects.filter(pk=contract.pk).update(state=state)
    return contract


def proposed(complaint, cs):
    return AssignForm(record=complaint, user=cs).fields["contract"].initial


def test_the_contract_number_the_complainant_gave_is_proposed(cs):
    named = make_contract()
    make_contract()
    complaint = ComplaintFactory(matter_reference=f"合約 {named.number.lower()}，挖土機")

    assert mentioned_contract(complaint) == named.pk
    assert proposed(complaint, cs) == named.pk


def test_the_one_contract_in_force_of_the_linked_customer_is_proposed(cs):
    customer = CustomerFactory()
    running = in_state(make_contract(customer), ContractState.ACTIVE)
    in_state(make_contract(customer), ContractState.CLOSED)
    complaint = ComplaintFactory(customer=customer, matter_reference="那台挖土機")

    assert proposed(complaint, cs) == running.pk


def test_nothing_is_proposed_when_nothing_tells_one_contract(cs):
    customer = CustomerFactory()
    in_state(make_contract(customer), ContractState.ACTIVE)
    in_state(make_contract(customer), ContractState.SIGNED)

    assert proposed(ComplaintFactory(customer=customer), cs) is None
    assert proposed(ComplaintFactory(matter_reference="LC-0000-NOPE"), cs) is None
    assert proposed(ComplaintFactory(), cs) is None


def test_a_contract_already_linked_stays(cs):
    linked, named = make_contract(), make_contract()
    complaint = ComplaintFactory(contract=linked, matter_reference=named.number)

    assert proposed(complaint, cs) == linked.pk


def test_the_assign_page_shows_it_selected_and_staff_may_clear_it(client, cs, investigator):
    named = make_contract()
    complaint = ComplaintFactory(matter_reference=named.number)
    client.force_login(cs)
    url = reverse(f"{VIEWS}:transition", args=[complaint.pk, "assign"])

    page = BeautifulSoup(client.get(url).text, "html.parser")

    assert page.select_one('select[name="contract"] option[selected]')["value"] == str(named.pk)
    response = client.post(
        url,
        {
            "from_state": "received",
            "department": "after_sales",
            "investigator": investigator.pk,
            "contract": "",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.contract is None
    assert complaint.state == "investigating"
