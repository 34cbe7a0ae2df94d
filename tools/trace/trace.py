#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""make trace: requirements (docs/safety/requirements.md) against the code
and the tests that name them.

A requirement is a heading "### BH-<AREA>-<n>: <title>"; its "Code:" line
names `file:function` (or `file`) references, its "Tests:" line the tests
that carry its ID. Tests name the IDs they cover:
  pytest (test/integration):    @pytest.mark.req("BH-ISO-1", ...)
  cmocka (test/unit), libFuzzer (test/fuzz): a comment /* REQ: BH-ISO-1, ... */
  on the line before the test function (LLVMFuzzerTestOneInput for a fuzzer).

Fails on: a requirement no test names, an ID no requirement has, a tag on
a function that is not a test, a code reference whose file or function is
gone, a "Tests:" line that is not what the tags say (--update rewrites
them). Lists the tests that name no requirement.
"""
import argparse
import ast
import glob
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

REQ_DOC = "docs/safety/requirements.md"
REQ_HEAD = re.compile(r"^### (BH-[A-Z]+-\d+): \S")
ID = re.compile(r"^BH-[A-Z]+-\d+$")
CODE_REF = re.compile(r"`([A-Za-z0-9_./+-]+)(?::([A-Za-z_][A-Za-z0-9_]*))?`")
C_TAG = re.compile(r"/\*\s*REQ:\s*([^*]*)\*/")
CMOCKA = re.compile(r"cmocka_unit_test\w*\(\s*(\w+)")
C_DEF = re.compile(r"^[A-Za-z_][\w \t*]*?\b(\w+)\s*\(")


def split_ids(text):
    return [t for t in re.split(r"[\s,]+", text.strip()) if t]


def parse_requirements(path):
    """{id: {"line": n, "code": [(file, func|None, line)], "tests": [names] or None}}, errors."""
    reqs, errors, cur = {}, [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = REQ_HEAD.match(line)
            if m:
                cur = m.group(1)
                if cur in reqs:
                    errors.append(f"{REQ_DOC}:{n}: {cur} defined twice (first at line "
                                  f"{reqs[cur]['line']})")
                reqs[cur] = {"line": n, "code": [], "tests": None, "tests_line": None}
            elif line.startswith("## "):
                cur = None
            elif cur and line.startswith("Code:"):
                reqs[cur]["code"] += [(f, fn, n) for f, fn in CODE_REF.findall(line)]
            elif cur and line.startswith("Tests:"):
                reqs[cur]["tests"] = re.findall(r"`([^`]+)`", line)
                reqs[cur]["tests_line"] = n
    return reqs, errors


def defines(path, name):
    """Whether the file defines name: a C function (its body follows, not a ";"), a
    macro or an assembly label; a Python def or class; a make target or variable;
    a shell function; elsewhere the word itself."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    n = re.escape(name)
    if path.endswith((".c", ".h", ".S")):
        for m in re.finditer(rf"^[A-Za-z_][^;=\n]*?\b{n}\s*\(", text, re.M):
            brace, semi = text.find("{", m.end()), text.find(";", m.end())
            if brace >= 0 and (semi < 0 or brace < semi):
                return True
        return bool(re.search(rf"^\s*#\s*define\s+{n}\b|^{n}:", text, re.M))
    if path.endswith(".py") or re.match(r"#!.*python", text):
        return bool(re.search(rf"^\s*(def|class)\s+{n}\b", text, re.M))
    if os.path.basename(path).startswith(("Makefile", "Kbuild")) or path.endswith(".mk"):
        return bool(re.search(rf"^[^#\t\n]*\b{n}\b[^=\n]*:(?!=)|^{n}\s*[:+?]?=", text, re.M))
    if re.match(r"#!.*sh\b", text):
        return bool(re.search(rf"^\s*{n}\s*\(\)", text, re.M))
    return bool(re.search(rf"\b{n}\b", text))


def check_code(root, reqs):
    stale = []
    for rid, r in sorted(reqs.items()):
        for f, fn, n in r["code"]:
            p = os.path.join(root, f)
            if not os.path.isfile(p):
                stale.append(f"{REQ_DOC}:{n}: {rid}: {f}: no such file")
            elif fn and not defines(p, fn):
                stale.append(f"{REQ_DOC}:{n}: {rid}: {f}: no function {fn}")
        if not r["code"]:
            stale.append(f"{REQ_DOC}:{r['line']}: {rid}: no Code: reference")
    return stale


