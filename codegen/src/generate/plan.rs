//! From schemas to a plan of Rust items: every naming, merging and deduplicating decision is
//! taken here, before any code is emitted, so that [`mod@super::emit`] is a plain translation.
//!
//! # Models shared by several pages
//!
//! A parameter whose type names a model (`Amount`, `Array<Goods>`) describes that model through
//! its children. Every description of a model, on every page, request and response alike, is
//! merged into one struct (pages in file order, request before response, fields in page order):
//!
//! - the fields are the union of the fields of every description, in order of first appearance;
//! - a field is required only if every description has it and marks it REQUIRED;
//! - constraints are the loosest given: the longest maximum length (none if any description gives
//!   none), the widest value range, the union of closed value sets (open if any description
//!   leaves the values open);
//! - a field is sensitive if any description says so;
//! - a field's description is the one most descriptions give; a note only some pages give is
//!   kept, prefixed with those pages' APIs (`On `notifyPayment`: ...`);
//! - the struct's documentation is the holding field's text if every page gives the same one,
//!   otherwise a neutral sentence (each holding field says what the model means there).
//!
//! Each model described in more than one way gets one warning listing the differences.
//!
//! An object whose fields the page all fixes (a notification's acknowledgement `result`) is
//! not a description of its model but a constant: it is always sent and is no Rust field.
//!
//! # Names
//!
//! Types are UpperCamelCase, fields snake_case (`is3DSAuthentication` → `is_3ds_authentication`,
//! keywords as raw identifiers, a leading digit after `n_`), with `#[serde(rename)]` wherever
//! serde's camelCase would not give the wire name back. Each page takes `{Api}`,
//! `{Api}Request`, `{Api}Response` and `{Api}ResultCode`. A model whose name the runtime or the
//! prelude already uses (`Result`, `Error`, `Client`, ...) gets `Api` in front (`ApiResult`);
//! any other clash is an error naming both sides.
//!
//! # Enums
//!
//! A field with `Valid values` becomes an enum named after the field (`paymentMethodType` →
//! `PaymentMethodType`), shared by every field of that name with the same set of values. When
//! fields of one name have different sets, or the name is taken, each set is named after the
//! first struct that has it (`InquireVaultingResponseVaultingStatus`). A `resultStatus` field
//! whose values are among `S`, `F`, `U` uses the runtime's `ResultStatus`.

use std::collections::{BTreeMap, BTreeSet};

use crate::spec::{ApiKind, ApiSpec, EnumValue, Parameter, Type, ValueRange, Values};

use super::names::{self, model_type, snake, upper_camel};
use crate::diagnostic::Diagnostic;

/// Everything to generate.
#[derive(Debug)]
pub struct Plan<'a> {
    /// Models shared by the pages, by Rust name.
    pub models: Vec<Struct>,
    /// Field-level enums, by Rust name.
    pub enums: Vec<Enum>,
    /// One entry per page, by API name.
    pub pages: Vec<Page<'a>>,
}

/// One page's items.
#[derive(Debug)]
pub struct Page<'a> {
    /// The schema.
    pub spec: &'a ApiSpec,
    /// The page, as named in diagnostics.
    pub file: String,
    /// `CreateVaultingSession`.
    pub ident: String,
    /// `create_vaulting_session`: the client method and the generated file's name.
    pub snake: String,
    /// `{ident}Request`.
    pub request: Struct,
    /// `{ident}Response`.
    pub response: Struct,
    /// The result codes, deduplicated by code.
    pub codes: Vec<Code>,
}

/// One row of a page's result-code tables.
#[derive(Debug)]
pub struct Code {
    /// `PARAM_ILLEGAL`.
    pub code: String,
    /// `ParamIllegal`.
    pub ident: String,
    /// `S`, `F` or `U`.
    pub status: crate::spec::ResultStatus,
    /// The page's message.
    pub message: String,
    /// The further action.
    pub action: String,
    /// Whether the identical request may be sent again, as the schema says.
    pub retryable: bool,
}

