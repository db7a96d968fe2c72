//! The OpenAPI document checked by real validators (`openapi_check.py`: openapi-spec-validator
//! for the document, jsonschema for the bodies): every example of every page validates against
//! its operation's schema, and a request breaking a rule of its page does not. An example that
//! breaks its own page is listed in [`DOC_BUGS`] with the parser's warning about it, and must
//! keep failing. Every schema of `spec/` is read by PyYAML's `safe_load` as the generator reads
//! it: plain YAML. The test fails, never skips, when Python or a validator is missing.

use std::path::Path;
use std::process::Command;

use antom_codegen::pipeline;
use antom_codegen::spec::{ApiKind, ApiSpec, ExampleBody, Type, Values};
use serde_json::{Value, json};

/// Examples that contradict their own page: (case name, the parser's warning about it).
// `inquire_exchange_rate.md response example 1` (an array where its page said Object) was the
// one entry; spec/overrides.yaml corrects the page now.
const DOC_BUGS: &[(&str, &str)] = &[];

/// Where a page's bodies are in the document.
fn locate(spec: &ApiSpec) -> (&'static str, String) {
    match (&spec.kind, &spec.endpoint) {
        (ApiKind::Request, Some(endpoint)) => ("path", endpoint.path.clone()),
        _ => ("webhook", spec.api.clone()),
    }
}

fn case(spec: &ApiSpec, name: String, body: &str, value: Value, valid: bool) -> Value {
    let (key, at) = locate(spec);
    json!({ "name": name, key: at, "body": body, "json": value, "valid": valid })
}

/// Requests that break one rule of their page each, from the page's first request example: a
/// required field left out, a text one character too long, a value outside a closed set.
fn broken_requests(spec: &ApiSpec, example: &Value) -> Vec<Value> {
    let mut cases = Vec::new();
    let file = &spec.source;
    let present = |name: &str| example.get(name).is_some_and(Value::is_string);
    if let Some(p) = spec.request.iter().find(|p| p.required && present(&p.name)) {
        let mut broken = example.clone();
        broken.as_object_mut().unwrap().remove(&p.name);
        let name = format!("{file} without required `{}`", p.name);
        cases.push(case(spec, name, "request", broken, false));
    }
    let long = spec
        .request
        .iter()
        .find(|p| p.ty == Type::String && p.max_length.is_some() && present(&p.name));
    if let Some(p) = long {
        let mut broken = example.clone();
        let too_long = "x".repeat(p.max_length.unwrap() as usize + 1);
        broken[&p.name] = Value::String(too_long);
        let name = format!("{file} with `{}` too long", p.name);
        cases.push(case(spec, name, "request", broken, false));
    }
    let closed = spec.request.iter().find(|p| {
        p.ty == Type::String && matches!(p.values, Some(Values::Closed(_))) && present(&p.name)
    });
    if let Some(p) = closed {
        let mut broken = example.clone();
        broken[&p.name] = Value::String("NOT_A_DOCUMENTED_VALUE".into());
        let name = format!("{file} with `{}` outside its values", p.name);
        cases.push(case(spec, name, "request", broken, false));
    }
    cases
}

/// Every schema file of `spec/`, with the data the generator reads from it as JSON: what a
/// standard YAML loader must read from the file too (`openapi_check.py`).
fn schemas(root: &Path) -> serde_json::Map<String, Value> {
    let mut schemas = serde_json::Map::new();
    for entry in std::fs::read_dir(root.join("spec")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".yaml")
            || name.starts_with("policy")
            || name.contains("overrides")
            || name.contains("sources")
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let spec = ApiSpec::from_yaml(&text, &name).unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_value(&spec).unwrap();
        schemas.insert(path.to_string_lossy().into_owned(), json);
    }
    assert!(schemas.len() > 1, "no schema found in spec/");
    schemas
}

#[test]
fn the_document_is_valid_openapi_and_every_example_validates_against_its_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let specs = pipeline::load_pages(&root.join("spec")).unwrap_or_else(|e| panic!("{e}"));
    let (document, _) = pipeline::openapi(&specs).unwrap_or_else(|e| panic!("{e}"));

    let mut cases = Vec::new();
    for page in &specs.specs {
        let spec = &page.spec;
        let mut first_request = None;
        let mut counts = [0, 0];
        for example in &spec.examples {
            let value: Value = serde_json::from_str(&example.json).unwrap();
            let (body, count) = match example.body {
                ExampleBody::Request => ("request", &mut counts[0]),
                ExampleBody::Response => ("response", &mut counts[1]),
            };
            *count += 1;
            let name = format!("{} {body} example {count}", spec.source);
            let valid = !DOC_BUGS.iter().any(|(bug, _)| *bug == name);
            if example.body == ExampleBody::Request && spec.kind == ApiKind::Request {
                first_request.get_or_insert(value.clone());
            }
            cases.push(case(spec, name, body, value, valid));
        }
        if let Some(example) = first_request {
            cases.extend(broken_requests(spec, &example));
        }
    }
    let made = |what: &str| {
        cases
            .iter()
            .filter(|c| c["valid"] == false && c["name"].as_str().unwrap().contains(what))
            .count()
    };
    let made = [
        made(" without required "),
        made(" too long"),
        made(" outside its values"),
    ];
    assert!(
        made.iter().all(|n| *n >= 5),
        "broken requests made: {made:?}"
    );
    for (bug, warning) in DOC_BUGS {
        let (file, rest) = warning.split_once(": ").unwrap();
        let all_warnings: Vec<String> = specs.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            all_warnings
                .iter()
                .any(|w| w.contains(file) && w.contains(rest)),
            "{bug}: the parser no longer warns `{warning}`"
        );
    }

    let dir = std::env::temp_dir().join(format!("antom-openapi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (doc_path, cases_path) = (dir.join("openapi.yaml"), dir.join("cases.json"));
    std::fs::write(&doc_path, &document).unwrap();
    std::fs::write(&cases_path, serde_json::to_vec(&cases).unwrap()).unwrap();
    let schemas_path = dir.join("schemas.json");
    std::fs::write(&schemas_path, serde_json::to_vec(&schemas(&root)).unwrap()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/openapi_check.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(&doc_path)
        .arg(&cases_path)
        .arg(&schemas_path)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "python3 cannot run ({e}): install it with openapi-spec-validator and jsonschema"
            )
        });
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the validators disagree with the pages (pip install openapi-spec-validator jsonschema \
         pyyaml if they are missing):\n{stdout}\n{stderr}"
    );
    println!("{stdout}");
}
