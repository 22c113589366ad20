"""A small static evaluator for Python source, built on `ast` only.

The runtimes declare their flags in ordinary Python: constants, lists, enums and `Literal` aliases spread
over several modules, and functions that build argparse arguments step by step. This module follows those
definitions across the files present in a source folder without importing anything. Whatever it cannot
work out becomes an `Unknown` carrying the reason, so callers record "not known" instead of guessing.
"""

from __future__ import annotations

import ast
import itertools
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Callable


class Unknown:
    """A value that could not be worked out statically; `reason` says why (kept for the summary)."""

    def __init__(self, reason: str, name: str | None = None):
        self.reason = reason
        self.name = name  # the name the source used, when the value came from one (`type=nullable_str`)

    def __repr__(self) -> str:
        return f"Unknown({self.reason})"


def is_unknown(value: Any) -> bool:
    return isinstance(value, Unknown)


@dataclass(frozen=True)
class TypeVal:
    """A callable used as an argparse `type=` (or a builtin type name), reduced to the name the catalog uses."""

    name: str


@dataclass
class ClassRef:
    module: "Module"
    node: ast.ClassDef

    @property
    def name(self) -> str:
        return self.node.name


@dataclass
class FunctionRef:
    module: "Module"
    node: ast.FunctionDef
    owner: ClassRef | None = None
    bound_cls: ClassRef | None = None  # for classmethods: what `cls` means in the body


@dataclass
class EnumMember:
    cls: ClassRef
    name: str
    value: Any


@dataclass
class LiteralType:
    """`Literal[...]`, kept as a value so aliases (`CacheDType = Literal[...]`) can be followed."""

    values: list


@dataclass
class ModuleRef:
    module: "Module"


@dataclass
class Lambda:
    node: ast.Lambda
    module: "Module"


@dataclass
class BoundMethod:
    target: Any
    name: str


@dataclass
class Parser:
    """Stands for an argparse parser or argument group: `add_argument` calls on it are recorded."""

    calls: list = field(default_factory=list)


@dataclass
class SuperRef:
    cls: ClassRef


# argparse and typing names that matter, whatever module they were imported from.
KNOWN_GLOBALS = {
    "int": TypeVal("int"),
    "float": TypeVal("float"),
    "str": TypeVal("str"),
    "bool": TypeVal("bool"),
    "dict": TypeVal("dict"),
    "list": TypeVal("list"),
}


