"""Who may do what in the staff section.

The section's page permissions are granted on its index page (HR) and on the training
plans page (department heads), not on the tree's root, by `staff_section.ensure_staff_section`:
HR writes and publishes everything; a department head adds their department's plan and
submits it to HR through the moderation workflow, and cannot publish it.
"""

from workflows.core.roles import DEPARTMENT_HEADS, HR

PERMISSIONS = {}

#: {role: page permission codenames} on the staff section's index page.
SECTION_PAGE_PERMISSIONS = {
    HR: ["add_page", "change_page", "publish_page", "delete_page", "lock_page", "unlock_page"],
}
#: {role: page permission codenames} on the training plans page.
PLANS_PAGE_PERMISSIONS = {
    DEPARTMENT_HEADS: ["add_page"],
}
#: Who approves what is submitted for moderation in the staff section.
APPROVERS = [HR]