/// A struct to generate.
#[derive(Debug)]
pub struct Struct {
    /// The Rust name.
    pub name: String,
    /// Documentation paragraphs.
    pub docs: Vec<String>,
    /// The fields, in page order.
    pub fields: Vec<Field>,
}

/// A field of a [`Struct`].
#[derive(Debug)]
pub struct Field {
    /// The wire name.
    pub wire: String,
    /// The Rust name (may be a raw identifier).
    pub ident: String,
    /// The Rust type, without the `Option` of an optional field.
    pub ty: FieldType,
    /// Plain type when required, `Option` otherwise.
    pub required: bool,
    /// Documentation paragraphs.
    pub docs: Vec<String>,
    /// `Maximum length`, in characters.
    pub max_length: Option<u32>,
    /// `Value range`.
    pub range: Option<ValueRange>,
    /// `Debug` prints `***` instead of the value.
    pub sensitive: bool,
    /// `fixed to X`: not a Rust field; serialized as this constant.
    pub fixed: Option<Fixed>,
}

/// The constant a page fixes a field to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fixed {
    /// `fixed to X`.
    Value(String),
    /// An object all of whose fields are fixed (a notification's acknowledgement): wire name
    /// and value of each.
    Object(Vec<(String, String)>),
}

/// The fields of an object parameter when the page fixes every one of them (`result` of a
/// notification's acknowledgement), as (wire name, value).
fn fixed_object(p: &Parameter) -> Option<Vec<(String, String)>> {
    if !matches!(p.ty, Type::Model(_)) || p.children.is_empty() {
        return None;
    }
    p.children
        .iter()
        .map(|c| match &c.values {
            Some(Values::Fixed(value)) if c.children.is_empty() => {
                Some((c.name.clone(), value.clone()))
            }
            _ => None,
        })
        .collect()
}

/// The Rust type of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// `String`.
    String,
    /// `i64`, sent as a string.
    Integer,
    /// `Decimal`, sent as a string.
    Decimal,
    /// `bool`, sent as a string.
    Boolean,
    /// `time::OffsetDateTime`, in ISO 8601 form.
    Datetime,
    /// A generated enum.
    Enum(String),
    /// A generated struct.
    Model(String),
    /// The runtime's `ResultStatus`.
    ResultStatus,
    /// A model no page describes: kept as JSON.
    Json,
    /// `Vec<T>`.
    Array(Box<FieldType>),
}

/// A field-level enum.
#[derive(Debug)]
pub struct Enum {
    /// The Rust name.
    pub name: String,
    /// Documentation paragraphs.
    pub docs: Vec<String>,
    /// The documented values.
    pub variants: Vec<Variant>,
}

/// A documented value of an [`Enum`].
#[derive(Debug)]
pub struct Variant {
    /// The wire spelling.
    pub wire: String,
    /// The Rust name.
    pub ident: String,
    /// What the page says it means.
    pub docs: String,
}

/// A parameter as the generator sees it: one page's, or the merge of a model's descriptions.
#[derive(Debug, Clone)]
struct Param<'a> {
    /// Where the parameter is documented (the first description, for a merged one).
    file: &'a str,
    line: usize,
    name: &'a str,
    ty: &'a Type,
    required: bool,
    description: &'a str,
    notes: Vec<String>,
    max_length: Option<u32>,
    range: Option<ValueRange>,
    values: Option<Values>,
    sensitive: bool,
    idempotency_key: bool,
    fixed_object: Option<Vec<(String, String)>>,
}

impl<'a> Param<'a> {
    fn of(p: &'a Parameter, file: &'a str) -> Self {
        Param {
            file,
            line: p.line,
            name: &p.name,
            ty: &p.ty,
            required: p.required,
            description: &p.description,
            notes: p.notes.clone(),
            max_length: p.max_length,
            range: p.range.clone(),
            values: p.values.clone(),
            sensitive: p.sensitive,
            idempotency_key: p.idempotency_key,
            fixed_object: fixed_object(p),
        }
    }
}

