"""Word's 字数, and reading the text of every document format."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cwm.cli import app
from cwm.formats import ReadError, read_document
from cwm.formats.wordcount import count, word_count

from .builders import doc_bytes, docx_bytes, docx_ooxml, han_text, pdf_bytes

# The Word rule written out character by character: the reference that cwm.formats.wordcount
# (whatever its formulation) must equal.
_ASIAN = (
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3001, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F),
    (0x3130, 0x318F), (0x31F0, 0x31FF), (0x3200, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF),
)  # fmt: skip
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))


def reference(text: str) -> tuple[int, int, int]:
    """(字数, 纯汉字数, 字符数不计空格), one character at a time."""
    words = han = chars = 0
    in_run = False
    for char in text:
        if char.isspace() or char == "\u3000":
            in_run = False
            continue
        chars += 1
        code = ord(char)
        if any(low <= code <= high for low, high in _ASIAN):
            words += 1
            in_run = False
            han += any(low <= code <= high for low, high in _HAN)
        elif not in_run:
            words += 1
            in_run = True
    return words, han, chars


def reference_count(text: str) -> int:
    return reference(text)[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023年12月31日", 6),
        ("Python 3.11", 2),
        ("1,234.56", 1),
        ("民政局", 3),
        (
            "，。、；：“”",
            6,
        ),  # CJK and full-width punctuation count 1 each; “” are general punctuation: one run
        ("全角ＡＢＣ１２３", 8),  # full-width forms count 1 each
        ("中\u3000文", 2),  # U+3000 is a space
        ("abc-def_ghi", 1),
        ("한국어 テスト", 6),
        ("", 0),
        ("   \n\t", 0),
        ("第1项：政策", 6),
    ],
)
def test_word_count_as_word_shows_it(text, words):
    assert word_count(text) == words


def test_han_and_characters_without_spaces():
    numbers = count("民政局 2021年 ABC")
    assert (numbers.words, numbers.han, numbers.chars_no_spaces) == (6, 4, 11)


def test_docx_counts_body_tables_textboxes_footnotes_not_fallbacks(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(
        docx_ooxml("正文五个字", textbox="文本框", footnote="脚注内容", merged="合并单元格")
    )
    document = read_document(path)
    assert (
        word_count(document.text) == 5 + 3 + 4 + 5
    )  # text box once, merged cell once, separator skipped
    assert "———" not in document.text


def test_docx_counts_neither_field_codes_nor_deleted_text(tmp_path):
    """A PAGE field's code and a tracked deletion are not text Word counts; an inserted run is."""
    path = tmp_path / "fields.docx"
    path.write_bytes(
        docx_ooxml(
            '正文</w:t><w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve"> PAGE'
            " </w:instrText><w:delText>删掉的字</w:delText><w:tab/><w:t>后文"
        )
    )
    document = read_document(path)
    assert document.text == "正文\t后文" and word_count(document.text) == 4


def test_docx_text_longer_than_a_parser_block(tmp_path):
    """One w:t of 300,000 characters (900 KB, fed to the parser in 256 KB blocks) is one piece."""
    path = tmp_path / "long.docx"
    text = han_text(300_000)
    path.write_bytes(docx_ooxml(text))
    assert read_document(path).text == text


def test_docx_from_python_docx_excludes_the_header(tmp_path):
    path = tmp_path / "b.docx"
    path.write_bytes(docx_bytes(han_text(100), table=[["表格一", "表格二"]], header="页眉不计入"))
    assert word_count(read_document(path).text) == 100 + 6


def test_pdf_without_embedded_chinese_fonts(tmp_path):
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf_bytes(han_text(120), han_text(80, 7)))
    document = read_document(path)
    assert word_count(document.text) == 200 and not document.scanned


def test_scanned_pdf_is_flagged(tmp_path):
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf_bytes("x", scanned=True))
    assert read_document(path).scanned


def test_encrypted_pdf_is_a_read_error(tmp_path):
    path = tmp_path / "e.pdf"
    path.write_bytes(pdf_bytes("机密", encrypt="secret"))
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert info.value.code == "encrypted" and "加密" in info.value.message


def test_legacy_doc_and_wps_read_without_the_header(tmp_path):
    for name in ("a.doc", "a.wps"):
        path = tmp_path / name
        path.write_bytes(doc_bytes(han_text(50) + " Python 3.11", header="页眉不计入"))
        assert word_count(read_document(path).text) == 52


def test_text_files_in_gbk_utf8_and_bom(tmp_path):
    text = "民政局创建文明城市2021年工作总结"
    for name, data in (
        ("gbk.txt", text.encode("gbk")),
        ("utf8.md", text.encode("utf-8")),
        ("bom.txt", text.encode("utf-8-sig")),
    ):
        (tmp_path / name).write_bytes(data)
        assert read_document(tmp_path / name).text == text


def test_count_command(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(docx_bytes("2023年12月31日", "Python 3.11"))
    result = CliRunner().invoke(app, ["count", str(path), "-f", "json"])
    assert result.exit_code == 0
    import json

    [row] = json.loads(result.stdout)
    assert (row["words"], row["han"], row["chars_no_spaces"]) == (8, 3, 21)


def test_count_command_bad_file_exits_2(tmp_path):
    path = tmp_path / "假的.docx"
    path.write_text("不是 Word")
    result = CliRunner().invoke(app, ["count", str(path)])
    assert (
        result.exit_code == 2 and "假的.docx" in result.stderr and "不是 Word 文档" in result.stderr
    )


def test_the_fast_count_equals_the_reference_on_random_text_and_the_seed():
    import random

    from .conftest import SOURCE_TEXT

    rnd = random.Random(2021)
    alphabet = (
        "春夏秋冬 民政局，。、2021年abc Python 3.11\u3000\t\n"
        "한국어テストＡＢＣ１２３“”-_.,\u00a0\u2003𠀀𪚥"
    )
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(60))) for _ in range(2000)]
    texts.append(SOURCE_TEXT.read_text(encoding="utf-8"))
    for text in texts:
        numbers = count(text)
        assert (numbers.words, numbers.han, numbers.chars_no_spaces) == reference(text), text
        assert word_count(text) == numbers.words
