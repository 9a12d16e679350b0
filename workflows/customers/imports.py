"""Excel and CSV import of customers (issue item 6).

The natural key is the tax number (統一編號): re-importing a file updates the
customers it names. An individual has no tax number; such a row is matched by
its phone number, compared by digits, against individuals without a tax number
(the oldest one if several share it). A company row without a tax number is
refused: without it, nothing tells a second import of the row from a new company.
Contact people are not imported (add them on the customer).
"""

from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.widgets import CharWidget

from workflows.core.imports import Column, ExcelImport
from workflows.core.imports.history import log_imported
from workflows.core.imports.widgets import ChoiceWidget

from .choices import CustomerKind
from .models import Customer
from .phones import phone_digits

PHONE_KEY = "tel:"


def verbose(name):
    return Customer._meta.get_field(name).verbose_name


class NumberAsTextWidget(CharWidget):
    """A spreadsheet turns "02..." into the number 2...: put the leading zeros back.

    Tax numbers are 8 digits; Taiwanese phone numbers begin with 0.
    """

    def __init__(self, fill, **kwargs):
        self.fill = fill
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int) and not isinstance(value, bool):
            return self.fill(value)
        return super().clean(value, row=row, **kwargs)


class CustomerResource(resources.ModelResource):
    kind = fields.Field(
        attribute="kind",
        column_name="kind",
        widget=ChoiceWidget(
            CustomerKind.choices,
            aliases={
                "公司": CustomerKind.COMPANY,
                "個人": CustomerKind.INDIVIDUAL,
                "个人": CustomerKind.INDIVIDUAL,
            },
        ),
    )
    tax_number = fields.Field(
        attribute="tax_number",
        column_name="tax_number",
        widget=NumberAsTextWidget(lambda number: f"{number:08d}"),
    )
    phone = fields.Field(
        attribute="phone",
        column_name="phone",
        widget=NumberAsTextWidget(lambda number: f"0{number}"),
    )

    class Meta:
        model = Customer
        fields = ("kind", "name", "tax_number", "phone", "email", "address", "notes")
        import_id_fields = ("tax_number",)

    def import_key(self, values):
        """The tax number; for an individual without one, the phone number's digits."""
        tax_number = (values.get("tax_number") or "").strip()
        if tax_number:
            return tax_number
        digits = phone_digits(values.get("phone"))
        if values.get("kind") == CustomerKind.INDIVIDUAL and digits:
            return PHONE_KEY + digits
        raise ValueError(
            gettext(
                "Give the tax number of a company, or the phone number of an individual "
                "without one: they tell this row from a new customer."
            )
        )

    def find_existing(self, keys):
        taxes = [k for k in keys if not k.startswith(PHONE_KEY)]
        phones = [k.removeprefix(PHONE_KEY) for k in keys if k.startswith(PHONE_KEY)]
        found = {c.tax_number: c for c in Customer.objects.filter(tax_number__in=taxes)}
        if phones:
            individuals = Customer.objects.filter(
                tax_number="", kind=CustomerKind.INDIVIDUAL, phone_digits__in=phones
            ).order_by("-pk")  # the oldest wins: it is written last
            for customer in individuals:
                found[PHONE_KEY + customer.phone_digits] = customer
        return found


def column(name, *aliases, required=False, example=""):
    return Column(name, (verbose(name), *aliases), required=required, example=example)


class CustomerImport(ExcelImport):
    name = "customers"
    label = _("customers")
    resource_class = CustomerResource
    permission = "customers.add_customer"
    columns = (
        column("kind", "Kind", "類型", "类型", "客戶類型", "客户类型", example="公司"),
        column(
            "name",
            "Name",
            "名稱",
            "名称",
            "客戶名稱",
            "客户名称",
            required=True,
            example="大安營造股份有限公司",
        ),
        column(
            "tax_number", "Tax number", "統一編號", "统一编号", "統編", "统编", example="24536801"
        ),
        column("phone", "Phone", "電話", "电话", example="(02) 2700-1234"),
        column("email", "Email", "電子郵件", "电子邮件", "Email", example="office@daan.example"),
        column("address", "Address", "地址", example="台北市大安區忠孝東路四段 200 號"),
        column("notes", "Notes", "備註", "备注"),
    )
    ignored_headers = (verbose("created_at"), "Created at", "建立時間", "建立时间")

    def template_headers(self):
        return [capfirst(str(header)) for header in super().template_headers()]

    def after_save(self, created, updated, *, user):
        Customer.objects.filter(pk__in=[c.pk for c in created], created_by=None).update(
            created_by=user
        )
        log_imported(created, updated, user=user)
