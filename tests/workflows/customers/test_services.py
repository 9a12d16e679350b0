"""Creating customers (P2.1): directly by Sales or from a consultation handed to Sales."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from tests.workflows.customers.factories import CustomerContactFactory, CustomerFactory
from workflows.core import roles
from workflows.core.exceptions import CommandPermissionDenied
from workflows.customers import services
from workflows.customers.choices import CustomerKind
from workflows.customers.exceptions import CustomerPossibleDuplicate, CustomerTaxNumberTaken
from workflows.customers.models import Customer, CustomerContact

pytestmark = pytest.mark.django_db


def history(customer):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="customers", object_id=str(customer.pk)
        ).values_list("action", "user__username")
    )


def new_customer(**fields):
    data = {"name": "北辰工程有限公司", "tax_number": "24536806", "phone": "04-2255-8899"}
    data.update(fields)
    return Customer(**data)


class TestCreateCustomer:
    def test_saves_the_customer_with_its_contacts_and_who_created_it(self, sales):
        customer = new_customer()
        customer.contacts = [CustomerContact(name="陳工務", phone="0988-123-456")]

        customer = services.create_customer(customer, user=sales)

        customer.refresh_from_db()
        assert customer.created_by == sales
        assert [c.name for c in customer.contacts.all()] == ["陳工務"]
        assert history(customer) == [("wagtail.create", sales.username)]

    def test_the_same_tax_number_is_refused_even_when_confirmed(self, sales):
        other = CustomerFactory(tax_number="24536806")

        with pytest.raises(CustomerTaxNumberTaken) as caught:
            services.create_customer(new_customer(), user=sales, allow_duplicates=True)

        assert other.name in caught.value.message_dict["tax_number"][0]
        assert Customer.objects.count() == 1

    def test_the_same_phone_needs_a_conscious_yes(self, sales):
        other = CustomerFactory(phone="(04) 2255-8899")

        with pytest.raises(CustomerPossibleDuplicate) as caught:
            services.create_customer(new_customer(), user=sales)

        assert [m.customer for m in caught.value.matches] == [other]
        assert other.name in caught.value.messages[0]
        assert Customer.objects.count() == 1

    def test_a_contact_persons_email_counts_as_well(self, sales):
        contact = CustomerContactFactory(email="chen@north.example")
        customer = new_customer(phone="", email="office@north.example")
        customer.contacts = [CustomerContact(name="陳工務", email="CHEN@north.example")]

        with pytest.raises(CustomerPossibleDuplicate) as caught:
            services.create_customer(customer, user=sales)

        assert [m.customer for m in caught.value.matches] == [contact.customer]

    def test_confirmed_possible_duplicates_are_created(self, sales):
        CustomerFactory(phone="04-2255-8899")

        customer = services.create_customer(new_customer(), user=sales, allow_duplicates=True)

        assert customer.pk is not None
        assert Customer.objects.count() == 2

    def test_a_customer_needs_a_phone_or_an_email(self, sales):
        with pytest.raises(ValidationError) as caught:
            services.create_customer(new_customer(phone="", email=""), user=sales)

        assert "phone" in caught.value.message_dict
        assert not Customer.objects.exists()

    @pytest.mark.parametrize("tax_number", ["1234567", "123456789", "12-34567", "ABCDEFGH"])
    def test_a_tax_number_is_eight_digits(self, sales, tax_number):
        with pytest.raises(ValidationError) as caught:
            services.create_customer(new_customer(tax_number=tax_number), user=sales)

        assert "tax_number" in caught.value.message_dict

    def test_individuals_without_tax_numbers_are_not_duplicates_of_each_other(self, sales):
        CustomerFactory(individual=True, phone="0911-111-111")

        customer = services.create_customer(
            new_customer(
                kind=CustomerKind.INDIVIDUAL, name="李大同", tax_number="", phone="0922-222-222"
            ),
            user=sales,
        )

        assert customer.pk is not None


class TestUpdateCustomer:
    def test_saving_a_customer_does_not_find_itself(self, sales):
        customer = CustomerFactory(phone="02-2345-6789")
        customer.address = "新北市板橋區文化路一段 1 號"

        services.update_customer(customer, user=sales)

        assert Customer.objects.get().address == "新北市板橋區文化路一段 1 號"
        assert history(customer) == [("wagtail.edit", sales.username)]

    def test_taking_another_customers_tax_number_is_refused(self, sales):
        CustomerFactory(tax_number="24536806")
        customer = CustomerFactory()
        customer.tax_number = "24536806"

        with pytest.raises(CustomerTaxNumberTaken):
            services.update_customer(customer, user=sales, allow_duplicates=True)


class TestCreateCustomerFromConsultation:
    def test_a_company_consultation_makes_a_company_with_the_person_as_contact(
        self, sales, handed_consultation
    ):
        consultation = handed_consultation(
            customer_name="林志玲", company="志玲建設", phone="02-8888-0000", email="lin@zl.example"
        )

        customer = services.create_customer_from_consultation(
            consultation, user=sales, tax_number="24536806"
        )

        customer.refresh_from_db()
        assert customer.kind == CustomerKind.COMPANY
        assert customer.name == "志玲建設"
        assert customer.tax_number == "24536806"
        assert customer.source_consultation == consultation
        assert customer.created_by == sales
        assert customer.notes == consultation.sales_need
        assert [(c.name, c.phone, c.email) for c in customer.contacts.all()] == [
            ("林志玲", "02-8888-0000", "lin@zl.example")
        ]

    def test_a_consultation_without_company_makes_an_individual(self, sales, handed_consultation):
        consultation = handed_consultation(customer_name="王大明", company="", phone="0933-000-111")

        customer = services.create_customer_from_consultation(consultation, user=sales)

        assert customer.kind == CustomerKind.INDIVIDUAL
        assert customer.name == "王大明"
        assert customer.phone == "0933-000-111"
        assert not customer.contacts.exists()

    def test_a_known_customer_is_not_created_again_by_accident(self, sales, handed_consultation):
        known = CustomerFactory(email="repeat@example.com")
        consultation = handed_consultation(email="Repeat@example.com")

        with pytest.raises(CustomerPossibleDuplicate) as caught:
            services.create_customer_from_consultation(consultation, user=sales)

        assert [m.customer for m in caught.value.matches] == [known]


#: Every role without customers.add_customer / customers.change_customer.
READERS = [
    roles.CUSTOMER_SERVICE,
    roles.AFTER_SALES,
    roles.FINANCE,
    roles.LEGAL,
    roles.MANAGEMENT,
    roles.MARKETING,
    roles.HR,
    roles.SUPERVISION,
]


@pytest.mark.parametrize("role", READERS)
class TestOnlySalesKeepsCustomers:
    """The commands refuse whoever calls them without the permission the admin checks."""

    def test_creating_is_refused_and_nothing_is_stored(self, staff, role):
        with pytest.raises(CommandPermissionDenied):
            services.create_customer(new_customer(), user=staff[role])

        assert not Customer.objects.exists()
        assert not ModelLogEntry.objects.filter(content_type__app_label="customers").exists()

    def test_updating_is_refused_and_nothing_changes(self, staff, role):
        customer = CustomerFactory(address="台北市")
        customer.address = "新北市"

        with pytest.raises(CommandPermissionDenied):
            services.update_customer(customer, user=staff[role])

        assert Customer.objects.get().address == "台北市"
        assert history(customer) == []

    def test_creating_from_a_consultation_is_refused(self, staff, role, handed_consultation):
        consultation = handed_consultation()

        with pytest.raises(CommandPermissionDenied):
            services.create_customer_from_consultation(consultation, user=staff[role])

        assert not Customer.objects.exists()
