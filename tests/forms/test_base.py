"""Every public intake form is built on one base and shows its fields one way.

The base owns the contact block, the honeypot and the submission token, and
asks for a phone number or an email address; the one field template gives
each field its label, help text and errors, and the widget's
`aria-describedby` names help text and errors that are really on the page.
"""

import importlib
import inspect
import pkgutil
import uuid

import pytest
from django import forms as dj_forms
from django.template import Context, Template
from wagtail.models import get_page_models

import forms
from forms.base import IntakeForm
from forms.pages.flow import IntakeFlow
from forms.rating import RatingForm
from forms.survey import SurveyForm
from tests.site.catalogue.factories import CataloguePageFactory
from tests.workflows.fleet.factories import EquipmentModelFactory
from tests.workflows.suggestions.factories import SuggestionFormPageFactory

from .complaint_fixtures import complaint_page_fixture, contact_fixture  # noqa: F401

#: Forms in forms/ that take no new record from a visitor, and why.
NOT_INTAKE = {
    RatingForm: "rates a complaint already filed, behind its private link",
    SurveyForm: "answers a satisfaction survey already sent, behind its private link",
}


def form_classes():
    """Every form class defined in the forms/ package, found by walking its modules."""
    found = set()
    for module_info in pkgutil.walk_packages(forms.__path__, "forms."):
        if ".migrations" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, dj_forms.BaseForm) and cls.__module__ == module.__name__:
                found.add(cls)
    return found - {IntakeForm}


INTAKE_FORMS = sorted(form_classes() - set(NOT_INTAKE), key=lambda cls: cls.__name__)


def build(form_class, *args):
    """An instance of the form, with None for what it needs to know beyond the data."""
    needs = {
        name: None
        for name, parameter in inspect.signature(form_class).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is parameter.empty
    }
    return form_class(*args, **needs)


class TestEveryIntakeForm:
    def test_the_forms_module_holds_intake_forms(self):
        assert len(INTAKE_FORMS) >= 4

    @pytest.mark.parametrize("form_class", INTAKE_FORMS, ids=lambda cls: cls.__name__)
    def test_subclasses_the_intake_form_base(self, form_class):
        assert issubclass(form_class, IntakeForm)

    def test_every_intake_page_uses_an_intake_form(self):
        pages = [model for model in get_page_models() if issubclass(model, IntakeFlow)]

        assert pages
        for page in pages:
            assert page.form_class in INTAKE_FORMS, page

    @pytest.mark.parametrize("form_class", INTAKE_FORMS, ids=lambda cls: cls.__name__)
    def test_opens_with_the_contact_block_and_closes_with_the_protections(self, form_class):
        names = list(build(form_class).fields)

        assert names[:4] == [form_class.name_field, "company", "phone", "email"]
        assert names[-2:] == ["website", "submission_token"]

    @pytest.mark.parametrize("form_class", INTAKE_FORMS, ids=lambda cls: cls.__name__)
    def test_without_phone_or_email_asks_for_one_at_both_fields(self, form_class):
        form = build(form_class, {"submission_token": str(uuid.uuid4())})

        assert not form.is_valid()
        assert form.has_error("phone", "no_contact")
        assert form.has_error("email", "no_contact")

    @pytest.mark.parametrize("form_class", INTAKE_FORMS, ids=lambda cls: cls.__name__)
    def test_each_form_carries_a_fresh_submission_token(self, form_class):
        first, second = build(form_class), build(form_class)

        assert first["submission_token"].value() != second["submission_token"].value()


@pytest.fixture
def suggestion_page(home_page):
    return SuggestionFormPageFactory(parent=home_page)


@pytest.fixture
def catalogue(home_page, website_channel):
    EquipmentModelFactory(code="SL-08")
    return CataloguePageFactory(parent=home_page)


#: Each public form page, and the fixture that publishes it.
PUBLIC_FORMS = [
    ("/en/message/", "form_page"),
    ("/en/complaint/", "complaint_page"),
    ("/en/suggestion/", "suggestion_page"),
    ("/en/catalogue/SL-08/", "catalogue"),
]


def ids_described(element):
    return (element.get("aria-describedby") or "").split()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "page_fixture"), PUBLIC_FORMS, ids=[url for url, _ in PUBLIC_FORMS]
)
class TestEveryPublicFormPage:
    @pytest.fixture(autouse=True)
    def _page(self, request, page_fixture):
        request.getfixturevalue(page_fixture)

    @pytest.fixture(params=["shown", "sent empty"])
    def response(self, request, client, url):
        if request.param == "shown":
            return client.get(url)
        return client.post(url, {"submission_token": str(uuid.uuid4())})

    def test_each_help_text_has_an_id_its_widget_names(self, response, html):
        page = html(response)
        form = response.context["form"]
        helped = [field for field in form if field.help_text]

        for field in helped:
            help_text = page.select_one(f"form.intake-form #{field.auto_id}_helptext")
            widget = page.select_one(f'form.intake-form [name="{field.html_name}"]')
            assert help_text.get_text(strip=True) == str(field.help_text)
            assert help_text.find_parent(class_="field") is widget.find_parent(class_="field")
            assert help_text["id"] in ids_described(widget), field.name

    def test_every_id_a_widget_names_is_on_the_page(self, response, html):
        page = html(response)
        described = page.select("form.intake-form [aria-describedby]")

        if response.status_code == 400:
            assert described  # at least the errors of the required fields
        for element in described:
            for target in ids_described(element):
                assert len(page.select(f"#{target}")) == 1, (element.get("name"), target)

    def test_each_error_list_has_an_id_its_widget_names(self, response, html):
        page = html(response)

        for block in page.select("form.intake-form .field--error"):
            errors = block.select_one(".field__errors")
            widget = block.select_one("input, select, textarea")
            assert errors["id"] in ids_described(widget)
            assert widget["aria-invalid"] == "true"

    def test_the_honeypot_is_hidden_from_people_and_screen_readers(self, response, html):
        trap = html(response).select_one('form.intake-form [name="website"]')

        wrapper = trap.find_parent("div")
        assert wrapper["aria-hidden"] == "true"
        assert "left:-10000px" in wrapper["style"]
        assert (trap["tabindex"], trap["autocomplete"]) == ("-1", "off")
        assert trap.get("aria-describedby") is None


class TestTheFieldTemplate:
    """The rating form uses the same field template; its choices form a group."""

    TEMPLATE = Template(
        '{% for field in form %}{% include "intake/includes/field.html" %}{% endfor %}'
    )

    def test_a_group_of_choices_names_its_errors_on_the_fieldset(self):
        from bs4 import BeautifulSoup

        form = RatingForm({"satisfaction": "9"})
        form.is_valid()

        page = BeautifulSoup(self.TEMPLATE.render(Context({"form": form})), "html.parser")
        fieldset = page.select_one("fieldset.field")
        legend = fieldset.select_one("legend").get_text(" ", strip=True)
        assert legend == f"{form['satisfaction'].label} *"
        [target] = ids_described(fieldset)
        assert page.select_one(f"#{target}").select_one(".field__error")
