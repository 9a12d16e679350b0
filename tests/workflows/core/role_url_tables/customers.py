"""Who gets 200 for the customers app's admin URLs: part of test_role_url_matrix.py's table."""

EXPECTED = {
    "bulk/customers/customer/delete/": "CS SA LE AS FI SU MG AD",
    "snippets/customers/customer/": "CS SA LE AS FI SU MG AD",
    "snippets/customers/customer/results/": "CS SA LE AS FI SU MG AD",
    "snippets/customers/customer/add/": "SA AD",
    "snippets/customers/customer/edit/<int:pk>/": "SA AD",
    "snippets/customers/customer/delete/<int:pk>/": "AD",
    "snippets/customers/customer/usage/<int:pk>/": "SA AD",
    "snippets/customers/customer/history/<int:pk>/": "SA AD",
    "snippets/customers/customer/history-results/<int:pk>/": "SA AD",
    "snippets/customers/customer/inspect/<int:pk>/": "CS SA LE AS FI SU MG AD",
    "snippets/customers/customer/import/": "SA AD",
    "snippets/customers/customer/import/template/": "SA AD",
    "snippets/choose/customers/customer/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/customers/customer/results/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/customers/customer/chosen/<str:pk>/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/customers/customer/chosen-multiple/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/customers/customer/create/": "",
    "snippets/customers/customer/import/<uuid:pk>/": "",
}
