"""Checks the OpenAPI document with real validators, for `codegen/tests/openapi.rs`.

Usage: openapi_check.py DOCUMENT.yaml CASES.json

The document must be valid OpenAPI 3.1 (openapi-spec-validator). Each case names a body of
an operation (`path`) or a webhook (`webhook`), `request` or `response`, and says whether it
must validate against that body's schema (jsonschema, draft 2020-12, with the document's
components). Prints one line per case that does not behave as expected; exits 1 if any.
"""

import json
import sys

import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def main(document_path, cases_path):
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
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
