"""Excel and CSV imports of the catalogue and the fleet (issue item 6).

- Equipment models, keyed by their model code: a re-imported file updates the
  models it names. The category is given by its name. Accessories and the
  photo are not imported (edit them on the model); neither is "published",
  which Marketing decides.
- Units, keyed by their asset number; the model is given by its code or name. New
  units start in the state of the "State" column (available, in service with
  the date expected back, or retired with the reason), moved there by the unit's
  commands so that History shows it; an import never changes the state of an
  existing unit (a different state is a row problem), only its details.

Headers are accepted in English, Traditional and Simplified Chinese, and as
the listing's export writes them, so that an exported file imports again.
"""

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from workflows.core.imports import Column, ExcelImport
from workflows.core.imports.values import parse_date
from workflows.core.imports.widgets import ChoiceWidget

from .choices import UnitCondition, UnitState
from .models import MANAGE_UNITS, EquipmentCategory, EquipmentModel, EquipmentUnit

MODEL_CODE = _("Model code")
CONDITION_WORDS = {
    "全新": UnitCondition.NEW,
    "良好": UnitCondition.GOOD,
    "普通": UnitCondition.FAIR,
    "尚可": UnitCondition.FAIR,
    "待修": UnitCondition.NEEDS_REPAIR,
    "需維修": UnitCondition.NEEDS_REPAIR,
    "需维修": UnitCondition.NEEDS_REPAIR,
}


def verbose(model, name):
    return model._meta.get_field(name).verbose_name


class TranslatedHeadersImport(ExcelImport):
    def template_headers(self):
        return [capfirst(str(header)) for header in super().template_headers()]


class EquipmentModelResource(resources.ModelResource):
    category = fields.Field(
        attribute="category",
        column_name="category",
        widget=ForeignKeyWidget(EquipmentCategory, "name"),
    )

    class Meta:
        model = EquipmentModel
        fields = (
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
        )
        import_id_fields = ("code",)


def model_column(name, *aliases, required=False, example=""):
    return Column(
        name, (verbose(EquipmentModel, name), *aliases), required=required, example=example
    )


class EquipmentModelImport(TranslatedHeadersImport):
    """The catalogue: After-sales loads new models with their technical data and price list."""

    name = "equipment-models"
    label = _("equipment models")
    resource_class = EquipmentModelResource
    permission = "fleet.add_equipmentmodel"
    columns = (
        Column(
            "code",
            (MODEL_CODE, "型號代碼", "型号代码", "代碼", "代码"),
            required=True,
            example="EXAMPLE-PC200",
        ),
        model_column(
            "category", "Category", "類別", "类别", required=True, example="土木與搬運機械"
        ),
        model_column("maker", "Maker", "廠牌", "厂牌", required=True, example="Komatsu"),
        model_column("name", "Model", "型號", "型号", required=True, example="PC200-8 20 噸挖土機"),
        model_column("specification", "Specification", "規格", "规格", example="操作重量 20 噸"),
        model_column("configuration_options", "Configuration options", "配置選項", "配置选项"),
        model_column("rate_day", "Rate per day", "日租金", "日租", example="6500"),
        model_column(
            "rate_week", "Rate per week", "週租金", "周租金", "週租", "周租", example="36000"
        ),
        model_column("rate_month", "Rate per month", "月租金", "月租", example="90000"),
        model_column("deposit", "Deposit", "押金", "保證金", "保证金", example="100000"),
        model_column(
            "maintenance_cycle_days",
            "Maintenance cycle (days)",
            "保養週期（天）",
            "保养周期（天）",
            "保養週期",
            "保养周期",
            example="30",
        ),
    )
    ignored_headers = (
        verbose(EquipmentModel, "published"),
        "Shown in the public catalogue",
        "上架",
        "公開",
        "公开",
    )


class ModelByCodeOrName(ForeignKeyWidget):
    """A model given by its code or its name (case aside), with a "did you mean" otherwise."""

    lookup_fields = ("code", "name")


STATE_WIDGET = ChoiceWidget(
    UnitState.choices,
    aliases={
        "可租": UnitState.AVAILABLE,
        "可用": UnitState.AVAILABLE,
        "在庫": UnitState.AVAILABLE,
        "閒置": UnitState.AVAILABLE,
        "維修中": UnitState.IN_SERVICE,
        "维修中": UnitState.IN_SERVICE,
        "保養中": UnitState.IN_SERVICE,
        "送修": UnitState.IN_SERVICE,
        "維修": UnitState.IN_SERVICE,
        "報廢": UnitState.RETIRED,
        "已報廢": UnitState.RETIRED,
        "报废": UnitState.RETIRED,
        "出租中": UnitState.ON_LEASE,
        "已預約": UnitState.RESERVED,
    },
)


