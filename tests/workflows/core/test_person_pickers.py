"""Every form that chooses a person offers only the active people of the roles that may do
the job, shown by name, and proposes the acting person where the job is their own.

The forms are found, not listed: every form class defined in the project's modules, every
transition form of every process viewset, and the add and edit forms of every snippet
viewset of the project. `EXPECTED` says, for each person field found, the roles chosen
and whether the current user is proposed; a new person field fails here until it is
declared, and a field still offering every account fails whatever it is declared as.
"""

import inspect
from types import SimpleNamespace

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import get_resolver
from wagtail.snippets.models import get_snippet_models

from tests.factories import UserFactory
from workflows.complaints.choices import DEPARTMENT_GROUPS
from workflows.core import roles
from workflows.core.forms import (
    PersonChoiceField,
    PersonMultipleChoiceField,
    TransitionForm,
    person_label,
)
from workflows.core.registry import viewsets

User = get_user_model()

COMPLAINT_DEPARTMENTS = frozenset(DEPARTMENT_GROUPS.values())
STAFF = frozenset(roles.DEPARTMENT_LABELS)
EVERY_ROLE = frozenset(roles.ROLES)

#: "form.field": (roles offered, the current user proposed).
EXPECTED = {
    # Transition and command forms.
    "complaints.AssignForm.investigator": (COMPLAINT_DEPARTMENTS, False),
    "complaints.AssignForm.staff_member": (COMPLAINT_DEPARTMENTS, False),
    "complaints.ReopenForm.investigator": (COMPLAINT_DEPARTMENTS, False),
    "complaints.ReopenForm.staff_member": (COMPLAINT_DEPARTMENTS, False),
    "complaints.AssignmentFields.investigator": (COMPLAINT_DEPARTMENTS, False),
    "complaints.AssignmentFields.staff_member": (COMPLAINT_DEPARTMENTS, False),
    "complaints.AgreePlanForm.plan_owner": (COMPLAINT_DEPARTMENTS, False),
    "consultations.HandToSalesForm.salesperson": ({roles.SALES}, False),
    "followups.OpenConsultationForm.salesperson": ({roles.SALES}, False),
    "servicing.RecordVisitForm.technician": ({roles.AFTER_SALES}, True),
    "people.AssignMentorForm.mentor": (STAFF, False),
    "suggestions.AdoptForm.owner": (EVERY_ROLE, False),
    # Snippet add and edit forms.
    "consultations.Consultation.handler": ({roles.CUSTOMER_SERVICE}, True),
    "leasing.Requirement.taken_by": ({roles.SALES}, True),
    "servicing.MaintenanceVisit.technician": ({roles.AFTER_SALES}, True),
    "quality.Inspection.inspector": ({roles.SUPERVISION}, True),
    "billing.Reminder.call_logged_by": ({roles.FINANCE}, True),
    "followups.FollowUp.assigned_to": ({roles.CUSTOMER_SERVICE}, False),
    "complaints.RentCredit.agreed_by": (COMPLAINT_DEPARTMENTS, False),
    "complaints.ServiceTask.agreed_by": (COMPLAINT_DEPARTMENTS, False),
    "quality.RectificationOrder.owner": (STAFF, False),
    "quality.Finding.employee": (STAFF, False),
    "quality.Survey.employee": (STAFF, False),
    "quality.Assessment.employee": (STAFF, False),
    "people.StaffProfile.user": (STAFF, False),
    "people.StaffProfile.mentor": (STAFF, False),
    "people.QuizAttempt.employee": (STAFF, False),
    "people.DevelopmentPlan.employee": (STAFF, False),
    "people.DevelopmentPlan.mentor": (STAFF, False),
    "people.CareerMove.employee": (STAFF, False),
    "people.MentorPair.mentor": (STAFF, False),
    "people.MentorPair.mentee": (STAFF, False),
}

