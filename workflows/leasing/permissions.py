"""Who may move leasing records (PROCESS.md P2.2-P2.5); roles.py gives these to the departments."""

#: Sales sends plans and records the customer's answer, and revises plans.
HANDLE_PLAN = "leasing.handle_plan"
#: Sales sends contracts to Legal and takes them back for changes.
SUBMIT_CONTRACT = "leasing.submit_contract"
#: Legal approves a contract or asks for changes (P2.4).
REVIEW_CONTRACT = "leasing.review_contract"
#: Sales records the signing (P2.4, P2.5).
SIGN_CONTRACT = "leasing.sign_contract"
#: Sales cancels a contract before it is signed.
CANCEL_CONTRACT = "leasing.cancel_contract"
#: After-sales runs the lease after signing: delivery, end of lease, return (P3, P6).
RUN_LEASE = "leasing.run_lease"
#: The customer's renewal is recorded (P6.1).
RENEW_CONTRACT = "leasing.renew_contract"


def nobody(record, user):
    """Only the system does this (the periodic job); administrators may too."""
    return False


def may_draft_renewal(user, record=None):
    """A renewal with changed terms is a new contract: Sales, who renews and drafts contracts."""
    return user.has_perm(RENEW_CONTRACT) and user.has_perm("leasing.add_contract")
