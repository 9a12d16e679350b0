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
from workflows.core.imports.values import ChecksumError, parse_phone, parse_tax_number
from workflows.core.imports.widgets import ChoiceWidget

from .choices import CustomerKind
from .models import Customer
from .phones import phone_digits

PHONE_KEY = "tel:"


def verbose(name):
    return Customer._meta.get_field(name).verbose_name


class ParsedWidget(CharWidget):
    """A cell read by one of core.imports.values' parsers (leading zeros, NFKC, checksums)."""

    def __init__(self, parse, **kwargs):
        self.parse = parse
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        return self.parse(value)


def tax_number_as_stored(value):
    """A checked tax number; one already on file is taken as it is, check digit or not."""
    try:
        return parse_tax_number(value)
    except ChecksumError as exc:
        if Customer.objects.filter(tax_number=exc.value).exists():
            return exc.value
        raise


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
        widget=ParsedWidget(tax_number_as_stored),
    )
    phone = fields.Field(
        attribute="phone",
        column_name="phone",
        widget=ParsedWidget(parse_phone),
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

    def same_value(self, attribute, old, new):
        """A phone typed otherwise ("(02) 2700-1234" stored, "+886227001234" read) is unchanged."""
        return attribute == "phone" and bool(old) and phone_digits(old) == phone_digits(new)

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
            "公司名稱",
            "公司名称",
            "客戶",
            "客户",
            "抬頭",
            "抬头",
            "Company",
            "Customer",
            required=True,
            example="大安營造股份有限公司",
        ),
        column(
            "tax_number",
            "Tax number",
            "統一編號",
            "统一编号",
            "統編",
            "统编",
            "Tax ID",
            "UBN",
            example="00000000",
        ),
        column(
            "phone",
            "Phone",
            "電話",
            "电话",
            "手機",
            "手机",
            "聯絡電話",
            "联络电话",
            "行動電話",
            "电话号码",
            "電話號碼",
            "Tel",
            "Mobile",
            example="(02) 2700-1234",
        ),
        column(
            "email",
            "Email",
            "電子郵件",
            "电子邮件",
            "E-mail",
            "信箱",
            "電子信箱",
            "电子信箱",
            "郵件",
            example="office@daan.example",
        ),
        column(
            "address",
            "Address",
            "地址",
            "公司地址",
            "通訊地址",
            "聯絡地址",
            example="台北市大安區忠孝東路四段 200 號",
        ),
        column("notes", "Notes", "備註", "备注", "說明", "说明", "Remarks"),
    )
    ignored_headers = (verbose("created_at"), "Created at", "建立時間", "建立时间")

    def template_headers(self):
        return [capfirst(str(header)) for header in super().template_headers()]

    def after_save(self, created, updated, *, user):
        Customer.objects.filter(pk__in=[c.pk for c in created], created_by=None).update(
            created_by=user
        )
        log_imported(created, updated, user=user)