#: Fields that legitimately offer the members of more than two departments (still only
#: active staff, never a customer's or a dormant account), with the reason.
ANY_STAFF_MEMBER = {
    "complaints.AssignForm.staff_member": "a complaint may be about anyone in the departments",
    "complaints.ReopenForm.staff_member": "a complaint may be about anyone in the departments",
    "complaints.AssignmentFields.staff_member": "as above (the shared assignment fields)",
    "complaints.AssignForm.investigator": "the investigator is from the chosen department, "
    "checked against it on saving",
    "complaints.ReopenForm.investigator": "as above",
    "complaints.AssignmentFields.investigator": "as above",
    "complaints.AgreePlanForm.plan_owner": "the measures may fall to any department",
    "complaints.RentCredit.agreed_by": "the investigator of any department agrees the plan",
    "complaints.ServiceTask.agreed_by": "the investigator of any department agrees the plan",
    "suggestions.AdoptForm.owner": "an adopted suggestion may be carried out by anyone",
    "people.AssignMentorForm.mentor": "a mentor may come from any department",
    "quality.RectificationOrder.owner": "the owner belongs to the inspected department",
    "quality.Finding.employee": "a finding may be about anyone inspected",
    "quality.Survey.employee": "whoever served the customer, in any department",
    "quality.Assessment.employee": "every member of staff is assessed",
    "people.StaffProfile.user": "every member of staff has a profile",
    "people.StaffProfile.mentor": "a mentor may come from any department",
    "people.QuizAttempt.employee": "every member of staff takes the courses",
    "people.DevelopmentPlan.employee": "every member of staff may have a plan",
    "people.DevelopmentPlan.mentor": "a mentor may come from any department",
    "people.CareerMove.employee": "every member of staff may be promoted or rotated",
    "people.MentorPair.mentor": "a mentor may come from any department",
    "people.MentorPair.mentee": "every member of staff may be mentored",
}

#: Model choice fields of project forms whose queryset is set when the form is built,
#: and what they choose: none of them a person.
NOT_PEOPLE = {
    "complaints.AssignForm.contract": "a lease contract",
    "complaints.AssignForm.customer": "a customer",
    "followups.OpenConsultationForm.channel": "a consultation channel",
    "servicing.OpenRepairForm.unit": "an equipment unit",
    "servicing.ReplacementForm.replacement": "an equipment unit",
}

PERSON_FIELDS = (PersonChoiceField, PersonMultipleChoiceField)


def _load_every_viewset():
    """The URL configuration registers every viewset, and so imports every form."""
    return get_resolver().url_patterns


def _project_module(cls):
    try:
        path = inspect.getfile(cls)
    except TypeError:
        return False
    return path.startswith(str(settings.BASE_DIR)) and "site-packages" not in path


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _app(cls):
    return cls.__module__.split(".")[1] if cls.__module__.startswith("workflows.") else ""


def project_form_classes():
    """Every form class defined in a module of the project (the apps' `forms` modules are
    imported with their viewsets, the URL configuration imports every viewset)."""
    _load_every_viewset()
    found = {}
    for cls in _subclasses(forms.BaseForm):
        if _project_module(cls) and cls.__module__.endswith(".forms"):
            found[f"{_app(cls)}.{cls.__name__}"] = cls
    return found


def transition_form_classes():
    _load_every_viewset()
    return {
        f"{_app(form)}.{form.__name__}": form
        for viewset in viewsets().values()
        for form in (viewset.transition_forms or {}).values()
    }


def snippet_form_classes():
    """{"app.Model": [form classes]}: each project snippet viewset's add and edit forms."""
    _load_every_viewset()
    found = {}
    for model in get_snippet_models():
        viewset = getattr(model, "snippet_viewset", None)
        if viewset is None or not _project_module(model):
            continue
        classes = [viewset.get_form_class(), viewset.get_form_class(for_update=True)]
        classes.append(viewset.get_add_view_kwargs().get("form_class"))
        classes.append(viewset.get_edit_view_kwargs().get("form_class"))
        found[f"{model._meta.app_label}.{model.__name__}"] = [c for c in classes if c]
    return found


def _is_user_field(field):
    return isinstance(field, forms.ModelChoiceField) and (
        isinstance(field, PERSON_FIELDS)
        or (field.queryset is not None and field.queryset.model is User)
    )


def snippet_person_fields(user):
    """{"app.Model.field": field} of each snippet add/edit form built for `user`."""
    found = {}
    for label, classes in snippet_form_classes().items():
        for form_class in classes:
            form = form_class(instance=form_class._meta.model(), for_user=user)
            for name, field in form.fields.items():
                if _is_user_field(field):
                    found.setdefault(f"{label}.{name}", []).append((form, field))
    return found


def declared_person_fields():
    """{"app.Form.field": field} of every project form class, as declared."""
    found = {}
    for label, cls in {**project_form_classes(), **transition_form_classes()}.items():
        for name, field in cls.base_fields.items():
            if _is_user_field(field):
                found[f"{label}.{name}"] = field
    return found


@pytest.fixture
def people(db):
    return SimpleNamespace(
        outsider=UserFactory(username="outsider", first_name="No", last_name="Role"),
        gone={
            role: UserFactory(username=f"gone-{i}", roles=[role], is_active=False)
            for i, role in enumerate(roles.ROLES)
        },
        member={
            role: UserFactory(
                username=f"member-{i}", first_name="Member", last_name=str(i), roles=[role]
            )
            for i, role in enumerate(roles.ROLES)
        },
    )


