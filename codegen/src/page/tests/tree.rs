//! Tests of the parameter tree: nesting by heading level, parents, duplicates, placeholders.

use super::*;
use crate::spec::Type;

#[test]
fn parameters_nest_one_heading_level_per_step() {
    let text = page(
        "#### order (Order, REQUIRED)\n\nThe order.\n\n##### goods (Array<Goods>)\n\nThe goods.\n\n###### price (Amount)\n\nThe price.\n\n####### value (Integer, REQUIRED)\n\nThe value.\n\n####### extra (Extra)\n\n######## deepest (String)\n\nEight deep.\n\n###### name (String)\n\nThe name.\n\n#### tags (Array<String>)\n\nThe tags.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(spec.request.len(), 2);
    let order = param(&spec.request, "order");
    assert!(order.required);
    assert_eq!(order.ty, Type::Model("Order".into()));
    let goods = param(&spec.request, "order.goods");
    assert_eq!(goods.ty.to_string(), "Array<Goods>");
    assert_eq!(
        goods
            .children
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["price", "name"]
    );
    let value = param(&spec.request, "order.goods.price.value");
    assert_eq!(value.ty, Type::Integer);
    assert!(value.required);
    assert_eq!(value.line, line_of(&text, "####### value"));
    assert_eq!(value.description, "The value.");
    let deepest = param(&spec.request, "order.goods.price.extra.deepest");
    assert_eq!(deepest.line, line_of(&text, "######## deepest"));
    assert_eq!(deepest.description, "Eight deep.");
    assert_eq!(
        param(&spec.request, "tags").ty,
        Type::Array(Box::new(Type::String))
    );
}

#[test]
fn a_deep_heading_followed_directly_by_text_keeps_both() {
    let text = page(
        "#### a (A)\n\nA.\n\n##### b (B)\n\nB.\n\n###### c (C)\n\nC.\n\n####### d (String)\nThe text right under it.",
        RESULT,
        "",
    );
    let spec = parse_ok(&text).spec;
    let d = param(&spec.request, "a.b.c.d");
    assert_eq!(d.description, "The text right under it.");
}

#[test]
fn warns_about_a_maximum_length_on_an_object() {
    let text = page(
        "#### detail (PaymentMethodDetail, REQUIRED)\n\nThe detail.\n\nMore information:\n\n- Maximum length: 64 characters\n\n##### type (String)",
        RESULT,
        "",
    );
    assert_warning(
        &text,
        "- Maximum length: 64",
        "`detail` is an object (PaymentMethodDetail) but has a maximum length; the length is ignored",
    );
    assert_eq!(
        param(&parse_ok(&text).spec.request, "detail").max_length,
        None
    );
}

#[test]
fn warns_about_a_parameter_documented_twice_under_one_parent() {
    let text = page(
        "#### a (A)\n\n##### b (String)\n\nFirst.\n\n##### c (String)\n\n##### b (Integer)\n\nSecond.",
        RESULT,
        "",
    );
    assert_warning(
        &text,
        "##### b (Integer)",
        &format!(
            "parameter `b` is documented twice under `a` (first at line {}); this one is ignored",
            line_of(&text, "##### b (String)")
        ),
    );
    let spec = parse_ok(&text).spec;
    let a = param(&spec.request, "a");
    assert_eq!(a.children.len(), 2);
    assert_eq!(a.children[0].description, "First.");
}

#[test]
fn warns_about_a_top_level_parameter_documented_twice() {
    let text = page("#### a (String)\n\n#### a (String)", RESULT, "");
    let second = line_of(&text, "#### a (String)\n\n#### a") + 2;
    let parsed = parse_ok(&text);
    assert_one(
        &parsed.warnings,
        Severity::Warning,
        second,
        &format!(
            "parameter `a` is documented twice at the top level (first at line {}); this one is ignored",
            second - 2
        ),
    );
}

#[test]
fn the_same_name_under_different_parents_is_fine() {
    let text = page(
        "#### a (Amount)\n\n##### value (String)\n\n#### b (Amount)\n\n##### value (String)",
        RESULT,
        "",
    );
    assert!(parse_ok(&text).warnings.is_empty());
}

#[test]
fn warns_about_a_child_heading_with_no_parent() {
    let text = page(
        "#### a (A)\n\n##### b (String)\n\n###### c (String)\n\n#### d (D)\n\n###### e (String)",
        RESULT,
        "",
    );
    // `c` under the String `b` is an error of its own; use an object for the jump test.
    let text = text.replace(
        "##### b (String)\n\n###### c (String)\n\n",
        "##### b (String)\n\n",
    );
    assert_warning(
        &text,
        "###### e",
        "parameter `e` (heading level 6) has no parent heading of level 5; it is attached to `d`",
    );
    let spec = parse_ok(&text).spec;
    assert_eq!(param(&spec.request, "d.e").line, line_of(&text, "###### e"));
}

#[test]
fn warns_about_a_first_heading_that_is_too_deep() {
    let text = page("##### a (String)", RESULT, "");
    assert_warning(
        &text,
        "##### a",
        "parameter `a` (heading level 5) has no parent heading of level 4; it is kept as a top-level parameter",
    );
}

#[test]
fn warns_about_an_object_without_fields() {
    let text = page("#### info (AcquirerInfo)\n\nThe info.", RESULT, "");
    assert_warning(
        &text,
        "#### info",
        "`info` is an object (AcquirerInfo) but documents no fields",
    );
}

#[test]
fn an_unreadable_heading_takes_its_children_along_without_follow_up_diagnostics() {
    // Without the placeholder, `currency` would land under the String `id` (an error) or get a
    // "no parent" warning.
    let text = page(
        "#### id (String)\n\n#### amount (Amount, MANDATORY)\n\n##### currency (String)\n\n#### note (String)",
        RESULT,
        "",
    );
    match parse_page(&text, FILE, &policy()) {
        Ok(_) => panic!("expected an error"),
        Err(all) => {
            assert_eq!(all.len(), 1, "{all:#?}");
            assert_eq!(all[0].line, line_of(&text, "#### amount"));
        }
    }
}

#[test]
fn error_on_children_of_a_scalar() {
    let text = page("#### a (String)\n\n##### b (String)", RESULT, "");
    assert_error(
        &text,
        "##### b",
        "found child parameters under `a`, whose type String has no fields: expected an object type such as `Amount` or `Array<Goods>`",
    );
}

#[test]
fn an_object_with_the_fields_of_another_gets_a_copy_of_them() {
    let text = page(
        "#### company (Company)\n\n##### address (Address)\n\n###### city (String)\n\nThe city.\n\n##### office (Address)\n\nIts child parameters are the same as those of _address_.\n\n#### holderAddress (Address)\n\nIts child parameters are the same as those of _company.address_.\n\n#### lost (Address)\n\nIts child parameters are the same as those of _nowhere.address_.",
        RESULT,
        "",
    );
    let parsed = parse_ok(&text);
    let spec = &parsed.spec;
    for path in ["company.office", "holderAddress"] {
        let p = param(&spec.request, path);
        assert_eq!(p.children.len(), 1, "{path}");
        assert_eq!(p.children[0].name, "city", "{path}");
        assert_eq!(p.children[0].line, line_of(&text, "###### city"), "{path}");
    }
    assert_eq!(
        param(&spec.request, "holderAddress").same_as.as_deref(),
        Some("company.address")
    );
    assert_one(
        &parsed.warnings,
        Severity::Warning,
        line_of(&text, "#### lost"),
        "`lost` has the fields of `nowhere.address`, which this section does not document; it documents no fields",
    );
}

#[test]
fn an_object_with_the_fields_of_the_object_it_is_in_documents_none() {
    // Found by the fuzz test: a copy of `company` inside `company` would copy itself without
    // end (and then nest too deep for the schema to be read back).
    let text = page(
        "#### company (Company)\n\n##### city (String)\n\nThe city.\n\n##### parent (Company)\n\nIts child parameters are the same as those of _company_.",
        RESULT,
        "",
    );
    let parsed = parse_ok(&text);
    let parent = param(&parsed.spec.request, "company.parent");
    assert!(parent.children.is_empty());
    assert_eq!(parent.same_as, None);
    assert_one(
        &parsed.warnings,
        Severity::Warning,
        line_of(&text, "##### parent"),
        "`parent` has the fields of `company`, which holds `parent` itself or nests too deep; it documents no fields",
    );
    let yaml = parsed.spec.to_yaml();
    assert_eq!(
        crate::spec::ApiSpec::from_yaml(&yaml, "t.yaml").unwrap(),
        parsed.spec
    );
}
