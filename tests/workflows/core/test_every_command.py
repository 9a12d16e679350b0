"""Every business command refuses a user without its permission, and nothing changes.

The commands are enumerated from the registry, not listed here: a command added
tomorrow is tested tomorrow. Each needs a factory for the model it acts on.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core import commands
from workflows.core.models import OutboundMessage
from workflows.core.roles import project_apps

#: model label -> factory (dotted path): the record each command is tried on.
FACTORIES = {
    "billing.deposit": "tests.workflows.billing.factories.DepositFactory",
    "billing.finalsettlement": "tests.workflows.billing.factories.FinalSettlementFactory",
    "billing.invoice": "tests.workflows.billing.factories.InvoiceFactory",
    "billing.payment": "tests.workflows.billing.factories.PaymentFactory",
    "billing.reminder": "tests.workflows.billing.factories.ReminderFactory",
    "consultations.consultation": "tests.factories.ConsultationFactory",
    "customers.customer": "tests.workflows.customers.factories.CustomerFactory",
    "customers.customercontact": "tests.workflows.customers.factories.CustomerContactFactory",
    "complaints.complaint": "tests.workflows.complaints.factories.ComplaintFactory",
    "complaints.rentcredit": "tests.workflows.complaints.factories.RentCreditFactory",
    "complaints.servicetask": "tests.workflows.complaints.factories.ServiceTaskFactory",
    "followups.followup": "tests.workflows.followups.factories.FollowUpFactory",
    "fleet.equipmentunit": "tests.workflows.fleet.factories.EquipmentUnitFactory",
    "handovers.delivery": "tests.workflows.handovers.factories.DeliveryFactory",
    "handovers.leasereturn": "tests.workflows.handovers.factories.LeaseReturnFactory",
    "handovers.refurbishment": "tests.workflows.handovers.factories.RefurbishmentFactory",
    "leasing.contract": "tests.workflows.leasing.factories.ContractFactory",
    "leasing.contracttemplate": "tests.workflows.leasing.factories.ContractTemplateFactory",
    "leasing.leaseplan": "tests.workflows.leasing.factories.LeasePlanFactory",
    "leasing.planline": "tests.workflows.leasing.factories.PlanLineFactory",
    "leasing.requirement": "tests.workflows.leasing.factories.RequirementFactory",
    "servicing.maintenancevisit": "tests.workflows.servicing.factories.MaintenanceVisitFactory",
    "servicing.repair": "tests.workflows.servicing.factories.RepairFactory",
    "suggestions.suggestion": "tests.workflows.suggestions.factories.SuggestionFactory",
    "quality.survey": "tests.workflows.quality.factories.SurveyFactory",
    "quality.inspection": "tests.workflows.quality.factories.InspectionFactory",
    "quality.rectificationorder": "tests.workflows.quality.factories.RectificationOrderFactory",
    "quality.problemreport": "tests.workflows.quality.factories.ProblemReportFactory",
    "quality.assessment": "tests.workflows.quality.factories.AssessmentFactory",
    "people.trainingsession": "tests.workflows.people.factories.TrainingSessionFactory",
    "people.quizattempt": "tests.workflows.people.factories.QuizAttemptFactory",
    "people.developmentplan": "tests.workflows.people.factories.DevelopmentPlanFactory",
    "people.careermove": "tests.workflows.people.factories.CareerMoveFactory",
    "people.mentorpair": "tests.workflows.people.factories.MentorPairFactory",
}


def factory_for(model):
    path = FACTORIES.get(model._meta.label_lower)
    assert path, f"add a factory for {model._meta.label_lower} to FACTORIES"
    module, name = path.rsplit(".", 1)
    return getattr(import_module(module), name)


def counts():
    """Rows of every project model, History entries and messages."""
    models = [m for config in project_apps() for m in config.get_models()]
    return {
        m._meta.label: m._default_manager.count() for m in [*models, ModelLogEntry, OutboundMessage]
    }


ALL_COMMANDS = sorted(commands.registry().items())


def test_the_project_declares_its_commands():
    assert len(ALL_COMMANDS) >= 10


@pytest.mark.django_db
@pytest.mark.parametrize(
    "command", [c for _name, c in ALL_COMMANDS], ids=[n for n, _c in ALL_COMMANDS]
)
def test_a_user_without_the_permission_is_refused_and_nothing_changes(command):
    nobody = UserFactory(username="nobody", is_staff=True)
    record = None
    if command.takes_record:
        factory = factory_for(command.model)
        record = factory.build() if command.creates else factory.create()
    before = counts()
    snapshot = model_to_dict(record) if record is not None and record.pk else None

    assert not command.user_may(nobody, record)
    with pytest.raises(PermissionDenied):
        command(record, user=nobody).run()

    assert counts() == before
    if snapshot is not None:
        record.refresh_from_db()
        assert model_to_dict(record) == snapshot


@pytest.mark.parametrize(
    "command", [c for _name, c in ALL_COMMANDS], ids=[n for n, _c in ALL_COMMANDS]
)
def test_every_command_says_who_may_run_it(command):
    """A staff command names a permission or is a transition's; a public one is a visitor's
    form or a periodic job and refuses staff (above) unless it names a permission too."""
    assert command.permission is not None or command.transition is not None or command.public
    assert apps.get_model(command.model._meta.label) is command.model
