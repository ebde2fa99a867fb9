"""What a file is taken for, by its extension (the readers then decide from its bytes): one list
of extensions for the walk, the captions table's file names and the report's thumbnails."""

from __future__ import annotations

from pathlib import PurePath

DOCUMENTS = frozenset({".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt", ".md"})
IMAGES = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".jpe",
        ".jfif",
        ".png",
        ".heic",
        ".heif",
        ".webp",
        ".bmp",
        ".tif",
        ".tiff",
        ".gif",
    }
)
"""Photos and screenshots: a browser or WeChat for PC saves a JPEG as .jfif."""
TABLES = frozenset({".xlsx", ".xlsm", ".xls", ".et", ".ods", ".csv"})
ARCHIVES = frozenset({".zip", ".rar", ".7z"})
VIDEOS = frozenset(
    {".mp4", ".mov", ".avi", ".wmv", ".mkv", ".flv", ".3gp", ".m4v", ".mpg", ".mpeg"}
)
KINDS = {
    **dict.fromkeys(DOCUMENTS, "document"),
    **dict.fromkeys(IMAGES, "image"),
    **dict.fromkeys(TABLES, "table"),
    **dict.fromkeys(ARCHIVES, "archive"),
    **dict.fromkeys(VIDEOS, "video"),
}
"""What a file is taken for, by its extension; the readers then decide from its bytes whether it
is one (a text file named .jpg is no photo)."""


def kind_of(path: PurePath) -> str:
    return KINDS.get(path.suffix.lower(), "other")
