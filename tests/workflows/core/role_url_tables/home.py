"""Who gets 200 for the home app's admin URLs: part of test_role_url_matrix.py's table."""

EXPECTED = {
    "snippets/choose/home/menu/": "MK SU MG AD",
    "snippets/choose/home/menu/chosen-multiple/": "MK SU MG AD",
    "snippets/choose/home/menu/chosen/<str:pk>/": "",
    "snippets/choose/home/menu/create/": "",
    "snippets/choose/home/menu/results/": "MK SU MG AD",
    "snippets/home/menu/": "MK SU MG AD",
    "snippets/home/menu/add/": "MK AD",
    "snippets/home/menu/copy/<int:pk>/": "",
    "snippets/home/menu/delete/<int:pk>/": "",
    "snippets/home/menu/edit/<int:pk>/": "",
    "snippets/home/menu/history-results/<int:pk>/": "",
    "snippets/home/menu/history/<int:pk>/": "",
    "snippets/home/menu/results/": "MK SU MG AD",
    "snippets/home/menu/usage/<int:pk>/": "",
}