def req_marks(decorators):
    ids = []
    for d in decorators:
        if (isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "req"
                and isinstance(d.func.value, ast.Attribute) and d.func.value.attr == "mark"):
            ids += [a.value for a in d.args if isinstance(a, ast.Constant)]
    return ids


def pytest_tests(root, rel):
    """[(name, [ids])] of one pytest file; name: file::function (class::function in a class)."""
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        tree = ast.parse(f.read(), rel)
    out = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            out.append((f"{rel}::{node.name}", req_marks(node.decorator_list)))
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for m in node.body:
                if isinstance(m, ast.FunctionDef) and m.name.startswith("test_"):
                    out.append((f"{rel}::{node.name}::{m.name}",
                                req_marks(node.decorator_list + m.decorator_list)))
    return out, []


def c_tests(root, rel, fuzz):
    """[(name, [ids])] of a cmocka or fuzz file, and tags on functions that are not tests."""
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        lines = f.read().split("\n")
    text = "\n".join(lines)
    names = ["LLVMFuzzerTestOneInput"] if fuzz else CMOCKA.findall(text)
    tags, errors = {}, []
    for i, line in enumerate(lines):
        m = C_TAG.search(line)
        if not m:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        d = C_DEF.match(lines[j]) if j < len(lines) else None
        if not d or d.group(1) not in names:
            errors.append(f"{rel}:{i + 1}: REQ tag not on a test function")
            continue
        tags.setdefault(d.group(1), []).extend(split_ids(m.group(1)))
    return [(f"{rel}::{n}", tags.get(n, [])) for n in names], errors


def collect_tests(root):
    tests, errors = [], []
    for rel in sorted(glob.glob("test/integration/test_*.py", root_dir=root)):
        t, e = pytest_tests(root, rel)
        tests += t
        errors += e
    for pattern, fuzz in (("test/unit/test_*.c", False), ("test/fuzz/fuzz_*.c", True)):
        for rel in sorted(glob.glob(pattern, root_dir=root)):
            t, e = c_tests(root, rel, fuzz)
            tests += t
            errors += e
    return tests, errors


def analyze(root):
    """Every finding, by kind."""
    reqs, dup = parse_requirements(os.path.join(root, REQ_DOC))
    tests, tag_errors = collect_tests(root)
    by_req = {rid: [] for rid in reqs}
    unknown, bad = [], []
    for name, ids in tests:
        for i in ids:
            if not ID.match(i):
                bad.append(f"{name}: {i!r} is not a requirement ID (BH-<AREA>-<n>)")
            elif i not in reqs:
                unknown.append(f"{name}: {i}")
            elif name not in by_req[i]:
                by_req[i].append(name)
    stale_tests = []
    for rid, r in sorted(reqs.items()):
        if r["tests"] is not None and r["tests"] != by_req[rid]:
            stale_tests.append(f"{REQ_DOC}:{r['tests_line']}: {rid}: Tests: is not what the tags say")
        elif r["tests"] is None and by_req[rid]:
            stale_tests.append(f"{REQ_DOC}:{r['line']}: {rid}: no Tests: line")
    return {
        "reqs": reqs,
        "by_req": by_req,
        "tests": tests,
        "without_test": [f"{rid} ({REQ_DOC}:{r['line']})" for rid, r in sorted(reqs.items())
                         if not by_req[rid]],
        "unknown": unknown + bad,
        "tags": tag_errors + dup,
        "stale_code": check_code(root, reqs),
        "stale_tests": stale_tests,
        "untagged": [name for name, ids in tests if not ids],
    }


def update_doc(root, res):
    path = os.path.join(root, REQ_DOC)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for rid in sorted(res["reqs"], key=lambda r: -res["reqs"][r]["line"]):
        r = res["reqs"][rid]
        new = "Tests: " + ", ".join(f"`{t}`" for t in res["by_req"][rid])
        if r["tests_line"]:
            lines[r["tests_line"] - 1] = new
        else:  # after the Code: line, or the heading
            at = max([n for _, _, n in r["code"]] or [r["line"]])
            lines[at:at] = ["", new]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


