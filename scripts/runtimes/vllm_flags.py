"""vLLM's server flags, as `vllm serve` / the OpenAI API server registers them: `make_arg_parser` in
`vllm/entrypoints/openai/cli_args.py` adds a few options, the frontend options (`FrontendArgs`), then
`AsyncEngineArgs.add_cli_args` / `EngineArgs.add_cli_args`, whose options come from config dataclasses
through `get_kwargs(ConfigClass)`. This module re-derives `get_kwargs` from the field annotations: the
type, choices (`Literal`), `--x/--no-x` for bool fields, nargs for collections, ranges from pydantic
`Field(gt=, ge=, lt=, le=)`."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from catalog import AcceptsNone, Notes, build_flag, finish
from pyinterp import (
    ClassRef,
    FunctionRef,
    Interpreter,
    Lambda,
    LiteralType,
    Module,
    Parser,
    SourceTree,
    TypeVal,
    Unknown,
)

BUILTIN_HINTS = {"int", "float", "str", "bool", "dict", "list", "tuple", "set", "bytes"}
COLLECTIONS = {
    "list": "list",
    "List": "list",
    "Sequence": "list",
    "tuple": "tuple",
    "Tuple": "tuple",
    "set": "set",
    "Set": "set",
    "frozenset": "set",
    "dict": "dict",
    "Dict": "dict",
    "Mapping": "dict",
}
RANGE_KEYS = ("gt", "ge", "lt", "le")


@dataclass(frozen=True)
class Hint:
    """One member of a field's flattened type hint: kind is a builtin name, 'none', 'literal', 'dataclass',
    'class' (enums and other non-builtins), 'any', or a collection with its element hints."""

    kind: str
    values: tuple = ()  # literal values
    elements: tuple = ()  # collection element annotations, as (node, module) pairs
    name: str = ""


class VllmReader:
    def __init__(self, tree: SourceTree, interp: Interpreter, arg_utils_text: str, arg_utils: Module | None = None):
        self.tree = tree
        self.interp = interp
        self.int_converters = int_converters(interp, arg_utils) if arg_utils is not None else {}
        # get_kwargs changed between versions; read which behaviour this source has from its own text.
        self.literal_with_str_is_metavar = '"metavar" if contains_type(type_hints, str)' in arg_utils_text
        self.optional_valued_flag = "type_hints == {bool, str, type(None)}" in arg_utils_text
        self.sets_are_collections = "contains_type(type_hints, set)" in arg_utils_text

    # ---- annotations

    def definition(self, module: Module, name: str, depth: int = 0) -> ClassRef | tuple | None:
        """Where a name used in an annotation is defined: a class, or (module, type alias expression,
        static_only). static_only: the module imports the name for type checkers only and binds it to
        `Any` at run time (`if TYPE_CHECKING: from ... import X` / `else: X = Any`), so argparse never
        sees the values the alias names."""
        if depth > 10:
            return None
        if name in module.classes:
            return ClassRef(module, module.classes[name])
        runtime_any = name in module.assigns and ast.unparse(module.assigns[name]) == "Any"
        if name in module.imports and (runtime_any or name not in module.assigns):
            target, attr = module.imports[name]
            found = self.tree.module(target)
            if found is not None and attr:
                result = self.definition(found, attr, depth + 1)
                if runtime_any and isinstance(result, tuple):
                    return result[0], result[1], True
                if result is not None:
                    return result
        if name in module.assigns:
            return module, module.assigns[name], False
        return None

    def is_dataclass(self, cls: ClassRef) -> bool:
        decorators = [ast.unparse(d).split("(")[0].split(".")[-1] for d in cls.node.decorator_list]
        return any(d in ("dataclass", "config") for d in decorators)

    def flatten(self, node: ast.expr | None, module: Module, depth: int = 0) -> set[Hint]:
        if node is None or depth > 12:
            return {Hint("any")}
        if isinstance(node, ast.Constant):
            if node.value is None:
                return {Hint("none")}
            if node.value is Ellipsis:  # tuple[int, ...]
                return {Hint("ellipsis")}
            if isinstance(node.value, str):  # a forward reference
                return self.flatten(ast.parse(node.value, mode="eval").body, module, depth + 1)
            return {Hint("any")}
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return self.flatten(node.left, module, depth + 1) | self.flatten(node.right, module, depth + 1)
        if isinstance(node, ast.Subscript):
            head = ast.unparse(node.value).split(".")[-1]
            args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
            if head == "Optional":
                return self.flatten(args[0], module, depth + 1) | {Hint("none")}
            if head == "Union":
                return set().union(*(self.flatten(a, module, depth + 1) for a in args))
            if head in ("Annotated", "ClassVar", "Final", "InitVar", "SkipValidation"):
                return self.flatten(args[0], module, depth + 1)
            if head == "Literal":
                value = self.interp.eval(node, module, {})
                return {Hint("literal", values=tuple(value.values))} if isinstance(value, LiteralType) else {Hint("str")}
            if head in COLLECTIONS:
                return {Hint(COLLECTIONS[head], elements=tuple((a, module) for a in args))}
            if head in ("type", "Type", "Callable"):
                return {Hint("class", name=head)}
            return self.flatten(node.value, module, depth + 1)
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in BUILTIN_HINTS:
                return {Hint(name)}
            if name == "None":
                return {Hint("none")}
            if name == "Any":
                return {Hint("any")}
            if name == "Ellipsis":
                return {Hint("ellipsis")}
            found = self.definition(module, name)
            if isinstance(found, ClassRef):
                return {Hint("dataclass" if self.is_dataclass(found) else "class", name=found.name)}
            if found is not None:
                alias_module, expr, static_only = found
                if isinstance(expr, ast.Call) and ast.unparse(expr.func).endswith("TypeAliasType") and len(expr.args) > 1:
                    expr = expr.args[1]
                if isinstance(expr, (ast.Subscript, ast.BinOp, ast.Name, ast.Attribute, ast.Constant)):
                    hints = self.flatten(expr, alias_module, depth + 1)
                    if static_only:
                        # Known values, but argparse cannot enforce them: mark the literal as such.
                        hints = {Hint("literal", values=h.values, name="static") if h.kind == "literal" else h for h in hints}
                    return hints
            return {Hint("class", name=name)}
        return {Hint("any")}

    # ---- fields

    def fields(self, cls: ClassRef) -> list[tuple[ast.AnnAssign, Module]]:
        """Dataclass fields with the module that defines them, in definition order, base classes first; a
        field a subclass redefines keeps its place and takes the subclass's definition."""
        collected: dict[str, tuple[ast.AnnAssign, Module]] = {}
        for base in reversed(self.interp.class_bases(cls)):
            for stmt, module in self.fields(base):
                collected[stmt.target.id] = (stmt, module)  # type: ignore[union-attr]
        for stmt in cls.node.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                if ast.unparse(stmt.annotation).startswith(("ClassVar", "typing.ClassVar")):
                    continue
                collected[stmt.target.id] = (stmt, cls.module)
        return list(collected.values())

    def field_default_and_range(self, stmt: ast.AnnAssign, module: Module) -> tuple[Any, dict | None]:
        value = stmt.value
        if value is None:
            return None, None
        if isinstance(value, ast.Call) and ast.unparse(value.func).split(".")[-1] in ("Field", "field"):
            keywords = {k.arg: k.value for k in value.keywords if k.arg}
            bounds = {}
            for key in RANGE_KEYS:
                if key in keywords:
                    bound = self.interp.eval(keywords[key], module, {})
                    if isinstance(bound, (int, float)) and not isinstance(bound, bool):
                        bounds[key] = bound
            if "default" in keywords:
                default = self.interp.eval(keywords["default"], module, {})
            elif value.args:
                default = self.interp.eval(value.args[0], module, {})
            elif "default_factory" in keywords:
                default = self.factory_value(keywords["default_factory"], module)
            else:
                default = None
            return default, bounds or None
        return self.interp.eval(value, module, {}), None

    def factory_value(self, node: ast.expr, module: Module) -> Any:
        factory = self.interp.eval(node, module, {})
        if isinstance(factory, TypeVal) and factory.name in ("list", "dict"):
            return [] if factory.name == "list" else {}
        if isinstance(node, ast.Name) and node.id == "set":
            return []
        if isinstance(factory, Lambda):
            return self.interp.eval(factory.node.body, factory.module, {})
        if isinstance(factory, ClassRef):
            return Unknown(f"default is a {factory.name} object")
        return Unknown("default computed by a factory")

    def element_type(self, elements: tuple) -> tuple[Any, list | None]:
        """argparse `type` for a collection's elements, and choices when the elements are a Literal."""
        hints: set[Hint] = set()
        for node, module in elements:
            hints |= self.flatten(node, module)
        hints.discard(Hint("ellipsis"))
        literal = next((h for h in hints if h.kind == "literal"), None)
        if literal is not None:
            return self.literal_type(literal), sorted(literal.values)
        for kind in ("int", "float", "bool"):
            if hints == {Hint(kind)}:
                return TypeVal(kind), None
        return TypeVal("str"), None

    @staticmethod
    def literal_type(literal: Hint) -> TypeVal:
        first = literal.values[0] if literal.values else ""
        return TypeVal(type(first).__name__)

    def get_kwargs(self, cls: ClassRef) -> dict[str, dict]:
        result: dict[str, dict] = {}
        for stmt, module in self.fields(cls):
            name = stmt.target.id  # type: ignore[union-attr]
            hints = self.flatten(stmt.annotation, module)
            default, bounds = self.field_default_and_range(stmt, module)
            kwargs: dict[str, Any] = {"default": default}
            if bounds:
                kwargs["_range"] = bounds
            kinds = {h.kind for h in hints}
            literal = next((h for h in hints if h.kind == "literal"), None)
            collection = next((h for h in hints if h.kind in ("tuple", "list", "set")), None)
            if "dataclass" in kinds:
                kwargs["type"] = TypeVal("json")
            elif self.optional_valued_flag and kinds == {"bool", "str", "none"}:
                kwargs.update(type=TypeVal("str"), nargs="?", const=True)
            elif "bool" in kinds:
                kwargs["action"] = TypeVal("argparse.BooleanOptionalAction")
            elif literal is not None:
                values = sorted(literal.values, key=lambda v: (str(type(v)), v))
                unenforced = literal.name == "static" or (self.literal_with_str_is_metavar and "str" in kinds)
                key = "_unenforced_choices" if unenforced else "choices"
                kwargs.update({"type": self.literal_type(literal), key: values})
            elif collection is not None and (collection.kind != "set" or self.sets_are_collections):
                element, choices = self.element_type(collection.elements)
                kwargs["type"] = element
                if choices is not None:
                    kwargs["choices"] = choices
                ellipsis = any(isinstance(n, ast.Constant) and n.value is Ellipsis for n, _ in collection.elements)
                if collection.kind == "tuple" and not ellipsis:
                    kwargs["nargs"] = len(collection.elements)
                else:
                    kwargs["nargs"] = "+"
            elif "int" in kinds:
                kwargs["type"] = self.int_converters.get(name, TypeVal("int"))
            elif "float" in kinds:
                kwargs["type"] = TypeVal("float")
            elif "dict" in kinds:
                kwargs["type"] = TypeVal("json")
            else:
                kwargs["type"] = TypeVal("str")
            if "none" in kinds and "bool" not in kinds:
                # optional_type turns "None" into None, and get_kwargs lists the text "None" among the choices;
                # argparse compares the converted value, so where the choices are enforced None is refused.
                kwargs["_accepts_none"] = True
                for key in ("choices", "_unenforced_choices"):
                    if isinstance(kwargs.get(key), list):
                        kwargs[key] = kwargs[key] + ["None"]
            result[name] = kwargs
        return result


