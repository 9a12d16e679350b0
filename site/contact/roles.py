"""Who keeps the published contact details and consultation channels (P1.1): Marketing."""

from workflows.core.roles import MARKETING

PERMISSIONS = {
    MARKETING: [
        "contact.change_contactsettings",
        "contact.add_consultationchannel",
        "contact.change_consultationchannel",
        "contact.delete_consultationchannel",
        "contact.publish_consultationchannel",
        "contact.view_consultationchannel",
    ],
}
