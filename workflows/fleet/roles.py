"""The fleet: After-sales keeps models and units and their states; Sales sets rates;
Marketing publishes models in the catalogue; Customer Service reads what is available."""

from workflows.core.roles import AFTER_SALES, CUSTOMER_SERVICE, MARKETING, SALES

CATALOGUE = ["fleet.view_equipmentcategory", "fleet.view_equipmentmodel"]

PERMISSIONS = {
    MARKETING: [*CATALOGUE, "fleet.change_equipmentmodel", "fleet.publish_model"],
    CUSTOMER_SERVICE: [*CATALOGUE, "fleet.view_equipmentunit"],
    SALES: [
        *CATALOGUE,
        "fleet.change_equipmentmodel",
        "fleet.set_rates",
        "fleet.view_equipmentunit",
    ],
    AFTER_SALES: [
        *CATALOGUE,
        "fleet.add_equipmentcategory",
        "fleet.change_equipmentcategory",
        "fleet.add_equipmentmodel",
        "fleet.change_equipmentmodel",
        "fleet.edit_specification",
        "fleet.add_equipmentunit",
        "fleet.change_equipmentunit",
        "fleet.view_equipmentunit",
        "fleet.manage_unit_state",
    ],
}