def int_converters(interp: Interpreter, module: Module) -> dict[str, Any]:
    """The fields get_kwargs gives a converter of their own instead of `int`, read from its int branch:
    `if name == "max_model_len": kwargs[name]["type"] = human_readable_int_or_auto` (or `name in {...}`)."""
    found: dict[str, Any] = {}
    for node in ast.walk(module.tree):
        if not (isinstance(node, ast.If) and ast.unparse(node.test) == "contains_type(type_hints, int)"):
            continue
        for inner in (n for stmt in node.body for n in ast.walk(stmt)):
            if not (isinstance(inner, ast.If) and isinstance(inner.test, ast.Compare)):
                continue
            test = inner.test
            if not (isinstance(test.left, ast.Name) and test.left.id == "name" and len(test.ops) == 1):
                continue
            names = interp.eval(test.comparators[0], module, {})
            if isinstance(test.ops[0], ast.Eq) and isinstance(names, str):
                names = [names]
            elif not (isinstance(test.ops[0], ast.In) and isinstance(names, (list, tuple))):
                continue
            converter = next(
                (
                    stmt.value
                    for stmt in inner.body
                    if isinstance(stmt, ast.Assign) and ast.unparse(stmt.targets[0]).endswith("['type']")
                ),
                None,
            )
            if isinstance(converter, ast.Name):
                value = interp.lookup(module, converter.id)
                if isinstance(value, Unknown):
                    value = Unknown(value.reason, converter.id)  # keeps the name, as a `type=name` does
                for field_name in names:
                    found.setdefault(field_name, value)
    return found


