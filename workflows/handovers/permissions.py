"""Who may act on handovers (PROCESS.md P3, P6); roles.py gives these to the departments."""

#: After-sales prepares, dispatches, demonstrates and hands over equipment (P3.1-P3.4).
DELIVER = "handovers.deliver_equipment"
#: After-sales receives and inspects returned equipment (P6.2).
INSPECT_RETURN = "handovers.inspect_return"
#: Sales or Legal settle disputed damage charges with the customer (P6.2).
RESOLVE_DISPUTE = "handovers.resolve_dispute"
#: After-sales refurbishes returned units (P6.3).
REFURBISH = "handovers.refurbish_unit"
