"""A contract's clauses: the template's text, filled in from the contract (P2.3)."""

from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from workflows.core.money import currency

from .models import ContractClause
from .placeholders import fill


def amount(value):
    """An amount as printed in a contract: thousands separated, two places, the currency."""
    return f"{Decimal(value):,.2f} {currency()}"


def _chinese(language):
    return (language or "").startswith("zh")


def _join(items, language):
    separator = "；" if _chinese(language) else "; "
    return separator.join(item for item in items if item)


def _with_configuration(model, configuration, language):
    if not configuration:
        return str(model)
    return f"{model}（{configuration}）" if _chinese(language) else f"{model} ({configuration})"


def _periods(value):
    value = Decimal(value).normalize()
    return f"{value:f}"


def contract_values(contract):
    """Every documented placeholder's text for `contract`, in the contract's language."""
    from contact.models import ContactSettings

    plan = contract.plan
    customer = contract.customer
    lines = list(plan.lines.select_related("equipment_model"))
    language = contract.language
    with translation.override(language):
        units = []
        specification = []
        rent_lines = []
        maintenance = []
        for line in lines:
            model = line.equipment_model
            name = _with_configuration(model, line.configuration, language)
            units.append(_("%(model)s × %(quantity)s") % {"model": name, "quantity": line.quantity})
            spec = " ".join(model.specification.split())
            specification.append(f"{model}: {spec}" if spec else str(model))
            rent_lines.append(
                _("%(model)s × %(quantity)s at %(rate)s %(basis)s for %(periods)s: %(rent)s")
                % {
                    "model": name,
                    "quantity": line.quantity,
                    "rate": amount(line.unit_rate),
                    "basis": line.get_rate_basis_display(),
                    "periods": _periods(line.periods),
                    "rent": amount(line.rent),
                }
            )
            maintenance.append(
                _("%(model)s: every %(days)s days")
                % {"model": model, "days": model.maintenance_cycle_days}
            )
        services = [
            label
            for included, label in (
                (plan.includes_delivery, _("delivery and pick-up")),
                (plan.includes_maintenance, _("maintenance visits")),
                (plan.includes_training, _("on-site training")),
            )
            if included
        ]
        included = _join(services, language) or _("none")
        if plan.services_note.strip():
            included = f"{included} ({plan.services_note.strip()})"
        return {
            "contract_number": contract.number,
            "company": ContactSettings.load().company_name,
            "customer": customer.name,
            "customer_tax_number": customer.tax_number,
            "customer_address": customer.address,
            "units": _join(units, language),
            "specification": _join(specification, language),
            "total_quantity": str(sum(line.quantity for line in lines)),
            "period_start": date_format(contract.period_start),
            "period_end": date_format(contract.period_end),
            "lease_days": str((contract.period_end - contract.period_start).days + 1),
            "rent_lines": _join(rent_lines, language),
            "rent_total": amount(plan.rent_total),
            "deposit": amount(plan.deposit),
            "grand_total": amount(plan.grand_total),
            "payment_method": plan.get_payment_method_display(),
            "billing_cycle": plan.get_billing_cycle_display(),
            "delivery_date": date_format(contract.delivery_date),
            "delivery_place": contract.delivery_place,
            "maintenance_cycle": _join(maintenance, language),
            "included_services": included,
        }


def filled_clauses(contract, template):
    """The template's clauses as this contract's own, placeholders filled in (unsaved)."""
    values = contract_values(contract)
    return [
        ContractClause(
            sort_order=i,
            kind=clause.kind,
            title=clause.title,
            text=fill(clause.text, values),
        )
        for i, clause in enumerate(template.clauses.all())
    ]