/// One description of a model: the children of one parameter on one page.
struct Description<'a> {
    api: &'a str,
    file: &'a str,
    line: usize,
    description: &'a str,
    fields: &'a [Parameter],
}

/// Builds the plan; errors make generation fail, warnings do not.
pub fn plan<'a>(
    specs: &'a [(String, ApiSpec)],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Plan<'a>, Vec<Diagnostic>> {
    let mut errors = Vec::new();

    // Pages, by API name.
    let mut by_ident: BTreeMap<String, (&'a str, &'a ApiSpec)> = BTreeMap::new();
    let mut sorted: Vec<&(String, ApiSpec)> = specs.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (file, spec) in sorted {
        let ident = upper_camel(&spec.api);
        if ident.is_empty() {
            errors.push(Diagnostic::error(
                file,
                1,
                format!(
                    "API `{}` has no ASCII letter or digit to make a Rust name of: expected a name such as `pay`",
                    spec.api
                ),
            ));
            continue;
        }
        if let Some(reserved) = ["", "Request", "Response", "ResultCode"]
            .iter()
            .map(|suffix| format!("{ident}{suffix}"))
            .find(|name| names::RESERVED_TYPES.contains(&name.as_str()))
        {
            errors.push(Diagnostic::error(
                file,
                1,
                format!(
                    "API `{}` would define the type `{reserved}`, which the runtime or Rust already uses",
                    spec.api
                ),
            ));
            continue;
        }
        if spec.kind == ApiKind::Request
            && names::RESERVED_METHODS.contains(&snake(&spec.api).as_str())
        {
            errors.push(Diagnostic::error(
                file,
                1,
                format!(
                    "API `{}` would be the method `Client::{}`, which the runtime already defines",
                    spec.api,
                    snake(&spec.api)
                ),
            ));
            continue;
        }
        if let Some((other, _)) = by_ident.get(&ident) {
            errors.push(Diagnostic::error(
                file,
                1,
                format!("API `{}` is also described by {other}", spec.api),
            ));
            continue;
        }
        if spec.kind == ApiKind::Request && spec.endpoint.is_none() {
            errors.push(Diagnostic::error(
                file,
                1,
                format!("request API `{}` has no endpoint", spec.api),
            ));
        }
        by_ident.insert(ident, (file, spec));
    }

    // Every description of every model.
    let mut descriptions: BTreeMap<&'a str, Vec<Description<'a>>> = BTreeMap::new();
    let mut referenced: BTreeMap<&'a str, (&'a str, usize)> = BTreeMap::new();
    for (file, spec) in by_ident.values() {
        for p in spec.request.iter().chain(&spec.response) {
            collect(&spec.api, file, p, &mut descriptions, &mut referenced);
        }
    }

    // Rust names of models, checked against each other and the pages' types.
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for r in names::RESERVED_TYPES {
        taken.insert((*r).to_owned(), "the runtime".to_owned());
    }
    for (ident, (file, _)) in &by_ident {
        for suffix in ["", "Request", "Response", "ResultCode"] {
            taken.insert(format!("{ident}{suffix}"), (*file).to_owned());
        }
    }
    let mut model_names: BTreeMap<&'a str, String> = BTreeMap::new();
    for (name, (file, line)) in &referenced {
        if !descriptions.contains_key(name) {
            warnings.push(Diagnostic::warning(
                *file,
                *line,
                format!("model `{name}` has no documented fields on any page; it is kept as JSON"),
            ));
            continue;
        }
        let rust = model_type(name);
        if let Some(owner) = taken.get(&rust) {
            errors.push(Diagnostic::error(
                *file,
                *line,
                format!("model `{name}` would be named `{rust}`, which {owner} already uses"),
            ));
            continue;
        }
        taken.insert(rust.clone(), format!("model `{name}`"));
        model_names.insert(name, rust);
    }

    // Merged models.
    let mut merged: BTreeMap<&'a str, Vec<Param<'a>>> = BTreeMap::new();
    let mut model_docs: BTreeMap<&'a str, &'a str> = BTreeMap::new();
    for (name, descs) in &descriptions {
        let (fields, differences) = merge(descs);
        if !differences.is_empty() {
            let first = &descs[0];
            warnings.push(Diagnostic::warning(
                first.file,
                first.line,
                format!(
                    "model `{name}` is described differently on different pages; merged \
                     (union of fields, required only where always required, loosest constraints):\n  - {}",
                    differences.join("\n  - ")
                ),
            ));
        }
        merged.insert(name, fields);
        let first = descs[0].description;
        model_docs.insert(
            name,
            if descs.iter().all(|d| d.description == first) {
                first
            } else {
                ""
            },
        );
    }
    // Structs with their fields, and the enum candidates they contain.
    let mut enums = EnumPlanner::default();
    let mut models = Vec::new();
    for (name, fields) in &merged {
        let Some(rust) = model_names.get(name) else {
            continue;
        };
        let docs = vec![model_doc(name, model_docs[name])];
        models.push(build_struct(
            rust,
            docs,
            fields,
            &model_names,
            &mut enums,
            &mut errors,
        ));
    }
    let mut pages = Vec::new();
    for (ident, (file, spec)) in &by_ident {
        let request: Vec<Param> = spec.request.iter().map(|p| Param::of(p, file)).collect();
        let response: Vec<Param> = spec.response.iter().map(|p| Param::of(p, file)).collect();
        let (req_doc, resp_doc) = match spec.kind {
            ApiKind::Request => (
                format!("The request body of `{}`.", spec.api),
                format!("The response body of `{}`.", spec.api),
            ),
            ApiKind::Notification => (
                format!(
                    "The body of `{}`: what Antom sends to the merchant.",
                    spec.api
                ),
                format!(
                    "The merchant's acknowledgement of `{}`: what the merchant answers Antom.",
                    spec.api
                ),
            ),
        };
        let request = build_struct(
            &format!("{ident}Request"),
            vec![req_doc],
            &request,
            &model_names,
            &mut enums,
            &mut errors,
        );
        let response = build_struct(
            &format!("{ident}Response"),
            vec![resp_doc],
            &response,
            &model_names,
            &mut enums,
            &mut errors,
        );
        let codes = codes(file, spec, warnings, &mut errors);
        pages.push(Page {
            spec,
            file: (*file).to_owned(),
            ident: ident.clone(),
            snake: snake(&spec.api),
            request,
            response,
            codes,
        });
    }

    let enums = enums.finish(&mut taken, &mut models, &mut pages);
    models.sort_by(|a, b| a.name.cmp(&b.name));
    if errors.is_empty() {
        Ok(Plan {
            models,
            enums,
            pages,
        })
    } else {
        Err(errors)
    }
}

