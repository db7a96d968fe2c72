//! Tests of a page's sections: which are recognised, skipped, missing or given twice.

use super::*;

#[test]
fn the_structure_section_is_skipped() {
    let text = page("", RESULT, "").replace(
        "## Request parameters",
        "# Structure\n\nA message consists of a header and body.\n\n- [Request header](https://x)\n\n## Request parameters",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.description, "The description.");
}

#[test]
fn error_on_a_missing_parameters_section() {
    let text = page("", RESULT, "").replace("## Request parameters", "");
    assert_error(
        &text,
        "# test",
        "the page has no `## Request parameters` section: expected one after `# Structure`",
    );
    let text = page("", RESULT, "").replace("## Response parameters", "");
    // Without its heading, the response tree joins the request section.
    assert_error(
        &text,
        "# test",
        "the page has no `## Response parameters` section: expected one after the request parameters",
    );
}

#[test]
fn error_on_a_section_given_twice() {
    let text = page("", RESULT, "## Request parameters\n\n#### x (String)\n");
    assert_error(
        &text,
        "## Request parameters\n\n#### x",
        "found a second `Request parameters` section: expected it once per page",
    );
}

#[test]
fn error_on_an_unknown_section() {
    let text = page("", RESULT, "## Changelog\n\nNothing.\n");
    assert_error(
        &text,
        "## Changelog",
        "found section `## Changelog`: expected one of `Structure`, `Request parameters`, `Response parameters`, `Result process logic`, `... codes`, `Request`, `Response`, `More information`",
    );
}

#[test]
fn more_information_sections_are_page_notes_and_result_processing_logic_is_read() {
    let tail = "Result processing logic\n\n-   `U`: call again.\n\n## More information\n\nAbout this API.\n\n| Name | Code |\n| --- | --- |\n| Shanghai | SH |\n";
    let text = page("#### id (String)", RESULT, tail);
    let spec = parse_ok(&text).spec;
    assert_eq!(
        spec.notes,
        ["About this API.\n\n| Name | Code |\n| --- | --- |\n| Shanghai | SH |"]
    );
    assert_eq!(spec.result_process.len(), 1);
    assert_eq!(spec.result_process[0].action, "call again.");
}
