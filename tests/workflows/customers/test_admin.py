"""Customers in the admin: the duplicate warning, creating from a consultation, permissions."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import ConsultationFactory
from tests.workflows.customers.factories import CustomerContactFactory, CustomerFactory
from workflows.consultations import services as consultations
from workflows.core import roles
from workflows.customers.models import Customer

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_customers_customer"
CONSULTATIONS = "wagtailsnippets_consultations_consultation"


def url(view, *args):
    return reverse(f"{VIEWS}:{view}", args=args)


def form_data(contacts=(), **fields):
    data = {
        "kind": "company",
        "name": "北辰工程有限公司",
        "tax_number": "24536806",
        "phone": "04-2255-8899",
        "email": "office@north.example",
        "address": "台中市西屯區台灣大道三段 99 號",
        "notes": "",
        "contacts": inline_formset(list(contacts)),
    }
    data.update(fields)
    return nested_form_data(data)


def contact(**fields):
    data = {"id": "", "name": "陳工務", "title": "經理", "phone": "0988-123-456", "email": ""}
    data.update(fields)
    return data


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def warning(response):
    return soup(response).select_one("[data-duplicate-warning]")


class TestCreatingACustomer:
    def test_sales_creates_a_customer_with_contact_people(self, client, sales):
        client.force_login(sales)

        response = client.post(url("add"), form_data(contacts=[contact()]))

        assert response.status_code == 302
        customer = Customer.objects.get()
        assert customer.created_by == sales
        assert [c.name for c in customer.contacts.all()] == ["陳工務"]

    def test_a_possible_duplicate_is_listed_with_a_link_and_nothing_is_saved(self, client, sales):
        other = CustomerFactory(phone="(04) 2255-8899", tax_number="")
        client.force_login(sales)

        response = client.post(url("add"), form_data())

        assert response.status_code == 200
        assert Customer.objects.count() == 1
        listed = warning(response)
        assert listed is not None
        link = listed.select_one(f'[data-duplicate="{other.pk}"] a')
        assert link.text.strip() == other.name
        assert link["href"] == url("inspect", other.pk)
        assert "same phone number" in listed.text
        assert soup(response).select_one('input[name="create_anyway"]') is not None

    def test_ticking_create_anyway_creates_the_possible_duplicate(self, client, sales):
        CustomerFactory(email="OFFICE@north.example", tax_number="")
        client.force_login(sales)

        response = client.post(url("add"), form_data(create_anyway="on"))

        assert response.status_code == 302
        assert Customer.objects.count() == 2

    def test_a_contact_persons_phone_is_checked_too(self, client, sales):
        other = CustomerContactFactory(phone="0988 123 456").customer
        client.force_login(sales)

        response = client.post(url("add"), form_data(contacts=[contact()]))

        assert response.status_code == 200
        assert warning(response).select_one(f'[data-duplicate="{other.pk}"]') is not None

    def test_the_same_tax_number_is_refused_and_cannot_be_overridden(self, client, sales):
        other = CustomerFactory(tax_number="24536806")
        client.force_login(sales)

        response = client.post(url("add"), form_data(create_anyway="on"))

        assert response.status_code == 200
        assert Customer.objects.count() == 1
        errors = soup(response).select_one('[data-field-wrapper]:has([name="tax_number"])')
        assert other.name in errors.text
        assert soup(response).select_one('input[name="create_anyway"]') is None

    def test_no_warning_without_matches(self, client, sales):
        CustomerFactory()
        client.force_login(sales)

        response = client.get(url("add"))

        assert response.status_code == 200
        assert warning(response) is None


class TestEditingACustomer:
    def test_saving_unchanged_details_does_not_warn_about_itself(self, client, sales):
        customer = CustomerFactory(
            name="北辰工程有限公司",
            tax_number="24536806",
            phone="04-2255-8899",
            email="office@north.example",
        )
        client.force_login(sales)

        response = client.post(url("edit", customer.pk), form_data(notes="常客"))

        assert response.status_code == 302
        assert Customer.objects.get().notes == "常客"

    def test_a_phone_of_another_customer_warns_on_edit_too(self, client, sales):
        other = CustomerFactory(phone="04-2255-8899", tax_number="")
        customer = CustomerFactory(tax_number="24536806")
        client.force_login(sales)

        response = client.post(url("edit", customer.pk), form_data())

        assert response.status_code == 200
        assert warning(response).select_one(f'[data-duplicate="{other.pk}"]') is not None
        customer.refresh_from_db()
        assert customer.phone != "04-2255-8899"


class TestFromAConsultation:
    def test_sales_sees_register_as_customer_on_a_consultation_handed_to_them(
        self, client, sales, handed_consultation
    ):
        consultation = handed_consultation()
        client.force_login(sales)

        response = client.get(reverse(f"{CONSULTATIONS}:inspect", args=[consultation.pk]))

        button = soup(response).select_one("[data-register-customer]")
        assert button is not None
        assert button["href"] == url("add") + f"?consultation={consultation.pk}"

    def test_a_consultation_sales_never_had_does_not_offer_it(self, client, sales, cs):
        consultation = consultations.answer_consultation(ConsultationFactory(), user=cs, reply="好")
        consultation = consultations.close_consultation(consultation, user=cs)
        client.force_login(sales)

        response = client.get(reverse(f"{CONSULTATIONS}:inspect", args=[consultation.pk]))

        assert response.status_code == 200
        assert soup(response).select_one("[data-register-customer]") is None

    def test_after_sales_took_it_over_it_is_still_offered(self, client, sales, handed_consultation):
        consultation = consultations.take_over_consultation(handed_consultation(), user=sales)
        client.force_login(sales)

        response = client.get(reverse(f"{CONSULTATIONS}:inspect", args=[consultation.pk]))

        assert soup(response).select_one("[data-register-customer]") is not None

    def test_customer_service_does_not_see_it(self, client, cs, handed_consultation):
        consultation = handed_consultation()
        client.force_login(cs)

        response = client.get(reverse(f"{CONSULTATIONS}:inspect", args=[consultation.pk]))

        assert soup(response).select_one("[data-register-customer]") is None

    def test_the_form_is_prefilled_from_the_consultation(self, client, sales, handed_consultation):
        consultation = handed_consultation(
            customer_name="林志玲", company="志玲建設", phone="02-8888-0000"
        )
        client.force_login(sales)

        response = client.get(url("add") + f"?consultation={consultation.pk}")

        page = soup(response)
        assert page.select_one('input[name="name"]')["value"] == "志玲建設"
        assert page.select_one('input[name="phone"]')["value"] == "02-8888-0000"
        assert page.select_one('input[name="contacts-0-name"]')["value"] == "林志玲"
        assert f"consultation={consultation.pk}" in page.select_one("form[method=post]")["action"]

    def test_saving_links_the_consultation_and_then_the_button_opens_the_customer(
        self, client, sales, handed_consultation
    ):
        consultation = handed_consultation(company="志玲建設", phone="02-8888-0000")
        client.force_login(sales)

        response = client.post(
            url("add") + f"?consultation={consultation.pk}",
            form_data(
                name="志玲建設",
                tax_number="",
                phone="02-8888-0000",
                email="",
                contacts=[contact(name="林志玲", phone="02-8888-0000")],
            ),
        )

        assert response.status_code == 302
        customer = Customer.objects.get()
        assert customer.source_consultation == consultation
        page = soup(client.get(reverse(f"{CONSULTATIONS}:inspect", args=[consultation.pk])))
        assert page.select_one("[data-register-customer]") is None
        assert page.select_one("[data-customer-link]")["href"] == url("inspect", customer.pk)


class TestWhoMayDoWhat:
    @pytest.mark.parametrize(
        "role",
        [roles.CUSTOMER_SERVICE, roles.AFTER_SALES, roles.FINANCE, roles.LEGAL, roles.MANAGEMENT],
    )
    def test_these_roles_read_customers_but_cannot_add_them(self, client, staff, role):
        customer = CustomerFactory()
        client.force_login(staff[role])

        assert client.get(url("inspect", customer.pk)).status_code == 200
        response = client.post(url("add"), form_data(tax_number="", phone="02-1234-5678"))

        assert response.status_code == 403
        assert Customer.objects.count() == 1
        assert client.get(url("add")).status_code == 403
        assert client.get(url("edit", customer.pk)).status_code == 403
        assert client.post(url("edit", customer.pk), form_data()).status_code == 403
        customer.refresh_from_db()
        assert customer.name != "北辰工程有限公司"
        assert not ModelLogEntry.objects.filter(content_type__app_label="customers").exists()

    @pytest.mark.parametrize("role", [roles.MARKETING, roles.HR])
    def test_these_roles_do_not_see_customers(self, client, staff, role):
        customer = CustomerFactory()
        client.force_login(staff[role])

        response = client.get(url("inspect", customer.pk))

        assert response.status_code == 403
        assert customer.name not in response.content.decode()


class TestExport:
    def test_text_that_would_be_a_formula_is_neutralised(self, client, sales):
        CustomerFactory(name='=HYPERLINK("http://evil.example")', notes="+1 call")
        client.force_login(sales)

        response = client.get(url("list") + "?export=csv")

        body = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "'=HYPERLINK" in body
        assert "'+1 call" in body


class TestPhonesShownInTheLocalFormat:
    """Phones are stored in E.164 (+886227001234); people read them as they dial them."""

    @pytest.fixture
    def customer(self):
        customer = CustomerFactory(name="北辰工程有限公司", phone="+886227001234")
        CustomerContactFactory(customer=customer, name="陳工務", phone="+886988123456")
        return customer

    def test_listing_inspect_and_export(self, client, sales, customer):
        client.force_login(sales)

        listing = client.get(url("list")).content.decode()
        inspect = client.get(url("inspect", customer.pk)).content.decode()
        export = b"".join(client.get(url("list") + "?export=csv").streaming_content)

        assert "02 2700 1234" in listing and "+886227001234" not in listing
        assert "02 2700 1234" in inspect and "0988 123 456" in inspect
        assert "+886227001234" not in inspect and "+886988123456" not in inspect
        assert "02 2700 1234" in export.decode("utf-8-sig")

    def test_the_region_comes_from_the_setting(self, client, sales, customer, settings):
        settings.PHONE_DEFAULT_REGION = "US"
        client.force_login(sales)

        listing = client.get(url("list")).content.decode()

        assert "+886 2 2700 1234" in listing