fn collect<'a>(
    api: &'a str,
    file: &'a str,
    p: &'a Parameter,
    descriptions: &mut BTreeMap<&'a str, Vec<Description<'a>>>,
    referenced: &mut BTreeMap<&'a str, (&'a str, usize)>,
) {
    if fixed_object(p).is_some() {
        // A constant, not a description of its model.
        return;
    }
    if let Type::Model(name) = p.ty.element() {
        referenced.entry(name).or_insert((file, p.line));
        if !p.children.is_empty() {
            descriptions.entry(name).or_default().push(Description {
                api,
                file,
                line: p.line,
                description: &p.description,
                fields: &p.children,
            });
        }
    }
    for child in &p.children {
        collect(api, file, child, descriptions, referenced);
    }
}

/// Merges the descriptions of one model (see the module documentation); also returns the
/// differences found, as sentences.
fn merge<'a>(descs: &[Description<'a>]) -> (Vec<Param<'a>>, Vec<String>) {
    let mut fields: Vec<Param<'a>> = Vec::new();
    // Per field: every description's text, and every description's (API, notes).
    let mut texts: Vec<Vec<&'a str>> = Vec::new();
    let mut notes: Vec<Vec<(&'a str, &'a [String])>> = Vec::new();
    let mut differences = Vec::new();
    let at = |d: &Description, line: usize| format!("{}:{}", d.file, line);
    for (i, desc) in descs.iter().enumerate() {
        for p in desc.fields {
            let index = fields.iter().position(|f| f.name == p.name);
            if index.is_none() {
                texts.push(Vec::new());
                notes.push(Vec::new());
            }
            let at_field = index.unwrap_or(fields.len());
            texts[at_field].push(&p.description);
            notes[at_field].push((desc.api, &p.notes));
            match index.map(|i| &mut fields[i]) {
                None => {
                    let mut param = Param::of(p, desc.file);
                    if i > 0 {
                        differences.push(format!(
                            "`{}` only in some descriptions (first at {})",
                            p.name,
                            at(desc, p.line)
                        ));
                        param.required = false;
                    }
                    fields.push(param);
                }
                Some(f) => {
                    let here = at(desc, p.line);
                    if f.ty != &p.ty {
                        let loose = loosest_type(f.ty, &p.ty);
                        differences.push(format!(
                            "`{}` is {} here but {} at {here}; using {loose}",
                            p.name, f.ty, p.ty
                        ));
                        if loose == &p.ty {
                            f.ty = &p.ty;
                        }
                    }
                    if f.required != p.required {
                        if f.required {
                            differences.push(format!("`{}` is optional at {here}", p.name));
                        }
                        f.required = false;
                    }
                    if f.max_length != p.max_length {
                        differences.push(format!(
                            "`{}` has maximum length {} and {} at {here}",
                            p.name,
                            show(f.max_length),
                            show(p.max_length)
                        ));
                        f.max_length = f.max_length.zip(p.max_length).map(|(a, b)| a.max(b));
                    }
                    if f.range != p.range {
                        differences
                            .push(format!("`{}` has different value ranges at {here}", p.name));
                        f.range = match (&f.range, &p.range) {
                            (Some(a), Some(b)) => Some(ValueRange {
                                min: a.min.min(b.min),
                                max: a.max.zip(b.max).map(|(a, b)| a.max(b)),
                            }),
                            _ => None,
                        };
                    }
                    if f.values != p.values {
                        differences.push(format!("`{}` has different values at {here}", p.name));
                        f.values = merge_values(f.values.take(), p.values.clone());
                    }
                    f.sensitive |= p.sensitive;
                    f.idempotency_key |= p.idempotency_key;
                }
            }
        }
        if i > 0 {
            for f in &mut fields {
                if !desc.fields.iter().any(|p| p.name == f.name) && f.required {
                    differences.push(format!(
                        "`{}` is missing from the description at {}",
                        f.name,
                        at(desc, desc.line)
                    ));
                    f.required = false;
                }
            }
        }
    }
    for ((field, texts), notes) in fields.iter_mut().zip(texts).zip(notes) {
        field.description = most_common(&texts);
        field.notes = merge_notes(&notes);
    }
    (fields, differences)
}