class EquipmentUnitResource(resources.ModelResource):
    equipment_model = fields.Field(
        attribute="equipment_model",
        column_name="equipment_model",
        widget=ModelByCodeOrName(EquipmentModel, "code"),
    )
    condition = fields.Field(
        attribute="condition",
        column_name="condition",
        widget=ChoiceWidget(UnitCondition.choices, aliases=CONDITION_WORDS),
    )

    class Meta:
        model = EquipmentUnit
        fields = (
            "asset_number",
            "serial_number",
            "equipment_model",
            "purchase_date",
            "location",
            "condition",
        )
        import_id_fields = ("asset_number",)


def unit_column(name, *aliases, required=False, example=""):
    return Column(
        name, (verbose(EquipmentUnit, name), *aliases), required=required, example=example
    )


class EquipmentUnitImport(TranslatedHeadersImport):
    """The fleet: After-sales registers units by asset number and keeps their details right."""

    name = "equipment-units"
    label = _("equipment units")
    resource_class = EquipmentUnitResource
    permission = "fleet.add_equipmentunit"
    columns = (
        unit_column(
            "asset_number",
            "Asset number",
            "資產編號",
            "资产编号",
            required=True,
            example="EXAMPLE-001",
        ),
        unit_column(
            "serial_number", "Serial number", "序號", "序号", "機身號碼", example="KMTPC200-71234"
        ),
        Column(
            "equipment_model",
            (MODEL_CODE, "型號代碼", "型号代码", "Model", "型號", "型号"),
            required=True,
            example="EX-PC200",
        ),
        unit_column(
            "purchase_date",
            "Purchase date",
            "購入日期",
            "购入日期",
            "購買日期",
            example="2025-03-15",
        ),
        unit_column("location", "Location", "存放地點", "存放地点", "位置", example="桃園倉庫"),
        unit_column("condition", "Condition", "車況", "车况", "狀況", "状况", example="良好"),
    )
    extra_columns = (
        unit_column(
            "state", "State", "Status", "狀態", "状态", "目前狀態", "使用狀態", example="可租"
        ),
        unit_column(
            "expected_back_on", "Expected back on", "預計歸還日", "預計完修日", "预计完修日"
        ),
        unit_column("retired_reason", "Reason for retiring", "報廢原因", "报废原因"),
    )

    def check_extras(self, number, instance, is_new, extras, *, user):
        """A new unit starts in the state given, through its commands; an existing one keeps it.

        Available needs nothing; in service needs the date it is expected back
        (today or later); retired needs the reason. Reserved and on lease come
        from a contract, never from a file.
        """
        state = STATE_WIDGET.clean(extras.get("state"))
        extras["state"] = state
        if state is None:
            return []
        label = dict(UnitState.choices)[state]
        if not is_new:
            if state != instance.state:
                return [
                    (
                        "state",
                        gettext(
                            "This unit is “%(now)s”; an import does not move units: change "
                            "the state on the unit, or write “%(now)s” here."
                        )
                        % {"now": instance.get_state_display()},
                    )
                ]
            return []
        if state == UnitState.AVAILABLE:
            return []
        if state in (UnitState.RESERVED, UnitState.ON_LEASE):
            return [
                (
                    "state",
                    gettext(
                        "A unit is “%(state)s” only through a contract: import it as "
                        "available, then reserve it or send it out from the contract."
                    )
                    % {"state": label},
                )
            ]
        problems = []
        if user is None or not user.has_perm(MANAGE_UNITS):
            problems.append(
                ("state", gettext("You may not set the state of units; leave it available."))
            )
        if state == UnitState.IN_SERVICE:
            try:
                back = parse_date(extras.get("expected_back_on"))
            except ValueError as exc:
                return [
                    *problems,
                    ("expected_back_on" if "expected_back_on" in extras else "state", str(exc)),
                ]
            extras["expected_back_on"] = back
            if back is None or back < timezone.localdate():
                problems.append(
                    (
                        "expected_back_on" if "expected_back_on" in extras else "state",
                        gettext(
                            "A unit in service needs the date it is expected back, today or "
                            "later, in the column “%(column)s”."
                        )
                        % {"column": capfirst(str(verbose(EquipmentUnit, "expected_back_on")))},
                    )
                )
        if state == UnitState.RETIRED and not (extras.get("retired_reason") or "").strip():
            problems.append(
                (
                    "retired_reason" if "retired_reason" in extras else "state",
                    gettext("A retired unit needs the reason in the column “%(column)s”.")
                    % {"column": capfirst(str(verbose(EquipmentUnit, "retired_reason")))},
                )
            )
        return problems

    def apply_extras(self, rows, *, user):
        """New units not available are moved by their commands: History says who and why."""
        from .services import retire_unit, send_unit_to_service

        for unit, is_new, extras in rows:
            state = extras.get("state")
            if not is_new or state in (None, UnitState.AVAILABLE):
                continue
            note = gettext("Imported in this state.")
            if state == UnitState.IN_SERVICE:
                send_unit_to_service(
                    unit, user=user, expected_back_on=extras["expected_back_on"], note=note
                )
            elif state == UnitState.RETIRED:
                retire_unit(unit, user=user, reason=extras["retired_reason"], note=note)
