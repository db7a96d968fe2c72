//! Whatever the bytes, the parser never panics; and whatever it accepts, it writes as YAML
//! that reads back to the same schema.

use std::path::Path;

use antom_codegen::page::parse_page;
use antom_codegen::spec::ApiSpec;
use proptest::prelude::*;

fn real_pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| antom_codegen::page::is_api_page(p))
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Parses `text` and checks what must hold for any input.
fn check(text: &str) {
    let lines = text.lines().count().max(1) + 1;
    match parse_page(text, "fuzz.md") {
        Ok(parsed) => {
            for w in &parsed.warnings {
                assert!(!w.is_error());
                assert!((1..=lines).contains(&w.line), "{w} beyond the page");
            }
            let yaml = parsed.spec.to_yaml();
            let back = ApiSpec::from_yaml(&yaml, "fuzz.yaml").expect("written YAML reads back");
            assert_eq!(back, parsed.spec);
            assert_eq!(back.to_yaml(), yaml);
        }
        Err(diagnostics) => {
            assert!(diagnostics.iter().any(|d| d.is_error()));
            for d in &diagnostics {
                assert!((1..=lines).contains(&d.line), "{d} beyond the page");
            }
        }
    }
}

/// Pieces of the page format, so that random pages get past the first checks.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# api\n\n".to_owned()),
        Just("> Summary.\n\n".to_owned()),
        Just("`POST /v1/x`\n\n".to_owned()),
        Just("## Request parameters\n\n".to_owned()),
        Just("## Response parameters\n\n".to_owned()),
        Just("## Result/Error codes\n\n".to_owned()),
        Just("## Request\n\n".to_owned()),
        Just("## Response\n\n".to_owned()),
        Just("Result process logic\n\n".to_owned()),
        (4usize..10, "[a-zA-Z]{1,6}", prop_oneof![Just("String"), Just("Amount"), Just("Array<Goods>"), Just("Integer, REQUIRED"), Just("bad type")])
            .prop_map(|(level, name, ty)| format!("{} {name} ({ty})\n\n", "#".repeat(level))),
        Just("More information:\n\n- Maximum length: 64 characters\n- Value range: 1 - unlimited\n\n".to_owned()),
        Just("Valid values are:\n\n-   `S`: success.\n-   `F`: failure.\n\n".to_owned()),
        Just("Some possible values are `A`, `B`, and `C`.\n\n".to_owned()),
        Just("The value is fixed to `X`.\n\n".to_owned()),
        Just("> **Note**: a [link](https://x) and _emphasis_.\n\n".to_owned()),
        Just("| Code | Value | Message | Further action |\n| --- | --- | --- | --- |\n| SUCCESS | S | Success | None. |\n\n".to_owned()),
        Just("```json\n{\"a\": {\"b\": [1, {\"c\": 2}]}}\n```\n\n".to_owned()),
        Just("```json\n{\"a\": \n```\n\n".to_owned()),
        Just("-   `S`: done.\n    -   `A`: nested.\n".to_owned()),
        "\\PC{0,40}",
        "[#>`|*_\\[\\]()<>!\\- \n]{0,20}",
    ]
}

fn mutation() -> impl Strategy<Value = (u8, usize, usize, String)> {
    (0u8..5, any::<usize>(), any::<usize>(), fragment())
}

/// Applies one mutation to the lines of a page.
fn mutate(lines: &mut Vec<String>, (op, a, b, fragment): (u8, usize, usize, String)) {
    if lines.is_empty() {
        lines.push(fragment);
        return;
    }
    let i = a % lines.len();
    let j = b % lines.len();
    match op {
        0 => {
            let end = (i + 1 + b % 8).min(lines.len());
            lines.drain(i..end);
        }
        1 => {
            let line = lines[i].clone();
            lines.insert(j, line);
        }
        2 => lines.swap(i, j),
        3 => lines.insert(i, fragment),
        _ => {
            // Cut a line at a character boundary.
            let line = &mut lines[i];
            let cut = line
                .char_indices()
                .map(|(k, _)| k)
                .nth(b % (line.chars().count() + 1))
                .unwrap_or(line.len());
            line.truncate(cut);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn pages_made_of_format_pieces_never_panic(pieces in proptest::collection::vec(fragment(), 0..40)) {
        check(&pieces.concat());
    }

    #[test]
    fn mutated_real_pages_never_panic(
        page in 0usize..10,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let pages = real_pages();
        let text = &pages[page % pages.len()];
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for m in mutations {
            mutate(&mut lines, m);
        }
        check(&lines.join("\n"));
    }
}