/// The most frequent non-empty text (the first of equally frequent ones), or `""`.
fn most_common<'a>(texts: &[&'a str]) -> &'a str {
    let mut best = ("", 0);
    for text in texts.iter().filter(|t| !t.is_empty()) {
        let count = texts.iter().filter(|t| *t == text).count();
        if count > best.1 {
            best = (text, count);
        }
    }
    best.0
}

/// The notes of a field that several pages describe: a note every page gives is kept as it
/// is; one only some pages give is said to be theirs (`On `notifyPayment`: ...`).
fn merge_notes(described: &[(&str, &[String])]) -> Vec<String> {
    let mut merged: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (_, notes) in described {
        for note in notes.iter() {
            if seen.contains(&note.as_str()) {
                continue;
            }
            seen.push(note);
            let mut apis: Vec<&str> = described
                .iter()
                .filter(|(_, n)| n.contains(note))
                .map(|(api, _)| *api)
                .collect();
            apis.dedup();
            if apis.len() == described.len() {
                merged.push(note.clone());
            } else {
                let list: Vec<String> = apis.iter().map(|a| format!("`{a}`")).collect();
                merged.push(format!("On {}: {note}", list.join(", ")));
            }
        }
    }
    merged
}

fn show(n: Option<u32>) -> String {
    n.map_or_else(|| "none".to_owned(), |n| n.to_string())
}

