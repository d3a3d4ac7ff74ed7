"""Documents that cannot be read: each a clear message naming the file and what to do."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from manuscript import scanned_pdf

from citecheck.cli import main
from citecheck.errors import InputError
from citecheck.extract.reader import read_document


def test_a_password_protected_word_file_asks_for_the_password_to_be_removed(
    documents_dir: Path,
) -> None:
    with pytest.raises(
        InputError, match=r"password\.docx: is password-protected.*remove the password"
    ):
        read_document(documents_dir / "password.docx")


def test_an_old_binary_doc_file_asks_to_be_saved_as_docx(documents_dir: Path) -> None:
    with pytest.raises(
        InputError, match=r"manuscript\.doc: is an old binary Word document.*save it as \.docx"
    ):
        read_document(documents_dir / "manuscript.doc")


def test_a_truncated_docx_is_not_readable_and_says_to_save_it_again(
    documents_dir: Path, tmp_path: Path
) -> None:
    data = (documents_dir / "manuscript.docx").read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(
        InputError, match=r"broken\.docx: is not a readable Word document.*save it again"
    ):
        read_document(broken)


def test_a_docx_whose_main_part_is_not_xml_is_not_readable(
    documents_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "garbled.docx"
    with (
        zipfile.ZipFile(documents_dir / "manuscript.docx") as source,
        zipfile.ZipFile(broken, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            target.writestr(
                item, b"<w:document><w:body>" if item.filename == "word/document.xml" else data
            )
    with pytest.raises(InputError, match=r"garbled\.docx: is not a readable Word document"):
        read_document(broken)


def test_a_text_file_named_docx_is_not_taken_for_a_word_document(tmp_path: Path) -> None:
    fake = tmp_path / "notes.docx"
    fake.write_text("Just some text.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.docx: is not a readable Word document"):
        read_document(fake)


def test_a_scanned_pdf_without_a_text_layer_needs_ocr_first(tmp_path: Path) -> None:
    scan = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match=r"scan\.pdf: has no text layer.*needs OCR first"):
        read_document(scan)


def test_a_damaged_pdf_is_not_readable(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n%%EOF")
    with pytest.raises(InputError, match=r"damaged\.pdf"):
        read_document(damaged)


def test_the_command_exits_2_with_the_message_and_writes_nothing(
    documents_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "checked.docx"
    code = main(
        ["check", str(documents_dir / "password.docx"), "--offline", "-q", "--annotate", str(out)]
    )
    assert code == 2
    assert "password-protected" in capsys.readouterr().err
    assert not out.exists()


def test_a_word_file_is_read_as_word_whatever_its_name(documents_dir: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "manuscript.txt"
    renamed.write_bytes((documents_dir / "manuscript.docx").read_bytes())
    document, _ = read_document(renamed)
    assert document.format.value == "docx"
    assert "[^1]: Ian Grey" in document.text


@pytest.mark.parametrize("name", ["manuscript.docx", "manuscript.odt", "manuscript.pdf"])
def test_a_damaged_file_is_read_or_refused_with_a_message_never_a_crash(
    documents_dir: Path, tmp_path: Path, name: str
) -> None:
    import random

    original = (documents_dir / name).read_bytes()
    damaged = tmp_path / name
    chance = random.Random(name)
    refused = 0
    for attempt in range(30):
        data = bytearray(original)
        if attempt % 3 == 0:
            data = data[: chance.randrange(10, len(data))]
        else:
            for _ in range(chance.randrange(1, 40)):
                data[chance.randrange(len(data))] = chance.randrange(256)
        damaged.write_bytes(bytes(data))
        try:
            read_document(damaged)
        except InputError as error:
            assert str(error).startswith(f"{damaged}: ")
            refused += 1
    assert refused > 0


def test_a_package_that_would_unpack_to_gigabytes_is_refused_before_unpacking(
    tmp_path: Path,
) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            block = b" " * 2**22
            for _ in range(130):
                part.write(block)
    with pytest.raises(InputError, match=r"bomb\.docx: unpacks to more than 512 MB"):
        read_document(bomb)
