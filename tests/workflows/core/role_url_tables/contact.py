"""Who gets 200 for the contact app's admin URLs: part of test_role_url_matrix.py's table."""

EXPECTED = {
    "bulk/contact/consultationchannel/delete/": "MK SU MG AD",
    "snippets/contact/consultationchannel/": "MK SU MG AD",
    "snippets/contact/consultationchannel/results/": "MK SU MG AD",
    "snippets/contact/consultationchannel/add/": "MK AD",
    "snippets/contact/consultationchannel/edit/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/delete/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/usage/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/history/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/history-results/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/reorder/<int:pk>/": "",
    "snippets/contact/consultationchannel/copy/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/history/<int:pk>/revisions/<int:revision_id>/revert/": "",
    "snippets/contact/consultationchannel/history/(?P<pk>.+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": "",  # noqa: E501
    "snippets/contact/consultationchannel/history/<int:pk>/revisions/<int:revision_id>/unschedule/": "",  # noqa: E501
    "snippets/contact/consultationchannel/unpublish/<int:pk>/": "MK AD",
    "snippets/choose/contact/consultationchannel/": "MK SU MG AD",
    "snippets/choose/contact/consultationchannel/results/": "MK SU MG AD",
    "snippets/choose/contact/consultationchannel/chosen/<str:pk>/": "MK SU MG AD",
    "snippets/choose/contact/consultationchannel/chosen-multiple/": "MK SU MG AD",
    "snippets/choose/contact/consultationchannel/create/": "",
}
