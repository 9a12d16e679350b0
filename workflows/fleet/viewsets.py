"""The fleet in the admin: categories, the models of the catalogue, and the units."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from workflows.core.exports import SafeExportIndexView
from workflows.core.imports import ImportableViewSetMixin
from workflows.core.refusal import RefusalMixin
from workflows.core.viewsets import ProcessEditView, ProcessRecordViewSet, StateColumn

from .forms import RetireForm, SendToServiceForm
from .imports import MODEL_CODE, EquipmentModelImport, EquipmentUnitImport
from .models import EquipmentCategory, EquipmentModel, EquipmentUnit
from .panels import PermissionedFormsetsForm, PermissionedInlinePanel

SPECIFICATION = "fleet.edit_specification"
RATES = "fleet.set_rates"
PUBLISH = "fleet.publish_model"
FLEET_MENU_HOOK = "register_fleet_menu_item"


class WagtailCheckRefusal(RefusalMixin):
    """Wagtail's own permission check (its `permission_required`, an action such as
    "add" of its permission policy) stays; the refusal it raises is answered with the
    project's 403 instead of a redirect to the dashboard.

    `RefusalMixin.permission_required` means a dotted permission and would hide
    Wagtail's action name: each view below names its action again.
    """

    def has_refusal_permission(self):
        return True


class FleetCreateView(WagtailCheckRefusal, CreateView):
    permission_required = CreateView.permission_required


class FleetEditView(WagtailCheckRefusal, EditView):
    permission_required = EditView.permission_required


class FleetDeleteView(WagtailCheckRefusal, DeleteView):
    permission_required = DeleteView.permission_required


class UnitEditView(WagtailCheckRefusal, ProcessEditView):
    permission_required = ProcessEditView.permission_required


class RefusingViewSetMixin:
    add_view_class = FleetCreateView
    edit_view_class = FleetEditView
    delete_view_class = FleetDeleteView


class EquipmentCategoryViewSet(RefusingViewSetMixin, SnippetViewSet):
    model = EquipmentCategory
    icon = "folder-open-1"
    menu_label = _("Categories")
    index_view_class = SafeExportIndexView
    list_display = ["name", "slug"]
    list_export = ["name", "slug"]
    export_filename = "equipment_categories"
    search_fields = ["name"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        InlinePanel(
            "texts",
            heading=_("In other languages"),
            label=_("Language"),
            help_text=_(
                "The name on the Simplified Chinese and English pages; left empty, the name "
                "above is shown (in Simplified Chinese, converted)."
            ),
        ),
    ]


class EquipmentModelInspectView(InspectView):
    template_name = "fleet/equipment_model_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            EquipmentModel.objects.select_related("category", "manual", "photo"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accessories"] = list(self.object.accessories.all())
        return context


class EquipmentModelViewSet(RefusingViewSetMixin, ImportableViewSetMixin, SnippetViewSet):
    """Each department edits its part: see `panels.py` and the README."""

    model = EquipmentModel
    # By substring in the database, as every listing (word-based full-text search found
    # nothing for part of a Chinese name).
    search_backend_name = None
    search_fields = ["name", "maker", "code", "specification"]
    import_spec = EquipmentModelImport
    icon = "cogs"
    menu_label = _("Models")
    index_view_class = SafeExportIndexView
    inspect_view_class = EquipmentModelInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "code", "category", "rate_day", "rate_month", "published"]
    list_filter = ["category", "published"]
    list_export = [
        "code",
        "category",
        "maker",
        "name",
        "specification",
        "configuration_options",
        "rate_day",
        "rate_week",
        "rate_month",
        "deposit",
        "maintenance_cycle_days",
        "published",
    ]
    export_filename = "equipment_models"
    inspect_view_fields = [
        "code",
        "category",
        "maker",
        "name",
        "specification",
        "configuration_options",
        "rate_day",
        "rate_week",
        "rate_month",
        "deposit",
        "maintenance_cycle_days",
        "manual",
        "photo",
        "published",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("category", permission=SPECIFICATION),
                            FieldPanel("code", permission=SPECIFICATION),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("maker", permission=SPECIFICATION),
                            FieldPanel("name", permission=SPECIFICATION),
                        ]
                    ),
                    FieldPanel("specification", permission=SPECIFICATION),
                    FieldPanel("configuration_options", permission=SPECIFICATION),
                    FieldPanel("maintenance_cycle_days", permission=SPECIFICATION),
                    FieldPanel("manual", permission=SPECIFICATION),
                ],
                heading=_("Specification"),
                permission=SPECIFICATION,
            ),
            PermissionedInlinePanel(
                "accessories",
                heading=_("Accessories every unit must have"),
                label=_("Accessory"),
                panels=[FieldRowPanel([FieldPanel("name"), FieldPanel("quantity")])],
                permission=SPECIFICATION,
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("rate_day", permission=RATES),
                            FieldPanel("rate_week", permission=RATES),
                            FieldPanel("rate_month", permission=RATES),
                        ]
                    ),
                    FieldPanel("deposit", permission=RATES),
                ],
                heading=_("Rates"),
                permission=RATES,
            ),
            MultiFieldPanel(
                [
                    FieldPanel("photo", permission=PUBLISH),
                    FieldPanel("published", permission=PUBLISH),
                ],
                heading=_("Public catalogue"),
                permission=PUBLISH,
            ),
            PermissionedInlinePanel(
                "texts",
                heading=_("In other languages"),
                label=_("Language"),
                help_text=_(
                    "Model, specification and options on the Simplified Chinese and English "
                    "pages; what is left empty is shown as above (in Simplified Chinese, "
                    "converted)."
                ),
                permission=PUBLISH,
            ),
        ],
        base_form_class=PermissionedFormsetsForm,
    )

    def get_queryset(self, request):
        return EquipmentModel.objects.select_related("category")


class EquipmentUnitViewSet(RefusingViewSetMixin, ImportableViewSetMixin, ProcessRecordViewSet):
    model = EquipmentUnit
    search_fields = ["asset_number", "serial_number", "location", "equipment_model__name"]
    edit_view_class = UnitEditView
    import_spec = EquipmentUnitImport
    icon = "tag"
    menu_label = _("Units")
    list_display = [
        "asset_number",
        "equipment_model",
        StateColumn("state", label=_("State"), sort_key="state"),
        "location",
        "condition",
        "expected_back_on",
    ]
    list_filter = ["state", "equipment_model", "condition"]
    # The importable columns first, so that an exported file imports again.
    list_export = [
        "asset_number",
        "serial_number",
        "equipment_model.code",
        "purchase_date",
        "location",
        "condition",
        "state",
        "expected_back_on",
        "retired_reason",
    ]
    export_headings = {"equipment_model.code": MODEL_CODE}
    export_filename = "equipment_units"
    ordering = ["asset_number"]
    inspect_view_fields = [
        "asset_number",
        "serial_number",
        "equipment_model",
        "state",
        "due_at",
        "purchase_date",
        "location",
        "condition",
        "expected_back_on",
        "retired_reason",
        "retired_at",
    ]
    panels = [
        FieldRowPanel([FieldPanel("asset_number"), FieldPanel("serial_number")]),
        FieldPanel("equipment_model"),
        FieldRowPanel([FieldPanel("purchase_date"), FieldPanel("condition")]),
        FieldPanel("location"),
    ]
    transition_forms = {"send_to_service": SendToServiceForm, "retire": RetireForm}

    def get_queryset(self, request):
        return EquipmentUnit.objects.select_related("equipment_model")


class FleetViewSetGroup(SnippetViewSetGroup):
    """One "Fleet" menu: units first (After-sales' daily work), availability, models, categories."""

    items = (EquipmentUnitViewSet, EquipmentModelViewSet, EquipmentCategoryViewSet)
    menu_label = _("Fleet")
    menu_icon = "cogs"
    menu_order = 120
    submenu_hook = FLEET_MENU_HOOK
