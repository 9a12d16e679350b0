"""The permissions of maintenance and repairs, named once."""

RECORD_VISIT = "servicing.record_visit"
ADD_REPAIR = "servicing.add_repair"
HANDLE_REPAIR = "servicing.handle_repair"
VERIFY_REPAIR = "servicing.verify_repair"
SWAP_UNIT = "servicing.swap_replacement_unit"
VIEW_UNITS = "fleet.view_equipmentunit"