def test_the_enumeration_finds_the_known_pickers():
    declared = declared_person_fields()
    assert "servicing.RecordVisitForm.technician" in declared
    assert "consultations.HandToSalesForm.salesperson" in declared
    assert len(transition_form_classes()) > 20
    assert "consultations.Consultation" in snippet_form_classes()


def test_every_model_choice_of_a_project_form_is_a_person_picker_or_declared_not_a_person():
    unknown = []
    for label, cls in {**project_form_classes(), **transition_form_classes()}.items():
        for name, field in cls.base_fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            key = f"{label}.{name}"
            if isinstance(field, PERSON_FIELDS):
                continue
            if field.queryset is None and key not in NOT_PEOPLE:
                unknown.append(key)
            elif field.queryset is not None and field.queryset.model is User:
                unknown.append(f"{key} (every account)")
    assert unknown == []


def test_every_person_field_found_is_declared_with_its_roles(people):
    found = {key: [field] for key, field in declared_person_fields().items()}
    for key, pairs in snippet_person_fields(people.member[roles.SALES]).items():
        found.setdefault(key, []).extend(field for _form, field in pairs)

    assert sorted(found) == sorted(EXPECTED)
    for key, fields in found.items():
        roles_offered, current = EXPECTED[key]
        for field in fields:
            assert isinstance(field, PERSON_FIELDS), f"{key} offers every account"
            assert field.roles is not None, f"{key} offers every account"
            assert set(field.roles) == set(roles_offered), key
            assert field.default_to_current is current, key
        if len(roles_offered) > 2:
            assert key in ANY_STAFF_MEMBER, f"{key} offers most of the staff without a reason"
    assert set(ANY_STAFF_MEMBER) <= set(EXPECTED)


def test_no_picker_offers_a_dormant_account_or_an_account_without_a_role(people):
    fields = {key: [field] for key, field in declared_person_fields().items()}
    for key, pairs in snippet_person_fields(people.member[roles.SALES]).items():
        fields.setdefault(key, []).extend(field for _form, field in pairs)

    for key, found in fields.items():
        roles_offered, _current = EXPECTED[key]
        for field in found:
            offered = set(field.queryset)
            assert people.outsider not in offered, key
            assert not offered & set(people.gone.values()), key
            for role in roles.ROLES:
                assert (people.member[role] in offered) is (role in roles_offered), (key, role)


def test_pickers_show_people_by_full_name_else_username(people):
    field = declared_person_fields()["consultations.HandToSalesForm.salesperson"]
    nameless = UserFactory(username="nameless", first_name="", roles=[roles.SALES])

    assert field.label_from_instance(people.member[roles.SALES]) == "Member 2"
    assert field.label_from_instance(nameless) == "nameless"
    assert person_label(nameless) == "nameless"


def test_a_new_record_proposes_the_acting_person_where_the_job_is_theirs(people):
    built = {}
    snippets = snippet_form_classes()
    for key, (roles_offered, current) in EXPECTED.items():
        model_label, _dot, name = key.rpartition(".")
        if model_label not in snippets:
            continue
        insider = people.member[sorted(roles_offered)[0]]
        for user in (insider, people.outsider):
            if user.pk not in built:
                built[user.pk] = snippet_person_fields(user)
        for form, _field in built[insider.pk][key]:
            assert (form.initial.get(name) == insider.pk) is current, key
        # Someone outside the roles is never proposed (an administrator, another department).
        for form, _field in built[people.outsider.pk][key]:
            assert form.initial.get(name) is None, key


def test_a_transition_form_proposes_the_acting_person_where_the_job_is_theirs(people):
    forms_by_label = transition_form_classes()
    for key, (roles_offered, current) in EXPECTED.items():
        form_label, _dot, name = key.rpartition(".")
        if not current or form_label not in forms_by_label:
            continue
        form_class = forms_by_label[form_label]
        insider = people.member[sorted(roles_offered)[0]]
        form = form_class(record=SimpleNamespace(), user=insider, initial={"from_state": "x"})
        assert form[name].initial == insider.pk, key
        form = form_class(record=SimpleNamespace(), user=people.outsider)
        assert form[name].initial is None, key


def test_a_transition_form_without_an_own_job_proposes_no_one(people):
    class Pick(TransitionForm):
        salesperson = PersonChoiceField(label="Salesperson", roles=[roles.SALES])

    form = Pick(record=None, user=people.member[roles.SALES])

    assert form["salesperson"].initial is None
