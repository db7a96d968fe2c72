//! Tests of the JSON examples: kept verbatim, checked against the parameters, and their errors.

use super::*;
use crate::page::examples::key_lines;
use crate::spec::ExampleBody;

#[test]
fn examples_are_kept_verbatim_including_a_second_response() {
    let text = page("#### a (String)", RESULT, EXAMPLES);
    let spec = parse_ok(&text).spec;
    let summary: Vec<(ExampleBody, &str, usize)> = spec
        .examples
        .iter()
        .map(|e| (e.body, e.title.as_str(), e.line))
        .collect();
    assert_eq!(
        summary,
        [
            (
                ExampleBody::Request,
                "Request",
                line_of(&text, "```json\n{\n  \"a\"")
            ),
            (
                ExampleBody::Response,
                "Response",
                line_of(&text, "```json\n{\n  \"result\"")
            ),
            (
                ExampleBody::Response,
                "Response",
                line_of(&text, "```json\n{\"result\"")
            ),
        ]
    );
    assert_eq!(spec.examples[0].json, "{\n  \"a\": \"1\"\n}\n");
    assert_eq!(
        spec.examples[2].json,
        "{\"result\": {\"resultCode\": \"PROCESS_FAIL\"}}\n"
    );
}

#[test]
fn warns_about_an_example_field_no_parameter_documents() {
    let text = page(
        "#### order (Order)\n\n##### id (String)",
        RESULT,
        "## Request\n\n```json\n{\n  \"order\": {\n    \"id\": \"1\",\n    \"extra\": \"2\"\n  }\n}\n```\n",
    );
    assert_warning(
        &text,
        "\"extra\"",
        "field `order.extra` of the `Request` example is not documented as a request parameter",
    );
}

#[test]
fn example_fields_inside_arrays_are_checked_against_the_element_fields() {
    let text = page(
        "#### goods (Array<Goods>)\n\n##### id (String)",
        RESULT,
        "## Request\n\n```json\n{\"goods\": [{\"id\": \"1\"}, {\"id\": \"2\", \"name\": \"x\"}]}\n```\n",
    );
    assert_warning(
        &text,
        "{\"goods\"",
        "field `goods.name` of the `Request` example is not documented as a request parameter",
    );
}

#[test]
fn the_line_of_an_undocumented_field_follows_its_path() {
    // `extra` appears twice; the warning is about the one inside `b`.
    let text = page(
        "#### a (A)\n\n##### extra (String)\n\n#### b (B)\n\n##### id (String)",
        RESULT,
        "## Request\n\n```json\n{\n  \"a\": {\"extra\": \"1\"},\n  \"b\": {\n    \"extra\": \"2\"\n  }\n}\n```\n",
    );
    assert_warning(
        &text,
        "    \"extra\"",
        "field `b.extra` of the `Request` example is not documented as a request parameter",
    );
}

#[test]
fn warns_about_an_example_value_outside_a_closed_set() {
    let text = page(
        "#### terminalType (String)\n\nValid values are:\n\n-   `WEB`: a website.\n-   `APP`: an app.",
        RESULT,
        "## Request\n\n```json\n{\n  \"terminalType\": \"PHONE\"\n}\n```\n",
    );
    assert_warning(
        &text,
        "  \"terminalType\"",
        "`terminalType` is `PHONE` in the `Request` example, which is not a documented value: expected `WEB`, `APP`",
    );
}

#[test]
fn warns_about_an_example_value_other_than_the_fixed_one() {
    let text = page(
        "",
        // A field beside `result`, so that the response is not only a fixed acknowledgement
        // (which would make the page a notification).
        "#### result (Result, REQUIRED)\n\n##### resultCode (String)\n\nAlways set the value to `SUCCESS`.\n\n#### paymentId (String)\n\nThe ID.",
        "## Response\n\n```json\n{\"result\": {\"resultCode\": \"OK\"}}\n```\n",
    );
    assert_warning(
        &text,
        "{\"result\"",
        "`result.resultCode` is `OK` in the `Response` example, which is not a documented value: expected `SUCCESS`",
    );
    // Open sets are examples only: any value is fine.
    let text = page(
        "#### region (String)\n\nSome possible values are `US` and `SG`.",
        RESULT,
        "## Request\n\n```json\n{\"region\": \"BR\"}\n```\n",
    );
    assert!(parse_ok(&text).warnings.is_empty());
}

