"""Load the plan: the four YAML files of a data directory, validated, as one ``Plan`` object.

This is the only place that reads the data files; problems are located here, with the YAML
node marks of each file. Every command that needs the plan calls
``load_plan``; ``cwm validate`` calls ``read_plan`` to get every problem instead of an exception.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cwm.errors import DataError
from cwm.plan import Plan
from cwm.plan import cache as plancache
from cwm.plan.models import FILE_MODELS

if TYPE_CHECKING:
    from cwm.plan.diagnostics import Problem
    from cwm.plan.yamlio import YamlDocument

DATA_FILES: tuple[str, ...] = tuple(FILE_MODELS)


def packaged_data_dir() -> Path:
    """The built-in data (the 2021 资阳市民政局 plan), installed with the package."""
    here = Path(__file__).resolve().parents[1]  # the cwm package
    installed = here / "data"  # pip installs data/ as cwm/data
    return installed if installed.is_dir() else here.parent / "data"  # else a source checkout


def read_plan(data_dir: Path) -> tuple[Plan | None, list["Problem"]]:
    """Read and check everything; return the plan (None if it cannot be built) and all problems.

    Problems are syntax errors, duplicate keys, schema errors and the data rules of
    ``datarules`` (unresolved references are errors; inconsistencies of the source warnings).
    This is the slow path (YAML parsing, Pydantic); ``load_plan`` caches its result.
    """
    from pydantic import ValidationError

    from cwm.plan import datarules
    from cwm.plan.diagnostics import Problem
    from cwm.plan.schema_errors import translate
    from cwm.plan.yamlio import load_yaml

    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None, [
            Problem(
                str(data_dir),
                "数据目录不存在。请用 --data 或环境变量 CWM_DATA 指向含 org.yaml、"
                "tasks.yaml、sites.yaml、grid.yaml 的目录。",
            )
        ]
    problems: list["Problem"] = []
    documents: dict[str, YamlDocument] = {}
    models: dict[str, object] = {}
    for name, model in FILE_MODELS.items():
        path = data_dir / name
        if not path.is_file():
            what = "应为文件，实为文件夹" if path.is_dir() else "缺少数据文件"
            files = "、".join(DATA_FILES)
            message = f"{what} {name}。数据目录须含 {files} 四个文件。"
            problems.append(Problem(str(path), message))
            continue
        doc = load_yaml(path, str(path))
        documents[name] = doc
        problems.extend(doc.problems)
        if doc.problems:
            continue
        if not isinstance(doc.data, dict):
            problems.append(
                doc.problem((), "文件内容应为键值映射（顶层为 字段: 值），实为空或列表。")
            )
            continue
        try:
            models[name] = _adapter(model).validate_python(doc.data)
        except ValidationError as exc:
            for error in exc.errors():
                loc, message = translate(error)  # type: ignore[arg-type]  # pydantic's ErrorDetails is the dict translate reads
                problems.append(doc.problem(loc, message))
    if len(models) < len(FILE_MODELS):
        return None, problems
    plan = Plan(data_dir, **{n.removesuffix(".yaml"): m for n, m in models.items()})  # type: ignore[arg-type]  # the files' models, one per Plan field
    problems.extend(datarules.run(plan, documents))
    return plan, problems


@functools.cache
def _adapter(model: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def load_plan(data_dir: Path | None = None, use_cache: bool = True) -> Plan:
    """The validated plan of ``data_dir`` (default: the built-in data). Raises DataError.

    A plan that validated is cached (see ``plancache``) until a data file changes, so that
    commands which only read it skip YAML parsing and Pydantic.
    """
    data_dir = Path(data_dir or packaged_data_dir())
    if use_cache:
        cached = plancache.get(data_dir, DATA_FILES)
        if cached is not None:
            return Plan(data_dir, **cached)
    plan, problems = read_plan(data_dir)
    errors = [p for p in problems if p.severity == "error"]
    if plan is None or errors:
        raise DataError(errors)
    if use_cache:
        plancache.put(
            data_dir,
            DATA_FILES,
            {"org": plan.org, "tasks": plan.tasks, "sites": plan.sites, "grid": plan.grid},
        )
    return plan
