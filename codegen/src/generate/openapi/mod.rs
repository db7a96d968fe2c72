//! The plan as one OpenAPI 3.1 document: every API a `POST` operation on its path, every
//! notification a webhook, the bodies as components shared as the Rust models are, each page's
//! rules laid over them, and the result codes with their policies as `x-antom-result-codes`.
//!
//! It is made from the same plan as the Rust code (no second merge), so a schema and the Rust
//! type it describes share names, shapes and rules.

mod schemas;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::spec::ApiKind;

use super::plan::{Page, Plan, Request};
use schemas::{reference, structure};

/// A YAML/JSON value whose maps keep their insertion order, so that the document reads in the
/// order it is built (and is the same from run to run).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A sequence.
    Seq(Vec<Node>),
    /// A map, in insertion order.
    Map(Vec<(String, Node)>),
}

impl Node {
    fn str(text: impl AsRef<str>) -> Node {
        Node::Str(text.as_ref().to_owned())
    }

    fn map<K: AsRef<str>>(entries: impl IntoIterator<Item = (K, Node)>) -> Node {
        Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.as_ref().to_owned(), v))
                .collect(),
        )
    }

    /// Sets `key` (replacing an earlier value) in a map; does nothing to other nodes.
    fn insert(&mut self, key: &str, value: Node) {
        if let Node::Map(entries) = self {
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key.to_owned(), value)),
            }
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Node::Map(entries) if entries.is_empty())
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Str(s) => serializer.serialize_str(s),
            Node::Int(i) => serializer.serialize_i64(*i),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Seq(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// The OpenAPI document of `plan`.
pub fn document(plan: &Plan<'_>) -> Node {
    let mut schemas = Node::map([(
        "ResultStatus",
        Node::map([
            ("type", Node::str("string")),
            (
                "description",
                Node::str("`S`: success; `F`: failure; `U`: unknown, resend or inquire."),
            ),
            (
                "enum",
                Node::Seq(vec![Node::str("S"), Node::str("F"), Node::str("U")]),
            ),
        ]),
    )]);
    for e in plan.enums_by_name() {
        // The Rust enum keeps values no page lists: the component is open, and each page's
        // closed set is an `enum` where the page uses it.
        let mut node = Node::map([("type", Node::str("string"))]);
        if let Some(doc) = e.docs.first() {
            node.insert("description", Node::str(doc));
        }
        let values = e.variants.iter().map(|v| Node::str(&v.wire)).collect();
        node.insert("examples", Node::Seq(values));
        schemas.insert(&e.name, node);
    }
    for model in plan.models_by_name() {
        schemas.insert(&model.name, structure(plan, model, &[]));
    }
    let mut paths = Node::map::<&str>([]);
    let mut webhooks = Node::map::<&str>([]);
    for page in &plan.pages {
        body_schemas(plan, page, &mut schemas);
        let operation = operation(page);
        match (&page.spec.kind, &page.spec.endpoint) {
            (ApiKind::Request, Some(endpoint)) => {
                paths.insert(&endpoint.path, Node::map([("post", operation)]))
            }
            _ => webhooks.insert(&page.spec.api, Node::map([("post", operation)])),
        }
    }
    let server = |gateway: &str, prefix: &str, what: &str| {
        Node::map([
            ("url", Node::str(format!("{gateway}{prefix}"))),
            ("description", Node::str(what)),
        ])
    };
    let mut servers = Vec::new();
    for (gateway, region) in [
        ("https://open-sea-global.alipay.com", "Asia"),
        ("https://open-na-global.alipay.com", "North America"),
        ("https://open-de-global.alipay.com", "Europe"),
    ] {
        servers.push(server(
            gateway,
            "/ams/api",
            &format!("{region}, production"),
        ));
        servers.push(server(
            gateway,
            "/ams/sandbox/api",
            &format!("{region}, sandbox (client IDs starting with SANDBOX_)"),
        ));
    }
    Node::map([
        ("openapi", Node::str("3.1.0")),
        ("info", info()),
        ("servers", Node::Seq(servers)),
        ("paths", paths),
        ("webhooks", webhooks),
        (
            "components",
            Node::map([
                ("schemas", schemas),
                ("parameters", signed_headers(Direction::Request)),
                ("headers", signed_headers(Direction::Response)),
            ]),
        ),
    ])
}

fn info() -> Node {
    Node::map([
        ("title", Node::str("Antom API")),
        ("version", Node::str(env!("CARGO_PKG_VERSION"))),
        (
            "description",
            Node::str(
                "Antom's APIs and notifications, generated by antom-codegen from Antom's API \
                 reference pages (https://docs.antom.com), with the same names, shapes and rules \
                 as the antom Rust SDK.\n\n\
                 Wire rule: Antom sends numbers and booleans as JSON strings (\"1000\", \
                 \"true\"); such fields are strings with a pattern, and a JSON number or boolean \
                 is accepted too. A value range is stated with minimum and maximum, which JSON \
                 Schema checks on the number form only.\n\n\
                 Every request and response is signed (RSA-SHA256 over `POST <path>\\n\
                 <client-id>.<time>.<body>`): see the client-id, request-time, response-time \
                 and signature headers.",
            ),
        ),
    ])
}

/// Which way a message goes: the direction decides its time header, and whether the signed
/// headers are the operation's parameters or its response's headers.
#[derive(Clone, Copy, PartialEq)]
enum Direction {
    /// A request or notification, signed with `request-time`.
    Request,
    /// An answer, signed with `response-time`.
    Response,
}

/// The signed headers of a request (as `parameters`) or of a response (as `headers`), keyed by
/// component name.
fn signed_headers(direction: Direction) -> Node {
    let header = |name: &str, description: &str| {
        let mut node = Node::map::<&str>([]);
        if direction == Direction::Request {
            node.insert("name", Node::str(name));
            node.insert("in", Node::str("header"));
        }
        node.insert("description", Node::str(description));
        node.insert("required", Node::Bool(true));
        node.insert("schema", Node::map([("type", Node::str("string"))]));
        node
    };
    let time = match direction {
        Direction::Request => (
            "RequestTime",
            header(
                "request-time",
                "When the message was signed: milliseconds since the epoch from a merchant, \
                 ISO 8601 from Antom.",
            ),
        ),
        Direction::Response => (
            "ResponseTime",
            header(
                "response-time",
                "When the message was signed: ISO 8601 with an offset, 2019-05-28T12:12:14+08:00.",
            ),
        ),
    };
    Node::map([
        ("ClientId", header("client-id", "The merchant's client ID.")),
        time,
        (
            "Signature",
            header(
                "signature",
                "algorithm=RSA256,keyVersion=1,signature=<base64, URL-encoded>.",
            ),
        ),
    ])
}

/// The component name of a body type of `page`: its Rust path below the crate root, such as
/// `payments.CancelRequest` (two resources may both have a `CancelRequest`).
fn body_name(page: &Page<'_>, name: &str) -> String {
    format!("{}.{name}", page.resource)
}

/// The request and response bodies of `page` as components, named as their Rust types.
fn body_schemas(plan: &Plan<'_>, page: &Page<'_>, schemas: &mut Node) {
    match &page.request {
        Request::Body(body) => {
            let sets: Vec<&[_]> = body.checks.iter().map(Vec::as_slice).collect();
            schemas.insert(
                &body_name(page, &body.body.name),
                structure(plan, &body.body, &sets),
            );
        }
        Request::Products { products, .. } => {
            let mut variants = Vec::new();
            let mut mapping = Node::map::<&str>([]);
            let selector = products.first().and_then(|p| match p.selector.as_slice() {
                [(wire, _)] => Some(wire.clone()),
                _ => None,
            });
            let mut discriminated = selector.is_some();
            for product in products {
                let name = &body_name(page, &product.request.name);
                schemas.insert(
                    name,
                    structure(plan, &product.request, &[product.checks.as_slice()]),
                );
                variants.push(reference(name));
                match (product.selector.as_slice(), &selector) {
                    ([(wire, value)], Some(selector)) if wire == selector => {
                        mapping.insert(value, Node::str(format!("#/components/schemas/{name}")))
                    }
                    _ => discriminated = false,
                }
            }
            let titles: Vec<&str> = products.iter().map(|p| p.title.as_str()).collect();
            let description = format!(
                "The request body of `{}`, for one of the products its pages document: {}.",
                page.spec.api,
                titles.join(", ")
            );
            let mut node = Node::map([
                ("oneOf", Node::Seq(variants)),
                ("description", Node::str(description)),
            ]);
            if let (true, Some(selector)) = (discriminated, selector) {
                node.insert(
                    "discriminator",
                    Node::map([("propertyName", Node::str(selector)), ("mapping", mapping)]),
                );
            }
            schemas.insert(&body_name(page, &format!("{}Request", page.ident)), node);
        }
    }
    let sets: Vec<&[_]> = page.response.checks.iter().map(Vec::as_slice).collect();
    schemas.insert(
        &body_name(page, &page.response.body.name),
        structure(plan, &page.response.body, &sets),
    );
}

/// The `post` operation of an API or a notification.
fn operation(page: &Page<'_>) -> Node {
    let spec = page.spec;
    let json = |schema: Node| {
        Node::map([(
            "content",
            Node::map([("application/json", Node::map([("schema", schema)]))]),
        )])
    };
    let mut request = json(reference(&body_name(
        page,
        &format!("{}Request", page.ident),
    )));
    request.insert("required", Node::Bool(true));
    let mut answer = json(reference(&body_name(page, &page.response.body.name)));
    let answer_what = match spec.kind {
        ApiKind::Request => "Antom's answer, signed.",
        ApiKind::Notification => "The merchant's acknowledgement.",
    };
    answer.insert("description", Node::str(answer_what));
    let headers = Node::map(
        [
            ("client-id", "ClientId"),
            ("response-time", "ResponseTime"),
            ("signature", "Signature"),
        ]
        .map(|(header, component)| {
            let target = format!("#/components/headers/{component}");
            (header, Node::map([("$ref", Node::str(target))]))
        }),
    );
    answer.insert("headers", headers);
    let parameters = ["ClientId", "RequestTime", "Signature"]
        .map(|p| Node::map([("$ref", Node::str(format!("#/components/parameters/{p}")))]));
    let codes = page
        .codes
        .iter()
        .map(|c| {
            let mut code = Node::map([("code", Node::str(&c.code))]);
            if let Some(status) = c.status {
                code.insert("status", Node::str(status.letter()));
            }
            code.insert("message", Node::str(&c.message));
            code.insert("retryable", Node::Bool(c.retryable));
            code
        })
        .collect();
    let description = if spec.description.is_empty() {
        &spec.summary
    } else {
        &spec.description
    };
    Node::map([
        (
            "operationId",
            Node::str(format!(
                "{}_{}",
                page.resource,
                page.method.trim_start_matches("r#")
            )),
        ),
        ("tags", Node::Seq(vec![Node::str(&page.resource)])),
        ("summary", Node::str(&spec.api)),
        ("description", Node::str(description)),
        ("parameters", Node::Seq(parameters.into())),
        ("requestBody", request),
        ("responses", Node::map([("200", answer)])),
        ("x-antom-result-codes", Node::Seq(codes)),
    ])
}
