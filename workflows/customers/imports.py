"""Excel and CSV import of customers (issue item 6).

The natural key is the tax number (統一編號): re-importing a file updates the
customers it names. An individual has no tax number; such a row is matched by
its phone number, compared by digits, against individuals without a tax number
(the oldest one if several share it). A company row without a tax number is
refused: without it, nothing tells a second import of the row from a new company.
A contact person per row may be given (name, title, phone, email): a new one
is added to the customer; one already on file (same name) must match it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.widgets import CharWidget

from workflows.core.imports import Column, ExcelImport
from workflows.core.imports.values import ChecksumError, parse_phone, parse_tax_number
from workflows.core.imports.widgets import ChoiceWidget

from .choices import CustomerKind
from .models import Customer, CustomerContact
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

    extra_columns = (
        Column(
            "contact_name",
            (_("Contact person"), "Contact", "聯絡人", "联络人", "聯絡人姓名", "联系人", "窗口"),
        ),
        Column("contact_title", (_("Contact's title"), "Title", "職稱", "职称", "聯絡人職稱")),
        Column(
            "contact_phone",
            (_("Contact's phone"), "Contact phone", "聯絡人電話", "聯絡人手機", "联系人电话"),
        ),
        Column(
            "contact_email",
            (_("Contact's email"), "Contact email", "聯絡人Email", "聯絡人電子郵件", "联系人邮箱"),
        ),
    )

    def check_extras(self, number, instance, is_new, extras, *, user):
        """A contact person on the row: new ones are added; one on file must match it."""
        problems = []
        name = (extras.get("contact_name") or "").strip()
        others = [f for f in ("contact_title", "contact_phone", "contact_email") if extras.get(f)]
        if not name:
            if others:
                problems.append(
                    (others[0], gettext("Give the contact person's name in the same row."))
                )
            return problems
        try:
            extras["contact_phone"] = parse_phone(extras.get("contact_phone"))
        except ValueError as exc:
            problems.append(("contact_phone", str(exc)))
        email = (extras.get("contact_email") or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(
                    (
                        "contact_email",
                        gettext("“%(value)s” is not an email address.") % {"value": email},
                    )
                )
        extras["contact_email"] = email
        extras["contact_title"] = (extras.get("contact_title") or "").strip()
        extras["contact_name"] = name
        if not is_new and not problems:
            existing = instance.contacts.filter(name__iexact=name).first()
            if existing is not None:
                differs = [
                    f
                    for f, attr in (
                        ("contact_title", "title"),
                        ("contact_phone", "phone"),
                        ("contact_email", "email"),
                    )
                    if f in extras
                    and extras[f]
                    and extras[f] != getattr(existing, attr)
                    and not (attr == "phone" and phone_digits(extras[f]) == existing.phone_digits)
                ]
                if differs:
                    problems.append(
                        (
                            differs[0],
                            gettext(
                                "%(name)s is already a contact of this customer with other "
                                "details; change them on the customer."
                            )
                            % {"name": name},
                        )
                    )
                extras["contact_exists"] = True
        return problems

    def apply_extras(self, rows, *, user):
        CustomerContact.objects.bulk_create(
            [
                CustomerContact(
                    customer=customer,
                    name=extras["contact_name"],
                    title=extras.get("contact_title") or "",
                    phone=extras.get("contact_phone") or "",
                    email=extras.get("contact_email") or "",
                )
                for customer, _is_new, extras in rows
                if extras.get("contact_name") and not extras.get("contact_exists")
            ],
            batch_size=1000,
        )

    def after_save(self, created, updated, *, user):
        Customer.objects.filter(pk__in=[c.pk for c in created], created_by=None).update(
            created_by=user
        )
