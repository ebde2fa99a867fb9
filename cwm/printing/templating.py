"""The Jinja2 environment for checklists and notes: built once per template directory.

Templates ship in the package (``templates/``, installed as ``cwm.templates``); a bureau can
override any of them with ``--template-dir`` (its own letterhead) without touching the package:
a template found there wins. HTML templates are autoescaped; undefined variables are errors.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from cwm.errors import UsageError


def packaged_templates() -> Path:
    here = Path(__file__).resolve().parents[1]  # the cwm package
    installed = here / "templates"
    return installed if installed.is_dir() else here.parent / "templates"


def environment(template_dir: Path | None = None) -> Any:
    """The environment for ``template_dir`` (its templates first, then the built-in ones), built
    once per directory and rebuilt when a template is added to or removed from it."""
    listed = template_dir.stat().st_mtime_ns if template_dir is not None else 0
    return _environment(template_dir, listed)


@functools.lru_cache(maxsize=8)
def _environment(template_dir: Path | None, listed: int) -> Any:
    import jinja2

    from cwm import labels

    search = [str(template_dir)] if template_dir else []
    search.append(str(packaged_templates()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search, encoding="utf-8"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["material"] = labels.material
    env.filters["words"] = labels.words
    env.globals["material_names"] = labels.MATERIAL
    env.globals["status_labels"] = labels.STATUS
    env.globals["required_labels"] = labels.REQUIRED
    return env


def _bytecode_cache() -> Any:
    """Compiled templates kept in cwm's cache directory (a report's two templates took 0.1 s to
    compile on every run); checked against each template's source, written atomically by
    Jinja. None where the directory cannot be made (a read-only profile): compiled each run."""
    import jinja2

    from cwm.fsutil import cache_dir

    try:
        where = cache_dir() / "templates"
        where.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(where))


def render_template(name: str, context: dict[str, Any], template_dir: Path | None = None) -> str:
    """Render template ``name``; a broken template is a UsageError naming it and its line."""
    import jinja2

    if template_dir is not None and not template_dir.is_dir():
        raise UsageError(f"模板目录“{template_dir}”不存在。")
    try:
        return environment(template_dir).get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise UsageError(
            f"模板 {where} 第 {exc.lineno} 行有语法错误：{exc.message}。请修改模板后重试。"
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise UsageError(f"找不到模板 {exc.name}。") from None
    except jinja2.UndefinedError as exc:
        raise UsageError(
            f"模板 {name} 用到了不存在的变量：{exc.message}。请对照内置模板修改。"
        ) from None
