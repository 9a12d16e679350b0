"""What the language test counts as English or as the other script (language_check.py)."""

import pytest

from .language_check import english_words, other_script, readable_texts


class TestEnglishWords:
    def test_finds_wagtails_untranslated_words(self):
        assert english_words("說明 Help (2 new items in this menu)") == [
            "Help",
            "new",
            "items",
            "in",
            "this",
            "menu",
        ]

    def test_leaves_names_codes_units_and_addresses(self):
        text = "王小明 Staff 3 PC200-001 250 L 50 kg ops@rental.example https://rental.example PDF"
        assert english_words(text, names=["Staff 3"]) == []

    def test_reads_placeholders_titles_and_labels(self):
        html = (
            '<input placeholder="Search..."><a title="Edit">編輯</a>'
            "<script>var Help = 1;</script><button aria-label='Collapse all'></button>"
        )
        assert readable_texts(html) == ["編輯", "Search...", "Edit", "Collapse all"]


@pytest.mark.parametrize(
    "text, language, found",
    [
        ("正在执行处理方案", "zh-hant", ["执", "处"]),
        ("正在執行處理方案", "zh-hans", ["執", "處"]),
        ("機台 台北 公里", "zh-hant", []),
        ("机台 台北 公里", "zh-hans", []),
    ],
)
def test_other_script(text, language, found):
    assert other_script(text, language) == sorted(found)


def test_time_zones_are_codes_and_other_capitalised_paths_are_not():
    assert english_words("Asia/Taipei America/Argentina/Buenos_Aires UTC") == []
    assert english_words("Reports/Overdue") == ["Reports", "Overdue"]


def test_what_staff_typed_is_data_in_either_script():
    assert other_script("客户 台北營造 的地址", "zh-hans", names=["台北營造"]) == []
    assert other_script("客户 台北營造 的地址", "zh-hans") == ["營"]
    assert other_script("核准人", "zh-hant") == []


def test_keys_single_name_zones_placeholders_and_language_names_are_not_words():
    assert english_words("Ctrl + Shift + v") == []
    assert english_words("Turkey") == []
    assert english_words("Asia/Tehran", names=["hr"]) == []
    assert english_words("{customer}、{rent_total} 等預留位置") == []
    assert english_words("English") == []
    assert other_script("简体中文", "zh-hant") == []
    assert english_words("Turkey trip") == ["Turkey", "trip"]


def test_what_the_page_marks_not_to_translate_is_not_read():
    html = '<td translate="no">名稱 / Name / 名称</td><td>必填</td>'
    assert readable_texts(html) == ["必填"]
