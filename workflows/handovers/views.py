"""The work sheets After-sales fills in on a phone or tablet on site, and the printed
delivery checklist (P3.1-P3.4, P6.2)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from workflows.core.admin_pages import TitledAdminPageMixin
from workflows.core.private_files import private_file_response
from workflows.core.refusal import RefusalMixin, refuse, refuse_unless
from workflows.leasing.viewsets.common import PrintView

from . import forms, services
from .choices import SignatureSide
from .models import AcceptanceProblem, DamageItem, Delivery, LeaseReturn, Signature
from .permissions import DELIVER, INSPECT_RETURN


def _error_text(exc):
    if hasattr(exc, "error_dict"):
        return " ".join(str(m) for errors in exc.message_dict.values() for m in errors)
    return " ".join(exc.messages)


class SheetView(RefusalMixin, TitledAdminPageMixin, TemplateView):
    """A record's work sheet: each POST names an `action`, whose form is checked and whose
    command runs; refusals answer 403, broken rules come back as a message."""

    model = None
    view_permission = None
    actions = {}
    header_icon = "list-ul"

    def has_refusal_permission(self):
        opts = self.model._meta
        return self.request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])

    def get_queryset(self):
        return self.model._default_manager.select_related("contract__customer")

    def get_page_title(self):
        return _("Work sheet")

    def get_page_subtitle(self):
        return str(self.object)

    def inspect_url(self):
        opts = self.model._meta
        return reverse(
            f"wagtailsnippets_{opts.app_label}_{opts.model_name}:inspect", args=[self.object.pk]
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in self.actions:
            raise Http404
        form_class, run = self.actions[action]
        form = form_class(request.POST, request.FILES)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}" if label else errors[0])
            return redirect(request.path)
        try:
            run(self, form.cleaned_data)
        except PermissionDenied as exc:
            return refuse(request, exc)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Saved."))
        return redirect(request.path)


def _tick(view, data):
    services.tick_item(
        view.object, user=view.request.user, item=data["item"], readings=data["readings"]
    )


def _problem(view, data):
    services.record_problem(
        view.object,
        user=view.request.user,
        delivery_unit=data["delivery_unit"],
        description=data["description"],
        photo=data.get("photo"),
    )


def _fix(view, data):
    services.fix_problem(
        view.object, user=view.request.user, problem=data["problem"], fix=data["fix"]
    )


def _reinspect(view, data):
    services.reinspect_problem(view.object, user=view.request.user, problem=data["problem"])


def _accept_unit(view, data):
    services.accept_unit(
        view.object,
        user=view.request.user,
        delivery_unit=data["delivery_unit"],
        appearance_ok=data["appearance_ok"],
        performance_ok=data["performance_ok"],
        accessories_ok=data["accessories_ok"],
        notes=data["notes"],
    )


def _sign(view, data):
    services.sign_delivery(
        view.object,
        user=view.request.user,
        side=data["side"],
        name=data["name"],
        image=data["image"],
    )


def _scan(view, data):
    services.upload_signed_checklist(view.object, user=view.request.user, scan=data["scan"])


class DeliverySheetView(SheetView):
    """Preparation per unit, acceptance, problems and signatures of one delivery."""

    model = Delivery
    template_name = "handovers/delivery_sheet.html"
    actions = {
        "tick": (forms.TickForm, _tick),
        "problem": (forms.ProblemForm, _problem),
        "fix": (forms.FixForm, _fix),
        "reinspect": (forms.ReinspectForm, _reinspect),
        "accept_unit": (forms.AcceptUnitForm, _accept_unit),
        "sign": (forms.SignForm, _sign),
        "scan": (forms.ScanForm, _scan),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        delivery = self.object
        units = delivery.units.select_related("unit__equipment_model").prefetch_related(
            "items__ticked_by", "problems"
        )
        context.update(
            delivery=delivery,
            units=units,
            signatures={s.side: s for s in delivery.signatures.all()},
            sides=SignatureSide.choices,
            may_act=self.request.user.has_perm(DELIVER),
            inspect_url=self.inspect_url(),
            print_url=reverse("handovers_delivery_print", args=[delivery.pk]),
        )
        return context


def _receive(view, data):
    services.receive_unit(
        view.object,
        user=view.request.user,
        return_unit=data["return_unit"],
        condition_notes=data["condition_notes"],
    )


def _damage(view, data):
    services.record_damage(
        view.object,
        user=view.request.user,
        return_unit=data["return_unit"],
        description=data["description"],
        proposed_charge=data["proposed_charge"],
        photo=data.get("photo"),
    )


class ReturnSheetView(SheetView):
    """Receiving and inspecting each unit of a return against its delivery record."""

    model = LeaseReturn
    template_name = "handovers/return_sheet.html"
    actions = {
        "receive": (forms.ReceiveForm, _receive),
        "damage": (forms.DamageForm, _damage),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lease_return = self.object
        context.update(
            lease_return=lease_return,
            units=lease_return.units.select_related(
                "unit__equipment_model", "delivery_unit"
            ).prefetch_related("damages", "delivery_unit__problems"),
            may_act=self.request.user.has_perm(INSPECT_RETURN),
            inspect_url=self.inspect_url(),
        )
        return context


class DeliveryPrintView(PrintView):
    """The delivery checklist on A4, twice: the customer's copy and the company's (P3.4)."""

    model = Delivery
    template_name = "handovers/print/delivery.html"
    queryset = Delivery.objects.select_related("contract__customer")

    def language_of(self, record):
        return record.contract.language

    def get_context_data(self, record):
        from contact.models import ContactSettings

        return {
            "object": record,
            "delivery": record,
            "units": record.units.select_related("unit__equipment_model").prefetch_related(
                "items__ticked_by", "problems"
            ),
            "signatures": {s.side: s for s in record.signatures.all()},
            "copies": [_("Customer copy"), _("Company copy")],
            "company": ContactSettings.load(),
        }


FILES = {
    "signature": (Signature, "image", "handovers.view_delivery"),
    "problem": (AcceptanceProblem, "photo", "handovers.view_delivery"),
    "damage": (DamageItem, "photo", "handovers.view_leasereturn"),
    "scan": (Delivery, "signed_scan", "handovers.view_delivery"),
}


def may_see_handovers(user, record=None):
    return user.has_perm("handovers.view_delivery") or user.has_perm("handovers.view_leasereturn")


@refuse_unless(may_see_handovers)
def handover_file(request, kind, pk):
    """A signature, photo or scan, for staff who may see that handover only (403 otherwise)."""
    if kind not in FILES:
        raise Http404
    model, field, permission = FILES[kind]
    if not request.user.has_perm(permission):
        return refuse(request)
    stored = getattr(get_object_or_404(model, pk=pk), field)
    if not stored:
        raise Http404
    # Kept in the private storage (workflows.core.private_files): only this view serves it.
    return private_file_response(
        stored, filename=stored.name.rsplit("/", 1)[-1], as_attachment=False
    )
