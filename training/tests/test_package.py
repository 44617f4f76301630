"""The training package's shape: no import circle between its modules, no script named like a module,
no sys.path edits in scripts or tests (pyproject.toml's pytest pythonpath and the script folder do it)."""
import ast
from pathlib import Path
from typing import Dict, List, Set

TRAINING = Path(__file__).resolve().parents[1]
PACKAGE = TRAINING / "gatefill_train"


def _imports(path: Path) -> Set[str]:
    """Modules of the package that ``path`` imports anywhere (top level or inside functions)."""
    out: Set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level == 1:
                out.add(mod.split(".")[0] if mod else "")
                if not mod:
                    out.update(a.name for a in node.names)
            elif mod.startswith("gatefill_train."):
                out.add(mod.split(".")[1])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("gatefill_train."))
    return {m for m in out if (PACKAGE / f"{m}.py").exists()}


def _cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    found, state, stack = [], {}, []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                found.append(stack[stack.index(m):] + [m])
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2
    for n in sorted(graph):
        if n not in state:
            visit(n)
    return found


def test_no_import_circle_in_the_package() -> None:
    graph = {p.stem: _imports(p) - {p.stem} for p in PACKAGE.glob("*.py")}
    assert graph["trainer"] >= {"checkpointing", "losses", "state", "distribution"}, graph["trainer"]
    assert _cycles(graph) == []
    # The checker itself finds a circle when there is one.
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_script_is_named_like_a_module_and_nothing_edits_sys_path() -> None:
    scripts = {p.stem for p in TRAINING.glob("*.py")}
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert scripts & modules == set()
    edits = ("sys.path." + "insert", "sys.path." + "append")  # spelt apart so this file does not match itself
    editing = [str(p.relative_to(TRAINING)) for p in list(TRAINING.glob("*.py")) + list((TRAINING / "tests").glob("*.py"))
               if any(e in p.read_text() for e in edits)]
    assert editing == [], editing
