"""Password-protected Office files: Word and Excel (2007+) keep an encrypted document as an OLE
compound file holding ``EncryptedPackage``; it is neither a zip nor a legacy document."""

from __future__ import annotations

from pathlib import Path

from cwm.formats.base import ReadError

ENCRYPTED = "文件已加密（需要密码），审核方无法打开。请去掉密码后再放入。"


def refuse_encrypted_office(path: Path) -> None:
    """Raise ReadError(encrypted) when ``path`` is an encrypted OOXML package."""
    import olefile

    with open(path, "rb") as handle:
        if handle.read(8) != bytes.fromhex("D0CF11E0A1B11AE1"):
            return
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"):
                raise ReadError(ENCRYPTED, code="encrypted")
    except (OSError, ValueError):
        return
