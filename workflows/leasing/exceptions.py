"""What can go wrong in leasing, in the words Sales reads."""

from django.core.exceptions import ValidationError


class LeasingInvalid(ValidationError):
    """A leasing record fails a business rule; the message names what to fix."""


class UnitDoubleBooked(LeasingInvalid):
    """A unit is already booked for part of the period, by another contract (item 5)."""

    def __init__(self, message, *, unit=None, contract=None):
        self.unit = unit
        self.contract = contract
        super().__init__(message, code="double_booked")


class ContractNotEditable(LeasingInvalid):
    """The contract is with Legal, signed or cancelled: its text cannot change now."""
