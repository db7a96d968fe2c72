"""Checks the OpenAPI document with real validators, for `codegen/tests/openapi.rs`.

Usage: openapi_check.py DOCUMENT.yaml CASES.json SCHEMAS.json

The document must be valid OpenAPI 3.1 (openapi-spec-validator). Each case names a body of
an operation (`path`) or a webhook (`webhook`), `request` or `response`, and says whether it
must validate against that body's schema (jsonschema, draft 2020-12, with the document's
components). Prints one line per case that does not behave as expected; exits 1 if any.

SCHEMAS.json maps each `spec/*.yaml` file to the data the generator reads from it (as JSON): a
standard YAML loader (PyYAML's `safe_load`, no application tags) must read the same data, so
that the intermediate schema is plain YAML that any tool can review and reuse.
"""

import json
import sys

import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def first_difference(a, b, path="$"):
    """Where two JSON-like values first differ, as a path, or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path} (length {len(a)} against {len(b)})"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b and type(a) is type(b) else f"{path} ({a!r} against {b!r})"


def check_schemas(schemas_path):
    """The number of schema files a standard loader reads differently from the generator."""
    with open(schemas_path, encoding="utf-8") as f:
        schemas = json.load(f)
    wrong = 0
    for path, expected in sorted(schemas.items()):
        try:
            with open(path, encoding="utf-8") as f:
                loaded = yaml.safe_load(f)
        except yaml.YAMLError as e:
            wrong += 1
            print(f"{path}: yaml.safe_load refuses it: {e}")
            continue
        difference = first_difference(loaded, expected)
        if difference:
            wrong += 1
            print(f"{path}: yaml.safe_load reads other data at {difference}")
    print(f"{len(schemas)} schemas, {wrong} not plain YAML")
    return wrong


def main(document_path, cases_path, schemas_path):
    not_plain = check_schemas(schemas_path)
    with open(document_path, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    validate(document)
    with open(cases_path, encoding="utf-8") as f:
        cases = json.load(f)

    base = "urn:antom:openapi"
    registry = Registry().with_resource(
        base, Resource.from_contents(document, default_specification=DRAFT202012)
    )

    def schema_of(case):
        if "path" in case:
            operation = document["paths"][case["path"]]["post"]
        else:
            operation = document["webhooks"][case["webhook"]]["post"]
        if case["body"] == "request":
            content = operation["requestBody"]["content"]
        else:
            content = operation["responses"]["200"]["content"]
        return content["application/json"]["schema"]["$ref"]

    wrong = 0
    for case in cases:
        reference = schema_of(case)
        validator = Draft202012Validator(
            {"$ref": base + reference}, registry=registry
        )
        errors = sorted(validator.iter_errors(case["json"]), key=lambda e: list(e.path))
        if bool(errors) == case["valid"]:
            wrong += 1
            what = "; ".join(
                f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:3]
            )
            expected = "valid" if case["valid"] else "invalid"
            print(f"{case['name']} ({reference}): expected {expected}: {what or 'it validates'}")
    print(f"{len(cases)} cases, {wrong} not as expected")
    return 1 if wrong or not_plain else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