#[test]
fn warns_about_a_code_block_that_is_not_json() {
    let text = page("", RESULT, "## Request\n\n```xml\n<a/>\n```\n");
    assert_warning(
        &text,
        "```xml",
        "found a `xml` code block under `Request`: only JSON examples are kept; it is ignored",
    );
}

#[test]
fn warns_about_an_example_section_without_json() {
    let text = page("", RESULT, "## Response\n\nNothing here.\n");
    assert_warning(
        &text,
        "## Response\n\nNothing",
        "section `Response` has no JSON example",
    );
}

#[test]
fn error_on_invalid_json_names_the_line_inside_the_example() {
    let text = page(
        "",
        RESULT,
        "## Request\n\n```json\n{\n  \"a\": \"1\",\n  \"b\": oops\n}\n```\n",
    );
    let all = errors(&text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].line, line_of(&text, "\"b\": oops"));
    assert!(
        all[0].message.starts_with(
            "found invalid JSON in the `Request` example: expected value at line 3 column"
        ),
        "{}",
        all[0].message
    );
    assert!(all[0].message.ends_with("; expected a valid JSON body"));
}

#[test]
fn error_on_a_json_example_that_is_not_an_object() {
    let text = page("", RESULT, "## Response\n\n```json\n[1, 2]\n```\n");
    assert_error(
        &text,
        "```json",
        "found a JSON example under `Response` that is not an object: expected a `{ ... }` body",
    );
}

#[test]
fn key_lines_follow_paths_through_objects_and_arrays() {
    let json = "{\n  \"a\": {\"b\": \"x\\\"y\"},\n  \"list\": [\n    {\"b\": 1},\n    {\"c\": [2, {\"d\": 3}]}\n  ],\n  \"b\": \"{[,\"\n}\n";
    let lines = key_lines(json);
    assert_eq!(lines.get("a"), Some(&1));
    assert_eq!(lines.get("a.b"), Some(&1));
    assert_eq!(lines.get("list"), Some(&2));
    assert_eq!(lines.get("list.b"), Some(&3));
    assert_eq!(lines.get("list.c"), Some(&4));
    assert_eq!(lines.get("list.c.d"), Some(&4));
    assert_eq!(lines.get("b"), Some(&6));
    assert_eq!(lines.len(), 7, "{lines:?}");
}

#[test]
fn warns_about_an_example_whose_shape_is_not_the_documented_type() {
    let text = page(
        "#### quotes (Object)\n\n##### rate (String)\n\nThe rate.",
        RESULT,
        "## Request\n\n```json\n{\n  \"quotes\": [\n    {\"rate\": \"1\"}\n  ]\n}\n```\n",
    );
    assert_warning(
        &text,
        "\"quotes\"",
        "`quotes` is documented as Object but the `Request` example gives an array",
    );
}

#[test]
fn the_values_of_a_map_are_checked_under_any_key() {
    let text = page(
        "#### limits (Map<String, Limit>)\n\n##### max (String)\n\nThe maximum.",
        RESULT,
        "## Request\n\n```json\n{\n  \"limits\": {\n    \"BRL\": {\"max\": \"1\"},\n    \"USD\": {\"min\": \"2\"}\n  }\n}\n```\n",
    );
    assert_warning(
        &text,
        "\"min\"",
        "field `limits.USD.min` of the `Request` example is not documented as a request parameter",
    );
}

#[test]
fn the_paragraph_before_an_example_is_its_caption() {
    let text = page(
        "#### a (String)",
        RESULT,
        "## Request\n\n```json\n{\"a\": \"1\"}\n```\n\nThe following request fails:\n\n```json\n{\"a\": \"2\"}\n```\n",
    );
    let spec = parse_ok(&text).spec;
    let captions: Vec<&str> = spec.examples.iter().map(|e| e.caption.as_str()).collect();
    assert_eq!(captions, ["", "The following request fails:"]);
}
