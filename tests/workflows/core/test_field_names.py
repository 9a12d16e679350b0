"""Every field a screen shows has a name of its own to translate.

A model field declared without a verbose name is shown as its attribute name in English
("Call logged by", "Invoice") on inspect pages, History and exports, whatever the reader's
language. The fields are found, not listed: every concrete field declared on a project
model. The exceptions below are never shown under their own name: an inline row's link to
the record whose page it is on, import bookkeeping, counters, tokens, and the KPI figures
table (read through the dashboard's own headings).
"""

from workflows.core.roles import project_apps

NOT_SHOWN = {
    "contact.ContactText.contact",
    "contact.ChannelText.channel",
    "learning.SurveyQuestion.page",
    "learning.TrainingNeedsAnswer.form_data",
    "learning.TrainingNeedsAnswer.page",
    "core.PendingImport.user",
    "core.PendingImport.spec",
    "core.PendingImport.filename",
    "core.PendingImport.content",
    "core.PendingImport.created_at",
    "core.PendingImport.status",
    "core.PendingImport.progress",
    "core.PendingImport.report",
    "core.PendingImport.checked",
    "core.PendingImport.checked_hash",
    "core.ImportColumnMapping.spec",
    "core.ImportColumnMapping.shape",
    "core.ImportColumnMapping.mapping",
    "core.ImportColumnMapping.updated_at",
    "core.ReferenceCounter.prefix",
    "core.ReferenceCounter.year",
    "core.ReferenceCounter.last",
    "core.PublicUpdate.content_type",
    "core.PublicUpdate.object_id",
    "consultations.Consultation.submission_token",
    "customers.CustomerContact.customer",
    "fleet.Accessory.equipment_model",
    "fleet.EquipmentCategoryText.category",
    "fleet.EquipmentModelText.equipment_model",
    "leasing.ContractClause.contract",
    "leasing.ContractCopy.contract",
    "leasing.PlanLine.plan",
    "leasing.RequirementLine.requirement",
    "leasing.TemplateClause.template",
    "suggestions.Suggestion.tracking_token",
    "suggestions.Suggestion.submission_token",
    "complaints.Complaint.tracking_token",
    "complaints.Complaint.submission_token",
    "billing.DepositDeduction.deposit",
    "quality.KPIMonth.code",
    "quality.KPIMonth.month",
    "quality.KPIMonth.scope",
    "quality.KPIMonth.department",
    "quality.KPIMonth.employee",
    "quality.KPIMonth.numerator",
    "quality.KPIMonth.denominator",
    "quality.KPIMonth.computed_at",
    "quality.Survey.token",
    "quality.Survey.occasion_key",
    "quality.Survey.content_type",
    "quality.Survey.object_id",
}


def unnamed_fields():
    for config in project_apps():
        for model in config.get_models():
            for field in model._meta.get_fields():
                if field.auto_created or not getattr(field, "concrete", False):
                    continue
                if field.primary_key or field.model is not model:
                    continue
                if field.name in ("translation_key", "locale", "sort_order"):
                    continue  # Wagtail's and Orderable's, named by Wagtail
                # Django's default is the attribute name, a plain string; a name given in the
                # model is a lazy translation.
                name = field.verbose_name
                if isinstance(name, str) and name == field.name.replace("_", " "):
                    yield f"{model._meta.label}.{field.name}"


def test_every_shown_field_has_a_verbose_name():
    missing = sorted(set(unnamed_fields()) - NOT_SHOWN)
    assert not missing, "give these fields a verbose name: " + ", ".join(missing)


def test_the_exceptions_are_still_unnamed():
    named = sorted(NOT_SHOWN - set(unnamed_fields()))
    assert not named, "named now, take them off NOT_SHOWN: " + ", ".join(named)
