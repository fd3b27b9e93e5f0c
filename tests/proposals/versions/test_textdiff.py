"""Inline differences read as replaced phrases, in English and in Thai."""

import pytest

from proposals.versions.textdiff import inline_diff


def ops(old, new):
    return [(segment.op, segment.text) for segment in inline_diff(old, new)]


def test_changed_words_are_deleted_then_inserted():
    assert ops("I like cats", "I love dogs") == [
        ("equal", "I "),
        ("delete", "like cats"),
        ("insert", "love dogs"),
    ]


def test_thai_is_compared_by_letter_clusters_not_as_one_long_word():
    assert ops("การพัฒนาเมืองน่าอยู่ด้วยข้อมูล", "การพัฒนาเมืองอัจฉริยะด้วยข้อมูลเปิด") == [
        ("equal", "การพัฒนาเมือง"),
        ("delete", "น่าอยู่"),
        ("insert", "อัจฉริยะ"),
        ("equal", "ด้วยข้อมูล"),
        ("insert", "เปิด"),
    ]


def test_unchanged_lines_stay_whole():
    assert ops("one\ntwo\nthree\n", "one\n2\nthree\n") == [
        ("equal", "one\n"),
        ("delete", "two"),
        ("insert", "2"),
        ("equal", "\nthree\n"),
    ]


@pytest.mark.parametrize(
    "old, new",
    [
        ("", "ข้อความใหม่"),
        ("ข้อความเดิม", ""),
        ("same", "same"),
        ("สำรวจครัวเรือน 200 หลัง\nในเขตเทศบาล", "สำรวจครัวเรือน 350 หลัง\nในเขตเทศบาลนคร\nเพิ่ม"),
    ],
)
def test_the_segments_rebuild_both_texts(old, new):
    segments = inline_diff(old, new)
    assert "".join(s.text for s in segments if not s.is_insert) == old
    assert "".join(s.text for s in segments if not s.is_delete) == new
