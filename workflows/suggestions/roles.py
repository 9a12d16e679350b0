"""Suggestions (P9.7, P7.1): every employee files suggestions, follows their own and evaluates
those sent to their department; Customer Service takes down customers' suggestions and
classifies them; HR gives rewards; Supervision and Management evaluate any."""

from workflows.core.roles import CUSTOMER_SERVICE, HR, MANAGEMENT, ROLES, SUPERVISION

EVERY_EMPLOYEE = [
    "suggestions.add_suggestion",
    "suggestions.view_suggestion",
    "suggestions.evaluate_suggestion",
]
BY_ROLE = {
    CUSTOMER_SERVICE: ["suggestions.change_suggestion", "suggestions.classify_suggestion"],
    HR: ["suggestions.give_reward"],
    SUPERVISION: ["suggestions.evaluate_any_suggestion"],
    MANAGEMENT: ["suggestions.evaluate_any_suggestion", "suggestions.change_suggestionsettings"],
}

PERMISSIONS = {role: [*EVERY_EMPLOYEE, *BY_ROLE.get(role, [])] for role in ROLES}