SELF_DOC = """# Requirements
## Area
### BH-T-1: covered

Code: `src/a.c:alpha`, `src/a.c:beta`, `Makefile:all`

### BH-T-2: nobody tests this

Code: `src/gone.c:alpha`

Tests: `stale`
"""
SELF_FILES = {
    "src/a.c": "static int beta(int x);\nint alpha(void)\n{\n\treturn 0;\n}\n",
    "Makefile": "all: x\n",
    "test/integration/test_x.py": ("import pytest\n\n\n@pytest.mark.req(\"BH-T-1\")\n"
                                   "def test_one():\n    pass\n\n\ndef test_two():\n    pass\n"),
    "test/unit/test_y.c": ("/* REQ: BH-T-1, BH-T-9 */\nstatic void one(void **state)\n{\n}\n\n"
                           "/* REQ: BH-T-1 */\nstatic void helper(void)\n{\n}\n\n"
                           "int main(void) { cmocka_unit_test(one); }\n"),
    "test/fuzz/fuzz_z.c": "/* REQ: BH-T-1 */\nint LLVMFuzzerTestOneInput(const u8 *d, size_t n)\n{\n}\n",
}


def self_test():
    """The checks on a made-up tree with one of each finding; a list of what went wrong."""
    with tempfile.TemporaryDirectory() as root:
        for rel, text in dict(SELF_FILES, **{REQ_DOC: SELF_DOC}).items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        res = analyze(root)
        want = {
            "without_test": ["BH-T-2 (docs/safety/requirements.md:7)"],
            "unknown": ["test/unit/test_y.c::one: BH-T-9"],
            "tags": ["test/unit/test_y.c:6: REQ tag not on a test function"],
            "stale_code": ["docs/safety/requirements.md:5: BH-T-1: src/a.c: no function beta",
                           "docs/safety/requirements.md:9: BH-T-2: src/gone.c: no such file"],
            "stale_tests": ["docs/safety/requirements.md:3: BH-T-1: no Tests: line",
                            "docs/safety/requirements.md:11: BH-T-2: Tests: is not what the tags say"],
            "untagged": ["test/integration/test_x.py::test_two"],
        }
        wrong = [f"{k}: {res[k]!r}, expected {v!r}" for k, v in want.items() if res[k] != v]
        update_doc(root, res)
        again = analyze(root)
        if again["stale_tests"]:
            wrong.append(f"after --update: {again['stale_tests']!r}")
        if again["by_req"]["BH-T-1"] != ["test/integration/test_x.py::test_one",
                                         "test/unit/test_y.c::one", "test/fuzz/fuzz_z.c::LLVMFuzzerTestOneInput"]:
            wrong.append(f"BH-T-1 tests: {again['by_req']['BH-T-1']!r}")
        return wrong


def junit(path, cases):
    suite = ET.Element("testsuite", name="trace", tests=str(len(cases)),
                       failures=str(sum(1 for _, fails, _ in cases if fails)))
    for name, fails, out in cases:
        c = ET.SubElement(suite, "testcase", classname="trace", name=name)
        if fails:
            ET.SubElement(c, "failure", message=f"{len(fails)} found").text = "\n".join(fails)
        if out:
            ET.SubElement(c, "system-out").text = "\n".join(out)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--srctree", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    ap.add_argument("--junit", help="write the results as JUnit XML")
    ap.add_argument("--update", action="store_true",
                    help=f"rewrite the Tests: lines of {REQ_DOC} from the tags")
    ap.add_argument("--self-test", action="store_true", help="only the tool's own test")
    a = ap.parse_args()
    wrong = self_test()
    if a.self_test:
        print("\n".join(wrong) or "trace self-test: ok")
        return 1 if wrong else 0
    res = analyze(a.srctree)
    if a.update:
        update_doc(a.srctree, res)
        res = analyze(a.srctree)
    cases = [
        ("self_test", wrong, []),
        ("requirements_without_tests", res["without_test"], []),
        ("unknown_requirement_ids", res["unknown"], []),
        ("tags_on_tests", res["tags"], []),
        ("code_references_exist", res["stale_code"], []),
        ("tests_lines_current", res["stale_tests"],
         ["run: make trace-update"] if res["stale_tests"] else []),
        ("tests_without_requirement", [], res["untagged"]),
    ]
    tagged = len(res["tests"]) - len(res["untagged"])
    print(f"  TRACE    {len(res['reqs'])} requirements, {len(res['tests'])} tests, {tagged} tagged, "
          f"{len(res['untagged'])} without a requirement")
    for name, fails, _ in cases:
        for f in fails:
            print(f"  TRACE    FAILED {name}: {f}")
    if res["stale_tests"]:
        print("  TRACE    make trace-update rewrites the Tests: lines from the tags")
    for t in res["untagged"]:
        print(f"  TRACE    no requirement: {t}")
    if a.junit:
        junit(a.junit, cases)
    return 1 if any(fails for _, fails, _ in cases) else 0


if __name__ == "__main__":
    sys.exit(main())