def extract(root: str) -> tuple[list[dict], Notes]:
    tree = SourceTree(root)
    interp = Interpreter(tree)
    arg_utils = tree.module("vllm.engine.arg_utils")
    cli_args = tree.module("vllm.entrypoints.openai.cli_args")
    if arg_utils is None or cli_args is None:
        raise SystemExit("no vllm/engine/arg_utils.py and vllm/entrypoints/openai/cli_args.py in the sources")
    with open(arg_utils.path, encoding="utf-8") as handle:
        reader = VllmReader(tree, interp, handle.read(), arg_utils)

    def get_kwargs_hook(interp: Interpreter, func: Any, args: list, kwargs: dict) -> Any:
        if args and isinstance(args[0], ClassRef):
            return reader.get_kwargs(args[0])
        return Unknown("get_kwargs of an unknown class")

    def passthrough(interp: Interpreter, func: Any, args: list, kwargs: dict) -> Any:
        return args[0] if args else Unknown("no argument")

    def optional_type_hook(interp: Interpreter, func: Any, args: list, kwargs: dict) -> Any:
        return AcceptsNone(args[0]) if args else Unknown("no argument")  # still takes what the inner type takes

    def get_field_hook(interp: Interpreter, func: Any, args: list, kwargs: dict) -> Any:
        if len(args) == 2 and isinstance(args[0], ClassRef):
            for stmt, module in reader.fields(args[0]):
                if stmt.target.id == args[1]:  # type: ignore[union-attr]
                    return reader.field_default_and_range(stmt, module)[0]
        return Unknown("get_field of an unknown field")

    interp.hooks.update(
        get_kwargs=get_kwargs_hook, optional_type=optional_type_hook, parse_type=passthrough, get_field=get_field_hook
    )
    notes = Notes()
    parser = Parser()
    make = cli_args.functions.get("make_arg_parser")
    if make is None:
        raise SystemExit("no make_arg_parser in vllm/entrypoints/openai/cli_args.py")
    interp.run_function(FunctionRef(cli_args, make), [parser], {})
    flags = [f for f in (build_flag(interp, args, kwargs, notes) for args, kwargs in parser.calls) if f]
    return finish(flags, notes), notes
