#!/usr/bin/env python3
"""The house rules the compiler cannot see (issue 15), checked over the tree:

1. SQL text only in mysql_* files (and common/mysql/, the connector layer).
2. No wire or I/O types (v1::, grpc::, sql::) in rules files or store interfaces.
3. Rule ids in test names spelled one way: PRF03_, SEC05_ ... (upper case,
   no dash, two digits, then an underscore or the end of the name).

Run with --self-test to see each check fail on a planted violation.
"""
import pathlib
import re
import sys
import tempfile

SOURCE_FOLDERS = ["common", "profile_svc", "connection_svc", "promomats_svc", "gateway"]
SQL = re.compile(r'"\s*(SELECT\s|INSERT\s+(IGNORE\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|'
                 r'REPLACE\s+INTO\s|CREATE\s+TABLE\s|ALTER\s+TABLE\s|LOCK\s+TABLES?\s)', re.I)
WIRE = re.compile(r"\b(v1|grpc|sql)::")
INTERFACE_NAME = re.compile(r"_(store|directory|feed|vault|trail)\.h$")
RULE_ID = re.compile(r"(prf|cat|con|syn|pmx|sec)[-_]?(\d{2})", re.I)
TEST_NAME = re.compile(r"^\s*TEST(?:_F|_P)?\(\s*(\w+)\s*,\s*(\w+)\s*\)", re.M)


def sources(root, folders):
    for folder in folders:
        base = root / folder
        if base.is_dir():
            yield from sorted(p for p in base.rglob("*") if p.suffix in (".cc", ".h"))


def strip_comments(text):
    return re.sub(r"//[^\n]*", "", text)


def sql_outside_stores(root):
    for path in sources(root, SOURCE_FOLDERS):
        rel = path.relative_to(root).as_posix()
        if path.name.startswith("mysql_") or rel.startswith("common/mysql/"):
            continue
        for n, line in enumerate(strip_comments(path.read_text()).splitlines(), 1):
            if SQL.search(line):
                yield f"{rel}:{n}: SQL text outside a mysql_* store: {line.strip()[:80]}"


def wire_types_in_rules(root):
    for path in sources(root, SOURCE_FOLDERS):
        rel = path.relative_to(root).as_posix()
        is_rule = "/rules/" in rel
        is_interface = (INTERFACE_NAME.search(path.name) and
                        not path.name.startswith(("mysql_", "grpc_")))
        if not (is_rule or is_interface):
            continue
        for n, line in enumerate(strip_comments(path.read_text()).splitlines(), 1):
            m = WIRE.search(line)
            if m:
                kind = "rules file" if is_rule else "store interface"
                yield f"{rel}:{n}: {m.group(0)} in a {kind}: {line.strip()[:80]}"


def rule_id_spellings(root):
    for path in sorted((root / "tests").rglob("*_test.cc")):
        rel = path.relative_to(root).as_posix()
        for m in TEST_NAME.finditer(path.read_text()):
            for name in m.groups():
                for rid in RULE_ID.finditer(name):
                    want = f"{rid.group(1).upper()}{rid.group(2)}"
                    end = rid.end()
                    ok = (rid.group(0) == want and
                          (end == len(name) or name[end] == "_") and
                          (rid.start() == 0 or name[rid.start() - 1] == "_"))
                    if not ok:
                        yield (f"{rel}: test name {m.group(1)}.{m.group(2)} spells a rule id "
                               f"'{rid.group(0)}'; write {want}_")


CHECKS = [sql_outside_stores, wire_types_in_rules, rule_id_spellings]


def run(root):
    problems = [p for check in CHECKS for p in check(root)]
    for p in problems:
        print(p)
    return problems


def self_test():
    planted = {
        "profile_svc/profile_service.cc": 'auto q = "SELECT id FROM profiles";\n',
        "profile_svc/rules/card.h": "grpc::Status Check();\n",
        "connection_svc/invite_store.h": "v1::Invite Load();\n",
        "tests/unit/x/a_test.cc": "TEST(Sec05Consent, X) {}\nTEST(Ok, PRF03_Fine) {}\n",
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for rel, text in planted.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        found = run(root)
    expected = ["profile_service.cc:1", "rules/card.h:1", "invite_store.h:1", "Sec05Consent"]
    missing = [e for e in expected if not any(e in p for p in found)]
    if missing or len(found) != len(expected):
        print(f"self-test: expected one finding each for {expected}, got {found}")
        return 1
    print(f"self-test: each check fails on its planted violation ({len(found)} findings)")
    return 0


def main():
    if "--self-test" in sys.argv:
        return self_test()
    root = pathlib.Path(__file__).resolve().parents[2]
    problems = run(root)
    if problems:
        print(f"{len(problems)} violation(s) of the layers (see tests/tooling/check_layers.py)")
        return 1
    print("layers: no SQL outside stores, no wire types in rules or store interfaces, "
          "one spelling of rule ids")
    return 0


if __name__ == "__main__":
    sys.exit(main())
