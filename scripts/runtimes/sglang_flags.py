"""SGLang's server flags: `ServerArgs.add_cli_args` (one `parser.add_argument` per flag, defaults from the
`ServerArgs` dataclass), and the annotated-dataclass style newer SGLang moves to, where a field declares its
own flag: `tp_size: Annotated[int, Arg(aliases=["--tp-size"], choices=[...])] = 1`."""

from __future__ import annotations

import ast
import re
from typing import Any

from catalog import Notes, build_flag, finish
from pyinterp import ClassRef, Interpreter, Lambda, Parser, SourceTree, TypeVal, Unknown


def field_hook(interp: Interpreter, func: Any, args: list, kwargs: dict) -> Any:
    """`dataclasses.field(default=..., default_factory=...)`: the value a fresh ServerArgs holds."""
    if "default" in kwargs:
        return kwargs["default"]
    factory = kwargs.get("default_factory")
    if isinstance(factory, TypeVal) and factory.name in ("list", "dict"):
        return [] if factory.name == "list" else {}
    if isinstance(factory, Lambda):
        return interp.eval(factory.node.body, factory.module, {})
    return Unknown("default computed by a factory")


def server_args_class(interp: Interpreter, tree: SourceTree) -> ClassRef:
    module = tree.module("sglang.srt.server_args")
    if module is None or "ServerArgs" not in module.classes:
        raise SystemExit("no sglang/srt/server_args.py with a ServerArgs class in the sources")
    return ClassRef(module, module.classes["ServerArgs"])


def annotated_calls(interp: Interpreter, cls: ClassRef) -> list[tuple[list, dict]]:
    """The flags declared on dataclass fields with `Annotated[T, Arg(...)]`, as add_argument calls."""
    calls = []
    for stmt in cls.node.body:
        if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
            continue
        annotation = stmt.annotation
        if not (isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value).endswith("Annotated")):
            continue
        parts = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
        arg_call = next(
            (p for p in parts[1:] if isinstance(p, ast.Call) and ast.unparse(p.func).split(".")[-1] == "Arg"), None
        )
        if arg_call is None:
            continue
        field_name = stmt.target.id
        kwargs = {k.arg: interp.eval(k.value, cls.module, {}) for k in arg_call.keywords if k.arg}
        primary = kwargs.pop("name", None) or "--" + field_name.replace("_", "-")
        if not primary.startswith("-"):
            primary = "--" + primary
        aliases = kwargs.pop("aliases", None) or []
        base_type = ast.unparse(parts[0])
        optional_bool = re.fullmatch(r"(Optional\[bool\]|bool \| None|None \| bool)", base_type)
        if "action" not in kwargs and (base_type == "bool" or optional_bool):
            kwargs["action"] = "store_true"
        if "type" not in kwargs and "action" not in kwargs:
            inner = re.sub(r"^Optional\[(.*)\]$|^(.*) \| None$", lambda m: m.group(1) or m.group(2), base_type)
            element = re.fullmatch(r"(?:List|list)\[(\w+)\]", inner)
            if element:
                kwargs.setdefault("nargs", "+")
                inner = element.group(1)
            kwargs["type"] = TypeVal(inner if inner in ("int", "float", "str") else "str")
        if "default" not in kwargs:
            kwargs["default"] = interp.eval(stmt.value, cls.module, {}) if stmt.value is not None else None
        calls.append(([primary, *aliases], kwargs))
    return calls


def post_init_replacements(cls: ClassRef) -> dict[str, str]:
    """0.5.2 deprecates flags in `__post_init__`: `if self.enable_ep_moe: ... warning("... --ep-size ...")`.
    Maps the deprecated flag's field to the flag its warning points to."""
    found: dict[str, str] = {}
    for stmt in cls.node.body:
        if not (isinstance(stmt, ast.FunctionDef) and stmt.name == "__post_init__"):
            continue
        for node in ast.walk(stmt):
            if not (isinstance(node, ast.If) and isinstance(node.test, ast.Attribute)):
                continue
            field_name = node.test.attr
            own = "--" + field_name.replace("_", "-")
            for inner in ast.walk(node):
                if isinstance(inner, ast.Constant) and isinstance(inner.value, str) and "deprecated" in inner.value:
                    others = [f for f in re.findall(r"--[a-z0-9][a-z0-9-]*", inner.value) if f != own]
                    if others:
                        found[field_name] = others[0][2:]
    return found


def extract(root: str) -> tuple[list[dict], Notes]:
    tree = SourceTree(root)
    interp = Interpreter(tree)
    interp.hooks["field"] = field_hook
    cls = server_args_class(interp, tree)
    notes = Notes()
    parser = Parser()
    method = interp.find_method(cls, "add_cli_args")
    if method is not None:
        interp.run_function(method, [parser], {})
    calls = parser.calls + annotated_calls(interp, cls)
    flags = [f for f in (build_flag(interp, args, kwargs, notes) for args, kwargs in calls) if f]
    replacements = post_init_replacements(cls)
    for flag in flags:
        field_name = flag["name"].replace("-", "_")
        if field_name in replacements:
            flag["deprecated"] = {"replacement": replacements[field_name]}
    return finish(flags, notes), notes