/// Of two documented types, the one that accepts both: text over anything else.
fn loosest_type<'a>(a: &'a Type, b: &'a Type) -> &'a Type {
    match (a, b) {
        (Type::String, _) => a,
        (_, Type::String) => b,
        (Type::Url, _) => a,
        (_, Type::Url) => b,
        _ => a,
    }
}

fn merge_values(a: Option<Values>, b: Option<Values>) -> Option<Values> {
    let closed = |v: Values| match v {
        Values::Closed(values) => Some(values),
        Values::Fixed(value) => Some(vec![EnumValue {
            value,
            description: String::new(),
        }]),
        Values::Open(_) => None,
    };
    match (a, b) {
        (Some(Values::Fixed(x)), Some(Values::Fixed(y))) if x == y => Some(Values::Fixed(x)),
        (Some(a), Some(b)) => match (closed(a.clone()), closed(b.clone())) {
            (Some(mut a), Some(b)) => {
                for v in b {
                    if let Some(known) = a.iter_mut().find(|k| k.value == v.value) {
                        if known.description.is_empty() {
                            known.description = v.description;
                        }
                    } else {
                        a.push(v);
                    }
                }
                Some(Values::Closed(a))
            }
            _ => {
                let mut open: Vec<String> = Vec::new();
                for v in [a, b] {
                    match v {
                        Values::Closed(vs) => open.extend(vs.into_iter().map(|v| v.value)),
                        Values::Open(vs) => open.extend(vs),
                        Values::Fixed(v) => open.push(v),
                    }
                }
                open.dedup();
                Some(Values::Open(open))
            }
        },
        _ => None,
    }
}

/// The documentation of a model: the text of the field that holds it, if every field that
/// holds it says the same; otherwise a pointer to those fields, which say what it holds there.
fn model_doc(name: &str, description: &str) -> String {
    if description.is_empty() {
        format!(
            "The `{name}` object, used by several fields; each of them says what it holds there."
        )
    } else {
        description.to_owned()
    }
}