class Module:
    def __init__(self, name: str, path: str, tree: ast.Module):
        self.name = name
        self.path = path
        self.tree = tree
        self.assigns: dict[str, ast.expr] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        self.functions: dict[str, ast.FunctionDef] = {}
        self.imports: dict[str, tuple[str, str | None]] = {}  # local name -> (module, attribute or None)
        self._index(tree.body)

    def _index(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        self.assigns[target.id] = stmt.value
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                self.assigns[stmt.target.id] = stmt.value
            elif isinstance(stmt, ast.ClassDef):
                self.classes[stmt.name] = stmt
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions[stmt.name] = stmt  # type: ignore[assignment]
            elif isinstance(stmt, ast.ImportFrom):
                base = self._absolute(stmt.module or "", stmt.level)
                for alias in stmt.names:
                    self.imports[alias.asname or alias.name] = (base, alias.name)
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    if alias.asname:
                        self.imports[alias.asname] = (alias.name, None)
                    else:
                        top = alias.name.split(".")[0]
                        self.imports[top] = (top, None)
            elif isinstance(stmt, (ast.If, ast.Try)):
                # Module-level `if TYPE_CHECKING:` / `try: import` blocks still define names.
                self._index(stmt.body)
                for handler in getattr(stmt, "handlers", []):
                    self._index(handler.body)
                self._index(stmt.orelse)

    def _absolute(self, module: str, level: int) -> str:
        if level == 0:
            return module
        package = self.name.split(".")
        if not self.path.endswith("__init__.py"):
            package = package[:-1]
        package = package[: len(package) - (level - 1)] if level > 1 else package
        return ".".join(package + ([module] if module else []))


class SourceTree:
    """Every `.py` file under a folder, addressable by dotted module name (`vllm.config.cache`)."""

    def __init__(self, root: str):
        self.root = root
        self.modules: dict[str, Module] = {}
        for folder, _dirs, files in os.walk(root):
            for filename in sorted(files):
                if not filename.endswith(".py"):
                    continue
                path = os.path.join(folder, filename)
                parts = os.path.relpath(path, root)[:-3].split(os.sep)
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                with open(path, encoding="utf-8") as handle:
                    tree = ast.parse(handle.read(), filename=path)
                # SGLang keeps its package under python/; the dotted name starts at the package.
                if parts and parts[0] == "python":
                    parts = parts[1:]
                name = ".".join(parts)
                self.modules[name] = Module(name, path, tree)

    def module(self, name: str) -> Module | None:
        return self.modules.get(name)

    def find_class(self, name: str) -> ClassRef | None:
        for module in self.modules.values():
            if name in module.classes:
                return ClassRef(module, module.classes[name])
        return None


class Return(Exception):
    def __init__(self, value: Any):
        self.value = value


class Interpreter:
    """Evaluates expressions and runs function bodies just far enough to see the argparse calls they make."""

    def __init__(self, tree: SourceTree):
        self.tree = tree
        # name -> python function(interp, args, kwargs) -> value; set by the runtime-specific code.
        self.hooks: dict[str, Callable[..., Any]] = {}
        self._resolving: set[tuple[str, str]] = set()

    # ---- names across modules

    def lookup(self, module: Module, name: str) -> Any:
        key = (module.name, name)
        if key in self._resolving:
            return Unknown(f"circular definition of {name}")
        self._resolving.add(key)
        try:
            if name in module.classes:
                return ClassRef(module, module.classes[name])
            if name in module.functions:
                return FunctionRef(module, module.functions[name])
            if name in module.assigns:
                return self.eval(module.assigns[name], module, {})
            if name in module.imports:
                target, attr = module.imports[name]
                return self.import_value(target, attr)
            if name in KNOWN_GLOBALS:
                return KNOWN_GLOBALS[name]
            return Unknown(f"name {name} not defined in {module.name}")
        finally:
            self._resolving.discard(key)

    def import_value(self, target: str, attr: str | None) -> Any:
        if attr is None:
            found = self.tree.module(target)
            return ModuleRef(found) if found else Unknown(f"module {target} not in the sources")
        submodule = self.tree.module(f"{target}.{attr}")
        found = self.tree.module(target)
        if found is not None and (
            attr in found.assigns or attr in found.classes or attr in found.functions or attr in found.imports
        ):
            return self.lookup(found, attr)
        if submodule is not None:
            return ModuleRef(submodule)
        return Unknown(f"{target}.{attr} not in the sources")

    # ---- classes

    def class_bases(self, cls: ClassRef) -> list[ClassRef]:
        bases = []
        for base in cls.node.bases:
            value = self.eval(base, cls.module, {})
            if isinstance(value, ClassRef):
                bases.append(value)
        return bases

    def base_names(self, cls: ClassRef) -> list[str]:
        return [ast.unparse(base).split(".")[-1] for base in cls.node.bases]

    def is_enum(self, cls: ClassRef) -> bool:
        names = self.base_names(cls)
        if any(name.endswith("Enum") or name in ("IntFlag", "Flag") for name in names):
            return True
        return any(self.is_enum(base) for base in self.class_bases(cls))

    def enum_members(self, cls: ClassRef) -> list[EnumMember]:
        members = []
        for stmt in cls.node.body:
            targets = []
            if isinstance(stmt, ast.Assign):
                targets = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
                value_node = stmt.value
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
                targets = [stmt.target.id]
                value_node = stmt.value
            for target in targets:
                if target.startswith("_"):
                    continue
                value = self.eval(value_node, cls.module, {})
                if isinstance(value, Unknown) and isinstance(value_node, ast.Call):
                    # enum.auto() and friends: the member exists, its value is not needed for choices.
                    value = target.lower()
                members.append(EnumMember(cls, target, value))
        return members

    def class_attr(self, cls: ClassRef, name: str) -> Any:
        for stmt in cls.node.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
                return self._class_value(cls, name, stmt.value)
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name:
                if stmt.value is None:
                    return Unknown(f"{cls.name}.{name} has no default")
                return self._class_value(cls, name, stmt.value)
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == name:
                return FunctionRef(cls.module, stmt, owner=cls)  # type: ignore[arg-type]
        for base in self.class_bases(cls):
            value = self.class_attr(base, name)
            if not isinstance(value, Unknown):
                return value
        return Unknown(f"{cls.name}.{name} not found")

    def _class_value(self, cls: ClassRef, name: str, node: ast.expr) -> Any:
        value = self.eval(node, cls.module, {})
        if self.is_enum(cls):
            return EnumMember(cls, name, value)
        return value

    def find_method(self, cls: ClassRef, name: str) -> FunctionRef | None:
        for stmt in cls.node.body:
            if isinstance(stmt, ast.FunctionDef) and stmt.name == name:
                return FunctionRef(cls.module, stmt, owner=cls)
        for base in self.class_bases(cls):
            found = self.find_method(base, name)
            if found:
                return found
        return None

    # ---- expressions

    def eval(self, node: ast.expr, module: Module, env: dict) -> Any:
        try:
            return self._eval(node, module, env)
        except RecursionError:
            return Unknown("too deep")

    def _eval(self, node: ast.expr, module: Module, env: dict) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = []
            for element in node.elts:
                if isinstance(element, ast.Starred):
                    inner = self.eval(element.value, module, env)
                    if isinstance(inner, Unknown):
                        return inner
                    items.extend(self.iterate(inner))
                else:
                    items.append(self.eval(element, module, env))
            return tuple(items) if isinstance(node, ast.Tuple) else items
        if isinstance(node, ast.Dict):
            result = {}
            for key_node, value_node in zip(node.keys, node.values):
                if key_node is None:  # {**other}
                    inner = self.eval(value_node, module, env)
                    if not isinstance(inner, dict):
                        return Unknown("dict unpacking of an unknown value")
                    result.update(inner)
                    continue
                key = self.eval(key_node, module, env)
                if isinstance(key, Unknown):
                    return key
                if isinstance(key, EnumMember):
                    key = key.value
                result[key] = self.eval(value_node, module, env)
            return result
        if isinstance(node, ast.Name):
            if node.id in env:
                return env[node.id]
            value = self.lookup(module, node.id)
            return Unknown(value.reason, node.id) if isinstance(value, Unknown) else value
        if isinstance(node, ast.Attribute):
            value = self.attribute(self.eval(node.value, module, env), node.attr, node)
            return Unknown(value.reason, node.attr) if isinstance(value, Unknown) else value
        if isinstance(node, ast.BinOp):
            left = self.eval(node.left, module, env)
            right = self.eval(node.right, module, env)
            return self.binop(node.op, left, right)
        if isinstance(node, ast.UnaryOp):
            operand = self.eval(node.operand, module, env)
            if isinstance(operand, Unknown):
                return operand
            if isinstance(node.op, ast.USub) and isinstance(operand, (int, float)):
                return -operand
            if isinstance(node.op, ast.Not):
                return not operand
            return Unknown("unsupported unary operator")
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left = self.eval(node.left, module, env)
            right = self.eval(node.comparators[0], module, env)
            if isinstance(left, Unknown) or isinstance(right, Unknown):
                return Unknown("comparison of unknown values")
            op = node.ops[0]
            try:
                if isinstance(op, ast.In):
                    return left in right
                if isinstance(op, ast.NotIn):
                    return left not in right
                if isinstance(op, ast.Eq):
                    return left == right
                if isinstance(op, ast.NotEq):
                    return left != right
            except TypeError:
                return Unknown("comparison failed")
            return Unknown("unsupported comparison")
        if isinstance(node, ast.Subscript):
            return self.subscript(node, module, env)
        if isinstance(node, ast.Call):
            return self.call_node(node, module, env)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return self.comprehension(node, module, env)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    parts.append(str(value.value))
                else:
                    inner = self.eval(value.value, module, env)  # type: ignore[attr-defined]
                    if isinstance(inner, Unknown):
                        return inner
                    parts.append(str(inner))
            return "".join(parts)
        if isinstance(node, ast.Lambda):
            return Lambda(node, module)
        if isinstance(node, ast.IfExp):
            test = self.eval(node.test, module, env)
            if isinstance(test, Unknown):
                return Unknown("conditional expression on an unknown value")
            return self.eval(node.body if test else node.orelse, module, env)
        return Unknown(f"unsupported expression {type(node).__name__}")

    def attribute(self, base: Any, attr: str, node: ast.AST | None = None) -> Any:
        if node is not None and not isinstance(base, (ModuleRef, ClassRef)):
            # Standard-library names the sources use; their modules are not in the sources.
            dotted = ast.unparse(node)
            if dotted == "sys.maxsize":
                return sys.maxsize
            if dotted == "json.loads":
                return TypeVal("json")
            if dotted.startswith("argparse."):
                return TypeVal(dotted)  # argparse.SUPPRESS, argparse.BooleanOptionalAction
        if isinstance(base, Unknown):
            return base
        if isinstance(base, TypeVal) and base.name == "str":
            return TypeVal(f"str.{attr}")  # `type=str.lower`: an unbound str method
        if isinstance(base, ModuleRef):
            found = self.tree.module(f"{base.module.name}.{attr}")
            if found is not None and attr not in base.module.assigns:
                return ModuleRef(found)
            return self.lookup(base.module, attr)
        if isinstance(base, ClassRef):
            value = self.class_attr(base, attr)
            if isinstance(value, FunctionRef):
                # A method reached through a subclass runs with `cls` bound to that subclass.
                return FunctionRef(value.module, value.node, value.owner, bound_cls=base)
            return value
        if isinstance(base, EnumMember):
            if attr == "value":
                return base.value
            if attr == "name":
                return base.name
        if isinstance(base, (dict, list, str)):
            return BoundMethod(base, attr)
        if isinstance(base, (Parser, SuperRef)):
            return BoundMethod(base, attr)
        return Unknown(f"attribute {attr} of {type(base).__name__}")

    def binop(self, op: ast.operator, left: Any, right: Any) -> Any:
        if isinstance(left, Unknown):
            return left
        if isinstance(right, Unknown):
            return right
        try:
            if isinstance(op, ast.Add):
                if isinstance(left, list) and isinstance(right, tuple):
                    right = list(right)
                return left + right
            if isinstance(op, ast.Mult):
                return left * right
            if isinstance(op, ast.Sub):
                return left - right
            if isinstance(op, ast.Div):
                return left / right
            if isinstance(op, ast.Pow):
                return left**right
            if isinstance(op, ast.LShift):
                return left << right
            if isinstance(op, ast.BitOr):
                # `X | Y` between types: a union, handled by the annotation reader, not here.
                return Unknown("union type used as a value")
        except TypeError:
            pass
        return Unknown("unsupported binary operation")

    def subscript(self, node: ast.Subscript, module: Module, env: dict) -> Any:
        head = ast.unparse(node.value).split(".")[-1]
        if head == "Literal":
            elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            values = []
            for element in elements:
                value = self.eval(element, module, env)
                if isinstance(value, LiteralType):  # Literal[Literal[...], ...] flattens
                    values.extend(value.values)
                else:
                    values.append(value)
            return LiteralType(values)
        base = self.eval(node.value, module, env)
        if isinstance(base, Unknown):
            return base
        key = self.eval(node.slice, module, env)
        if isinstance(key, Unknown):
            return key
        try:
            return base[key]
        except (KeyError, IndexError, TypeError):
            return Unknown("subscript not found")

    def iterate(self, value: Any) -> list:
        if isinstance(value, ClassRef) and self.is_enum(value):
            return self.enum_members(value)
        if isinstance(value, dict):
            return list(value.keys())
        if isinstance(value, (list, tuple, str)):
            return list(value)
        if isinstance(value, LiteralType):
            return list(value.values)
        raise TypeError(f"cannot iterate {type(value).__name__}")

    def comprehension(self, node: Any, module: Module, env: dict) -> Any:
        results: list = []

        def loop(index: int, scope: dict) -> Unknown | None:
            if index == len(node.generators):
                results.append(self.eval(node.elt, module, scope))
                return None
            generator = node.generators[index]
            iterable = self.eval(generator.iter, module, scope)
            if isinstance(iterable, Unknown):
                return iterable
            try:
                items = self.iterate(iterable)
            except TypeError as error:
                return Unknown(str(error))
            for item in items:
                inner = dict(scope)
                if not self.bind(generator.target, item, inner):
                    return Unknown("unsupported comprehension target")
                conditions = [self.eval(test, module, inner) for test in generator.ifs]
                if any(isinstance(c, Unknown) for c in conditions):
                    return Unknown("comprehension condition not known")
                if all(conditions):
                    failed = loop(index + 1, inner)
                    if failed:
                        return failed
            return None

        failed = loop(0, dict(env))
        if failed:
            return failed
        if any(isinstance(r, Unknown) for r in results):
            return next(r for r in results if isinstance(r, Unknown))
        return results

    def bind(self, target: ast.expr, value: Any, env: dict) -> bool:
        if isinstance(target, ast.Name):
            env[target.id] = value
            return True
        if isinstance(target, ast.Tuple) and isinstance(value, (tuple, list)) and len(value) == len(target.elts):
            return all(self.bind(t, v, env) for t, v in zip(target.elts, value))
        return False

    # ---- calls

    def call_node(self, node: ast.Call, module: Module, env: dict) -> Any:
        func = self.eval(node.func, module, env)
        if isinstance(node.func, ast.Name) and node.func.id == "super":
            owner = env.get("__class__")
            return SuperRef(owner) if isinstance(owner, ClassRef) else Unknown("super() outside a class")
        args: list = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                inner = self.eval(arg.value, module, env)
                if isinstance(inner, Unknown):
                    args.append(inner)
                else:
                    args.extend(self.iterate(inner))
            else:
                args.append(self.eval(arg, module, env))
        kwargs: dict = {}
        for keyword in node.keywords:
            value = self.eval(keyword.value, module, env)
            if keyword.arg is None:
                if isinstance(value, dict):
                    kwargs.update(value)
                else:
                    kwargs["**"] = value if isinstance(value, Unknown) else Unknown("** of a non-dict")
            else:
                kwargs[keyword.arg] = value
        return self.call(func, args, kwargs, node)

    def call(self, func: Any, args: list, kwargs: dict, node: ast.Call | None = None) -> Any:
        name = None
        if node is not None:
            name = ast.unparse(node.func).split(".")[-1]
        if isinstance(func, BoundMethod):
            return self.call_method(func, args, kwargs)
        if name in self.hooks:
            return self.hooks[name](self, func, args, kwargs)
        if isinstance(func, TypeVal):
            if func.name == "list" and args:
                return self._materialize(args[0], list)
            if func.name in ("int", "float", "str", "bool") and args and not isinstance(args[0], Unknown):
                try:
                    return {"int": int, "float": float, "str": str, "bool": bool}[func.name](args[0])
                except (TypeError, ValueError):
                    return Unknown("conversion failed")
            if func.name == "dict" and not args:
                return dict(kwargs)
        if name in ("sorted", "tuple", "set") and args:
            return self._materialize(args[0], sorted if name == "sorted" else list)
        if name == "permutations" and args:
            items = self._materialize(args[0], list)
            if isinstance(items, Unknown):
                return items
            r = kwargs.get("r", args[1] if len(args) > 1 else None)
            return [tuple(p) for p in itertools.permutations(items, r)]
        if name == "get_args" and args and isinstance(args[0], LiteralType):
            return tuple(args[0].values)
        if isinstance(func, FunctionRef) and self._worth_running(func, args, kwargs):
            return self.run_function(func, args, kwargs)
        return Unknown(f"call to {name}")

    def _materialize(self, value: Any, kind: Callable) -> Any:
        if isinstance(value, Unknown):
            return value
        try:
            items = self.iterate(value)
            if any(isinstance(i, Unknown) for i in items):
                return next(i for i in items if isinstance(i, Unknown))
            return kind(items)
        except TypeError as error:
            return Unknown(str(error))

    def _worth_running(self, func: FunctionRef, args: list, kwargs: dict) -> bool:
        # Only functions that build arguments: they are handed a parser or a kwargs table.
        values = list(args) + list(kwargs.values())
        return func.node.name in ("add_cli_args", "_customize_cli_kwargs") or any(
            isinstance(v, Parser) for v in values
        )

    def call_method(self, method: BoundMethod, args: list, kwargs: dict) -> Any:
        target, name = method.target, method.name
        if isinstance(target, Parser):
            if name == "add_argument":
                target.calls.append((args, kwargs))
                return None
            if name in ("add_argument_group", "add_mutually_exclusive_group"):
                return target
            return None
        if isinstance(target, SuperRef):
            for base in self.class_bases(target.cls):
                found = self.find_method(base, name)
                if found:
                    return self.run_function(
                        FunctionRef(found.module, found.node, found.owner, bound_cls=base), args, kwargs
                    )
            return Unknown(f"super().{name} not found")
        if isinstance(target, dict):
            if name == "keys":
                return list(target.keys())
            if name == "values":
                return list(target.values())
            if name == "items":
                return [(k, v) for k, v in target.items()]
            if name == "get":
                return target.get(args[0], args[1] if len(args) > 1 else None)
            if name == "pop":
                return target.pop(args[0], args[1] if len(args) > 1 else None)
            if name == "update" and args and isinstance(args[0], dict):
                target.update(args[0])
                return None
        if isinstance(target, list):
            if name == "append":
                target.append(args[0])
                return None
            if name == "extend" and args and isinstance(args[0], list):
                target.extend(args[0])
                return None
            if name == "copy":
                return list(target)
        if isinstance(target, str):
            if any(isinstance(a, Unknown) for a in args):
                return Unknown("string method on unknown arguments")
            if name == "join":
                items = self._materialize(args[0], list)
                return items if isinstance(items, Unknown) else target.join(str(i) for i in items)
            if name in ("replace", "lower", "upper", "strip", "split", "startswith", "endswith"):
                return getattr(target, name)(*args)
        return Unknown(f"method {name}")

    # ---- statements

    def run_function(self, func: FunctionRef, args: list, kwargs: dict) -> Any:
        env: dict = {}
        params = [a.arg for a in func.node.args.args]
        decorators = [ast.unparse(d) for d in func.node.decorator_list]
        owner = func.bound_cls or func.owner
        if params and "classmethod" in decorators:
            env[params[0]] = owner
            params = params[1:]
        if owner is not None:
            env["__class__"] = func.owner
        for param, value in zip(params, args):
            env[param] = value
        env.update({k: v for k, v in kwargs.items() if k in params})
        for param in params:
            env.setdefault(param, Unknown(f"parameter {param} not given"))
        try:
            self.run_body(func.node.body, func.module, env)
        except Return as result:
            return result.value
        return None

    def run_body(self, body: list[ast.stmt], module: Module, env: dict) -> None:
        for stmt in body:
            self.run_statement(stmt, module, env)

    def run_statement(self, stmt: ast.stmt, module: Module, env: dict) -> None:
        if isinstance(stmt, ast.Expr):
            self.eval(stmt.value, module, env)
        elif isinstance(stmt, ast.Assign):
            value = self.eval(stmt.value, module, env)
            for target in stmt.targets:
                self.assign(target, value, module, env)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            self.assign(stmt.target, self.eval(stmt.value, module, env), module, env)
        elif isinstance(stmt, ast.AugAssign):
            current = self.eval(stmt.target, module, env)
            value = self.eval(stmt.value, module, env)
            if isinstance(stmt.op, ast.Add) and isinstance(current, list) and isinstance(value, list):
                current.extend(value)  # in place, as `list +=` does
            else:
                self.assign(stmt.target, self.binop(stmt.op, current, value), module, env)
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                if isinstance(target, ast.Subscript):
                    container = self.eval(target.value, module, env)
                    key = self.eval(target.slice, module, env)
                    if isinstance(container, dict):
                        container.pop(key, None)
        elif isinstance(stmt, ast.If):
            test = self.eval(stmt.test, module, env)
            if isinstance(test, Unknown):
                # A condition on the running machine (argv, platform): the flags of both branches exist.
                self.run_body(stmt.body, module, env)
                self.run_body(stmt.orelse, module, env)
            elif test:
                self.run_body(stmt.body, module, env)
            else:
                self.run_body(stmt.orelse, module, env)
        elif isinstance(stmt, ast.For):
            iterable = self.eval(stmt.iter, module, env)
            if isinstance(iterable, Unknown):
                return
            try:
                items = self.iterate(iterable)
            except TypeError:
                return
            for item in items:
                self.bind(stmt.target, item, env)
                self.run_body(stmt.body, module, env)
        elif isinstance(stmt, (ast.With, ast.Try)):
            self.run_body(stmt.body, module, env)
        elif isinstance(stmt, ast.Return):
            raise Return(self.eval(stmt.value, module, env) if stmt.value else None)
        elif isinstance(stmt, ast.ImportFrom):
            base = module._absolute(stmt.module or "", stmt.level)
            for alias in stmt.names:
                env[alias.asname or alias.name] = self.import_value(base, alias.name)
        # Other statements (nested defs, asserts, raises, logging) declare no flags.

    def assign(self, target: ast.expr, value: Any, module: Module, env: dict) -> None:
        if isinstance(target, ast.Name):
            env[target.id] = value
        elif isinstance(target, ast.Subscript):
            container = self.eval(target.value, module, env)
            key = self.eval(target.slice, module, env)
            if isinstance(container, dict) and not isinstance(key, Unknown):
                container[key] = value
        elif isinstance(target, ast.Tuple):
            if isinstance(value, (list, tuple)) and len(value) == len(target.elts):
                for element, item in zip(target.elts, value):
                    self.assign(element, item, module, env)
            else:
                for element in target.elts:
                    self.assign(element, Unknown("tuple unpacking of an unknown value"), module, env)
