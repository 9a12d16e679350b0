from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet

from workflows.consultations.choices import ConsultationState
from workflows.consultations.models import Consultation
from workflows.core.registry import inspect_url

from .related import register_customer_section
from .sections import consultations_of
from .viewsets import FROM_CONSULTATION, CustomerViewSet

register_snippet(CustomerViewSet)

register_customer_section(
    _("Consultations"),
    consultations_of,
    inspect_url,
    permission="consultations.view_consultation",
    order=10,
)


def was_handed_to_sales(consultation):
    """A customer is registered from a consultation Customer Service handed to Sales (P2.1)."""
    return consultation.state == ConsultationState.HANDED_TO_SALES or (
        consultation.state == ConsultationState.CLOSED and consultation.salesperson_id is not None
    )


@hooks.register("register_process_header_buttons")
def customer_button(request, consultation):
    """ "Register as customer" on a consultation handed to Sales, or its customer if registered."""
    if not isinstance(consultation, Consultation):
        return []
    user = request.user
    customer = consultation.customers.order_by("pk").first()
    if customer is not None:
        if not user.has_perm("customers.view_customer"):
            return []
        return [
            HeaderButton(
                _("Customer: %(name)s") % {"name": customer.name},
                url=customer.get_admin_url(),
                icon_name="user",
                attrs={"data-customer-link": customer.pk},
            )
        ]
    if not was_handed_to_sales(consultation) or not user.has_perm("customers.add_customer"):
        return []
    url = reverse("wagtailsnippets_customers_customer:add")
    return [
        HeaderButton(
            _("Register as customer"),
            url=f"{url}?{FROM_CONSULTATION}={consultation.pk}",
            icon_name="user",
            attrs={"data-register-customer": consultation.pk},
        )
    ]
