#!/usr/bin/python3
"""register_check.py - checks of `vik register --format json` for tests/e2e/register.sh.

Why Python: JSON Schema validation needs a real validator, and python3-jsonschema
is a Debian package (installed by `make test-deps`); vik itself needs none of this.

    register_check.py validate SCHEMA DOC            exit 0 when DOC is valid, else 1
    register_check.py broken SCHEMA DOC              exit 0 when EVERY deliberately
                                                     broken copy of DOC is refused
    register_check.py columns DOC CONFIG             exit 0 when DOC names exactly the
                                                     config's map.FIELD columns per source
    register_check.py get DOC PATH                   print the value at a dotted PATH
"""
import copy
import json
import sys

import jsonschema


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"))  # strict: the document must be UTF-8


def validator(schema_path):
    schema = load(schema_path)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def validate(schema_path, doc_path):
    errors = sorted(validator(schema_path).iter_errors(load(doc_path)), key=str)
    for e in errors[:10]:
        print("invalid: %s: %s" % ("/".join(map(str, e.absolute_path)), e.message))
    return 0 if not errors else 1


# Each breaks one rule of the schema; a schema that accepts any of them is too weak.
def breakages(doc):
    def drop(d):
        del d["algoritmeregister"]["organization"]

    def long_name(d):
        d["algoritmeregister"]["name"] = "x" * 101

    def weight_text(d):
        d["processing"]["indicators"][0]["weight"] = "1"

    def extra_field(d):
        d["algoritmeregister"]["not_in_the_standard"] = ""

    def bad_status(d):
        d["algoritmeregister"]["status"] = "Actief"

    def bad_link(d):
        d["algoritmeregister"]["impacttoetsen_grouping"] = [{"title": "DPIA", "link": "ftp://x"}]

    def bad_month(d):
        d["algoritmeregister"]["begin_date"] = "2026-13"

    def bad_origin(d):
        d["filled_by"]["goal"] = "somebody"

    def no_processing(d):
        del d["processing"]

    return [drop, long_name, weight_text, extra_field, bad_status, bad_link, bad_month,
            bad_origin, no_processing]


def broken(schema_path, doc_path):
    v, doc = validator(schema_path), load(doc_path)
    if list(v.iter_errors(doc)):
        print("the unbroken document is already invalid")
        return 1
    failed = 0
    for b in breakages(doc):
        d = copy.deepcopy(doc)
        b(d)
        if not list(v.iter_errors(d)):
            print("accepted a broken document: %s" % b.__name__)
            failed = 1
    return failed


def config_columns(config_path):
    """{source: {field: column}} from the [source.NAME] map.FIELD lines of an INI file."""
    out, section = {}, None
    with open(config_path, "rb") as f:
        for raw in f.read().decode("utf-8", errors="replace").split("\n"):
            line = raw.strip()
            if line.startswith("["):
                section = line[1:line.index("]")]
            elif section and section.startswith("source.") and line.startswith("map."):
                key, value = line.split("=", 1)
                value = value.strip()
                if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
                    value = value[1:-1]
                out.setdefault(section[7:], {})[key.strip()[4:]] = value
    return out


def columns(doc_path, config_path):
    doc, want = load(doc_path), config_columns(config_path)
    got = {s["name"]: {c["field"]: c["column"] for c in s["columns"]}
           for s in doc["processing"]["sources"] if s["columns"]}
    if got != want:
        print("columns differ:\n  document %r\n  config   %r" % (got, want))
        return 1
    return 0


def get(doc_path, path):
    v = load(doc_path)
    for part in path.split("."):
        v = v[int(part)] if isinstance(v, list) else v[part]
    print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
    return 0


def main(argv):
    cmds = {"validate": validate, "broken": broken, "columns": columns, "get": get}
    if len(argv) != 4 or argv[1] not in cmds:
        print(__doc__)
        return 2
    return cmds[argv[1]](argv[2], argv[3])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