fn build_struct(
    name: &str,
    docs: Vec<String>,
    params: &[Param<'_>],
    model_names: &BTreeMap<&str, String>,
    enums: &mut EnumPlanner,
    errors: &mut Vec<Diagnostic>,
) -> Struct {
    let mut fields: Vec<Field> = Vec::new();
    for p in params {
        let ident = snake(p.name);
        if ident.is_empty() {
            errors.push(Diagnostic::error(
                p.file,
                p.line,
                format!(
                    "parameter `{}` has no ASCII letter or digit to make a Rust field name of: expected a name such as `paymentId`",
                    p.name
                ),
            ));
            continue;
        }
        if let Some(twin) = fields.iter().find(|f| f.ident == ident) {
            errors.push(Diagnostic::error(
                p.file,
                p.line,
                format!(
                    "parameters `{}` and `{}` of `{name}` would both be the Rust field `{ident}`: expected names that differ in more than case and underscores",
                    twin.wire, p.name
                ),
            ));
            continue;
        }
        let mut fixed = p.fixed_object.clone().map(Fixed::Object);
        let ty = match &p.values {
            _ if fixed.is_some() => FieldType::Json,
            Some(Values::Fixed(value)) => {
                fixed = Some(Fixed::Value(value.clone()));
                field_type(p.ty, model_names)
            }
            Some(Values::Closed(values)) if p.ty.element() == &Type::String => {
                let scalar = if p.name == "resultStatus"
                    && values
                        .iter()
                        .all(|v| matches!(v.value.as_str(), "S" | "F" | "U"))
                {
                    FieldType::ResultStatus
                } else {
                    FieldType::Enum(enums.candidate(name, p.name, p.description, values))
                };
                match p.ty {
                    Type::Array(_) => FieldType::Array(Box::new(scalar)),
                    _ => scalar,
                }
            }
            _ => field_type(p.ty, model_names),
        };
        fields.push(Field {
            wire: p.name.to_owned(),
            ident,
            ty,
            required: p.required,
            docs: field_docs(p),
            max_length: p.max_length,
            range: p.range.clone(),
            sensitive: p.sensitive,
            fixed,
        });
    }
    Struct {
        name: name.to_owned(),
        docs,
        fields,
    }
}

fn field_type(ty: &Type, model_names: &BTreeMap<&str, String>) -> FieldType {
    match ty {
        Type::String | Type::Url => FieldType::String,
        Type::Integer => FieldType::Integer,
        Type::Decimal => FieldType::Decimal,
        Type::Boolean => FieldType::Boolean,
        Type::Datetime => FieldType::Datetime,
        Type::Model(name) => match model_names.get(name.as_str()) {
            Some(rust) => FieldType::Model(rust.clone()),
            None => FieldType::Json,
        },
        Type::Array(inner) => FieldType::Array(Box::new(field_type(inner, model_names))),
    }
}

fn field_docs(p: &Param<'_>) -> Vec<String> {
    let mut docs = Vec::new();
    if !p.description.is_empty() {
        docs.push(p.description.to_owned());
    }
    docs.extend(p.notes.iter().cloned());
    if let Some(Values::Open(values)) = &p.values {
        if !values.is_empty() {
            let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            let sentence = format!("Some possible values: {}.", list.join(", "));
            if !docs.iter().any(|d| d.contains("possible values")) {
                docs.push(sentence);
            }
        }
    }
    let mut facts = Vec::new();
    if p.idempotency_key {
        facts.push("An API idempotency field.".to_owned());
    }
    if let Some(max) = p.max_length {
        facts.push(format!("Maximum length: {max} characters."));
    }
    if let Some(range) = &p.range {
        facts.push(match range.max {
            Some(max) => format!("Value range: {} - {max}.", range.min),
            None => format!("Value range: {} - unlimited.", range.min),
        });
    }
    if p.required {
        facts.push("Required.".to_owned());
    }
    if !facts.is_empty() {
        docs.push(facts.join(" "));
    }
    if docs.is_empty() {
        docs.push(format!("The `{}` field.", p.name));
    }
    docs
}

/// Names the enums of closed value sets (see the module documentation).
#[derive(Default)]
struct EnumPlanner {
    /// By wire field name, the distinct value sets with the first owner and merged values.
    by_field: BTreeMap<String, Vec<EnumCandidate>>,
}

struct EnumCandidate {
    owner: String,
    set: BTreeSet<String>,
    values: Vec<EnumValue>,
    /// The placeholder name given to fields until the enum is named.
    placeholder: String,
    /// The first paragraph of the first field's description.
    description: String,
}

impl EnumPlanner {
    /// Registers a closed set found on field `field` of struct `owner`; returns a placeholder
    /// name, replaced by the final name in [`EnumPlanner::finish`].
    fn candidate(
        &mut self,
        owner: &str,
        field: &str,
        description: &str,
        values: &[EnumValue],
    ) -> String {
        let set: BTreeSet<String> = values.iter().map(|v| v.value.clone()).collect();
        let candidates = self.by_field.entry(field.to_owned()).or_default();
        if let Some(c) = candidates.iter_mut().find(|c| c.set == set) {
            for v in values {
                if let Some(known) = c.values.iter_mut().find(|k| k.value == v.value) {
                    if known.description.is_empty() {
                        known.description = v.description.clone();
                    }
                }
            }
            return c.placeholder.clone();
        }
        let placeholder = format!("\0{field}\0{}", candidates.len());
        candidates.push(EnumCandidate {
            owner: owner.to_owned(),
            set,
            values: values.to_vec(),
            placeholder: placeholder.clone(),
            description: description
                .split("\n\n")
                .next()
                .unwrap_or_default()
                .to_owned(),
        });
        placeholder
    }

    fn finish(
        self,
        taken: &mut BTreeMap<String, String>,
        models: &mut [Struct],
        pages: &mut [Page<'_>],
    ) -> Vec<Enum> {
        let mut renames: BTreeMap<String, String> = BTreeMap::new();
        let mut enums = Vec::new();
        for (field, candidates) in self.by_field {
            let shared = candidates.len() == 1;
            for c in candidates {
                let base = upper_camel(&field);
                let mut name = if shared && !taken.contains_key(&base) {
                    base.clone()
                } else {
                    format!("{}{base}", c.owner)
                };
                while taken.contains_key(&name) {
                    name.push_str("Value");
                }
                taken.insert(name.clone(), format!("the enum of `{field}`"));
                renames.insert(c.placeholder, name.clone());
                let mut variants: Vec<Variant> = Vec::new();
                for v in &c.values {
                    let mut ident = upper_camel(&v.value);
                    if ident.is_empty() {
                        ident = "Empty".to_owned();
                    }
                    while matches!(ident.as_str(), "Unknown" | "Self")
                        || variants.iter().any(|x| x.ident == ident)
                    {
                        ident.push_str("Value");
                    }
                    variants.push(Variant {
                        wire: v.value.clone(),
                        ident,
                        docs: v.description.clone(),
                    });
                }
                let mut docs = Vec::new();
                if !c.description.is_empty() {
                    docs.push(c.description.clone());
                }
                docs.push(format!(
                    "The valid values of `{field}`, with a fallback for values the pages do not list."
                ));
                enums.push(Enum {
                    docs,
                    name,
                    variants,
                });
            }
        }
        let rename = |s: &mut Struct| {
            for f in &mut s.fields {
                rename_type(&mut f.ty, &renames);
            }
        };
        models.iter_mut().for_each(rename);
        for p in pages {
            rename(&mut p.request);
            rename(&mut p.response);
        }
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        enums
    }
}

fn rename_type(ty: &mut FieldType, renames: &BTreeMap<String, String>) {
    match ty {
        FieldType::Enum(name) => {
            if let Some(new) = renames.get(name) {
                *name = new.clone();
            }
        }
        FieldType::Array(inner) => rename_type(inner, renames),
        _ => {}
    }
}

/// The page's result codes, deduplicated by code (the first row wins; a later row giving the
/// same code another status is reported).
fn codes(
    file: &str,
    spec: &ApiSpec,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Code> {
    let mut codes: Vec<Code> = Vec::new();
    for table in &spec.result_codes {
        for row in &table.codes {
            if let Some(known) = codes.iter().find(|c| c.code == row.code) {
                if known.status != row.status {
                    warnings.push(Diagnostic::warning(
                        file,
                        row.line,
                        format!(
                            "result code `{}` is listed again with status {:?}; keeping {:?}",
                            row.code, row.status, known.status
                        ),
                    ));
                }
                continue;
            }
            let mut ident = upper_camel(&row.code);
            if ident.is_empty() {
                errors.push(Diagnostic::error(
                    file,
                    row.line,
                    format!(
                        "result code `{}` has no ASCII letter or digit to make a Rust name of: expected a code such as `PARAM_ILLEGAL`",
                        row.code
                    ),
                ));
                continue;
            }
            while matches!(ident.as_str(), "Unknown" | "Self")
                || codes.iter().any(|c| c.ident == ident)
            {
                ident.push_str("Code");
            }
            codes.push(Code {
                code: row.code.clone(),
                ident,
                status: row.status,
                message: row.message.clone(),
                action: row.action.clone(),
                retryable: row.retryable,
            });
        }
    }
    codes
}
