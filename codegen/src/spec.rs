//! The schema: the one intermediate representation between the stages.
//!
//! The parser ([`crate::page`]) turns an Antom API page into an [`ApiSpec`]; the generator
//! ([`crate::generate`]) turns a set of [`ApiSpec`]s into Rust. In between, an [`ApiSpec`] is
//! stored as YAML in `spec/<page>.yaml`, written to be read by a human in a diff: keys appear in
//! the order the fields are declared here, empty lists and absent values are left out, and every
//! parameter carries the line of the page it came from.
//!
//! [`ApiSpec::to_yaml`] and [`ApiSpec::from_yaml`] write and read it through `crate::yaml`, the
//! one module that uses the YAML library.

use serde::{Deserialize, Serialize};

pub use crate::yaml::SchemaError;
pub use types::{FREE_FORM_TYPES, Type, TypeError};

mod types;

/// One Antom API, as described by one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSpec {
    /// The API's name, as the page's title gives it: `createVaultingSession`, `pay`.
    pub api: String,
    /// The product the page documents the API for, when its title names one after the API's
    /// name: `One-time Payments` for `# pay (One-time Payments)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// The page this schema was parsed from, relative to the schema file: `vaulting_session.md`.
    pub source: String,
    /// Whether the merchant calls this API, or Antom calls the merchant with it.
    pub kind: ApiKind,
    /// The HTTP endpoint of a [`ApiKind::Request`] API; notifications have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
    /// How one notification URL that receives every notification tells this one from the
    /// others; requests have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispatch: Option<Dispatch>,
    /// The API the page's result process logic names to learn the outcome of a call whose
    /// outcome is unknown (`inquiryPayment` for `pay`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inquiry: Option<String>,
    /// The API the page's result process logic says to cancel with when the outcome stays
    /// unknown (`cancel the payment through cancel`): `cancel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel: Option<String>,
    /// For an inquiry API: the response field that says where what it inquires stands, and
    /// which of its values are final.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_status: Option<FinalStatus>,
    /// The one-paragraph summary under the title.
    pub summary: String,
    /// The longer description, when the page gives one that differs from the summary.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// What the page's `More information` sections say about the API as a whole, as Markdown
    /// (tables kept), one entry per section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The request body: what the merchant sends, or for a notification what Antom sends.
    pub request: Vec<Parameter>,
    /// The response body: what Antom answers, or for a notification the merchant's acknowledgement.
    pub response: Vec<Parameter>,
    /// The page's "Result process logic": what each result status means for the caller.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub result_process: Vec<ResultProcess>,
    /// The result-code tables, in page order ("Result/Error codes", then any others).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub result_codes: Vec<ResultCodeTable>,
    /// The JSON examples, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// The field of an inquiry's response that says whether the inquired payment, refund or
/// vaulting is final.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinalStatus {
    /// The field's wire name: `paymentStatus`.
    pub field: String,
    /// The values that are final: `SUCCESS`, `FAIL`, `CANCELLED`.
    pub values: Vec<String>,
    /// The values that are not, which the page describes as still going on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<String>,
    /// The result code that says the inquired request does not exist (`ORDER_NOT_EXIST`): a
    /// status `F` code whose message says it does not exist or cannot be found, and whose action
    /// names one of the inquiry's request parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_found: Option<String>,
}

/// How a notification is told from the others when one URL receives them all. Written as a
/// plain map whose `by` says which rule (`by: field` with its `name` and `values`, or
/// `by: route`), so that any YAML loader reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
pub enum Dispatch {
    /// By the body's own type field (`notifyType`): its value is one of `values`, or, when the
    /// page lists none, the field is there at all.
    Field {
        /// The field's wire name.
        name: String,
        /// The values the page gives it; none when its page lists none.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        values: Vec<String>,
    },
    /// The body has no type field with documented values: by the URL (route) the merchant
    /// registered for this notification.
    Route,
}

/// The schema of one page with the path that names the page in diagnostics: what the parse
/// stage hands to the generate stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSpec {
    /// The page, as named in diagnostics: `spec/refund.md`.
    pub file: String,
    /// Its schema.
    pub spec: ApiSpec,
}

/// Who calls whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiKind {
    /// The merchant calls Antom (the page has a `POST /v1/...` line).
    Request,
    /// Antom calls the merchant's notification URL (the page has no endpoint).
    Notification,
}

/// An HTTP endpoint: `POST /v1/vaults/createVaultingSession`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// The HTTP method, upper case.
    pub method: String,
    /// The path below the gateway's `/ams/api` prefix, starting with `/`.
    pub path: String,
    /// The line of the page it was read from.
    pub line: usize,
}

/// One parameter of a request or response body, with its children when it is an object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// The name on the wire, exactly as documented: `is3DSAuthentication`.
    pub name: String,
    /// The documented type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// Whether the page marks it REQUIRED.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// The line of the page where the parameter's heading stands.
    pub line: usize,
    /// The description, as clean text (links, emphasis and code rendered as plain text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Notes (blockquotes and "More information" items the schema has no field for), as text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// `Maximum length: N characters`: counted in characters, not bytes. On an array of text,
    /// the length of each element.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// `Maximum size: N elements`: the most elements an array may have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// `Value range: a - b`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<ValueRange>,
    /// The documented values, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Values>,
    /// `The default value is X`: what applies when the field is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Whether the page calls this field an API idempotency field.
    #[serde(default, skip_serializing_if = "is_false")]
    pub idempotency_key: bool,
    /// Whether the value is secret or personal card data (card number, CVV, ...) that must not
    /// appear in logs: `Debug` masks it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// The parameter whose fields this one has, when the page says so instead of listing them
    /// (`Its child parameters are the same as those of _merchantInfo.company_`): a dotted path
    /// from the section's top, or the name of a nearby parameter. Its fields are copied into
    /// `children`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
    /// What `spec/overrides.yaml` corrected of the page here, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overridden: Vec<Correction>,
    /// The fields of an object parameter, or of the elements of an array of objects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Parameter>,
}

/// What a page says limits a parameter's value, as one value: read from a [`Parameter`] by
/// [`Parameter::constraints`] and carried through the planner to each page's checks and the
/// documentation. Every place that uses constraints destructures this struct without `..`, so
/// a new limit is a compile error at each place that must handle it (README, "Where things
/// happen": adding a validation rule).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Constraints {
    /// `Maximum length: N characters`, of the text or of each text element.
    pub max_length: Option<u32>,
    /// `Maximum size: N elements`, of an array.
    pub max_items: Option<u32>,
    /// `Value range: a - b`, of an integer.
    pub range: Option<ValueRange>,
    /// A closed set, examples of values, or the one value the page fixes.
    pub values: Option<Values>,
    /// `The default value is X`.
    pub default: Option<String>,
}

impl Parameter {
    /// The parameter's constraints. Destructures the parameter whole, so that a field added to
    /// [`Parameter`] is a compile error here until it is said whether it constrains the value.
    pub fn constraints(&self) -> Constraints {
        let Parameter {
            name: _,
            ty: _,
            required: _,
            line: _,
            description: _,
            notes: _,
            max_length,
            max_items,
            range,
            values,
            default,
            idempotency_key: _,
            sensitive: _,
            same_as: _,
            overridden: _,
            children: _,
        } = self;
        Constraints {
            max_length: *max_length,
            max_items: *max_items,
            range: range.clone(),
            values: values.clone(),
            default: default.clone(),
        }
    }
}

/// One correction an override made to a parameter: what, what the page says, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The key corrected: `type`, `required`, `max_length` or `values`.
    pub what: String,
    /// What the page says (`Object`, `false`, `none`...).
    pub page_says: String,
    /// The override's reason.
    pub reason: String,
    /// The line of the override in `spec/overrides.yaml`.
    pub line: usize,
}

impl Parameter {
    /// A parameter with only its heading known: no description, notes, limits or children yet.
    pub fn new(name: String, ty: Type, required: bool, line: usize) -> Self {
        Parameter {
            name,
            ty,
            required,
            line,
            description: String::new(),
            notes: Vec::new(),
            max_length: None,
            max_items: None,
            range: None,
            values: None,
            default: None,
            idempotency_key: false,
            sensitive: false,
            same_as: None,
            overridden: Vec::new(),
            children: Vec::new(),
        }
    }

    /// The fields of an object whose every field the page fixes (a notification's
    /// acknowledgement, `result`), as (wire name, value); `None` for anything else. Such an
    /// object is a constant: always sent, never a description of its model.
    pub fn fixed_fields(&self) -> Option<Vec<(String, String)>> {
        if !matches!(self.ty, Type::Model(_)) || self.children.is_empty() {
            return None;
        }
        self.children
            .iter()
            .map(|c| match &c.values {
                Some(Values::Fixed(value)) if c.children.is_empty() => {
                    Some((c.name.clone(), value.clone()))
                }
                _ => None,
            })
            .collect()
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// `Value range: min - max`; `max` is `None` when the page says `unlimited`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueRange {
    /// The smallest allowed value.
    pub min: i64,
    /// The largest allowed value, or `None` for no upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

/// What the page says about a parameter's possible values. Written as a map with one key,
/// `closed`, `open` or `fixed` (`values: {fixed: SETTLEMENT_CARD}`), so that any YAML loader
/// reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "ValuesMap", try_from = "ValuesMap")]
pub enum Values {
    /// `Valid values are:` a closed set, each value with its explanation.
    Closed(Vec<EnumValue>),
    /// `Some possible values are ...`: examples, not a closed set.
    Open(Vec<String>),
    /// `The value of this parameter is fixed to X`: the one value there is.
    Fixed(String),
}

/// [`Values`] as written: exactly one of its keys.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValuesMap {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    closed: Option<Vec<EnumValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    open: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fixed: Option<String>,
}

impl From<Values> for ValuesMap {
    fn from(values: Values) -> Self {
        let mut map = ValuesMap {
            closed: None,
            open: None,
            fixed: None,
        };
        match values {
            Values::Closed(values) => map.closed = Some(values),
            Values::Open(values) => map.open = Some(values),
            Values::Fixed(value) => map.fixed = Some(value),
        }
        map
    }
}

impl TryFrom<ValuesMap> for Values {
    type Error = &'static str;

    fn try_from(map: ValuesMap) -> Result<Self, Self::Error> {
        match map {
            ValuesMap {
                closed: Some(values),
                open: None,
                fixed: None,
            } => Ok(Values::Closed(values)),
            ValuesMap {
                closed: None,
                open: Some(values),
                fixed: None,
            } => Ok(Values::Open(values)),
            ValuesMap {
                closed: None,
                open: None,
                fixed: Some(value),
            } => Ok(Values::Fixed(value)),
            _ => Err("`values` has exactly one of the keys `closed`, `open` and `fixed`"),
        }
    }
}

/// One value of a closed set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The value on the wire: `S`, `CARD`.
    pub value: String,
    /// What the page says it means.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The result status letter of a result code: `S`, `F` or `U`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResultStatus {
    /// Success.
    S,
    /// Failure.
    F,
    /// Unknown: the outcome must be confirmed (retry or inquire).
    U,
}

impl ResultStatus {
    /// The status for its letter as the pages write it: `S`, `F` or `U`.
    pub fn from_letter(letter: &str) -> Option<Self> {
        match letter {
            "S" => Some(ResultStatus::S),
            "F" => Some(ResultStatus::F),
            "U" => Some(ResultStatus::U),
            _ => None,
        }
    }

    /// The letter: `S`, `F` or `U`.
    pub fn letter(self) -> &'static str {
        match self {
            ResultStatus::S => "S",
            ResultStatus::F => "F",
            ResultStatus::U => "U",
        }
    }
}

/// One paragraph of the page's "Result process logic".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultProcess {
    /// The status the advice applies to.
    pub status: ResultStatus,
    /// What the caller should do, as clean text.
    pub action: String,
}

/// A result-code table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultCodeTable {
    /// The heading above the table: `Result/Error codes`.
    pub title: String,
    /// The line of the heading.
    pub line: usize,
    /// The rows, in page order.
    pub codes: Vec<ResultCode>,
}

/// One row of a result-code table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultCode {
    /// The code: `SUCCESS`, `PARAM_ILLEGAL`.
    pub code: String,
    /// The result status it comes with; `null` when the page leaves the cell empty (unknown,
    /// which is not `U`).
    pub status: Option<ResultStatus>,
    /// The message.
    pub message: String,
    /// What the caller should do.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    /// Whether the client may send the identical request again after this code (same request
    /// ID, same body): decided by the parser from the page, written even when `false` so that
    /// a review sees every decision. Absent in a hand-written schema, it is `false`.
    #[serde(default)]
    pub retryable: bool,
    /// What on the page decided [`ResultCode::retryable`].
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub retry_rule: String,
    /// The line of the row.
    pub line: usize,
}

/// A JSON example from the page, kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Which body it shows.
    pub body: ExampleBody,
    /// The heading above it: `Request`, `Response`.
    pub title: String,
    /// The paragraph right before it, which says what it shows: `The following response is
    /// returned when the payment fails:`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
    /// The line of the code block's opening fence.
    pub line: usize,
    /// The JSON text, exactly as on the page (checked to be valid JSON).
    pub json: String,
}

/// The body an [`Example`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleBody {
    /// A request body (for a notification: what Antom sends).
    Request,
    /// A response body (for a notification: the merchant's acknowledgement).
    Response,
}

impl ApiSpec {
    /// Writes the schema as YAML. Deterministic: the same schema always gives the same bytes.
    pub fn to_yaml(&self) -> String {
        crate::yaml::write(self)
    }

    /// Reads a schema written by [`ApiSpec::to_yaml`] (or by hand); `file` names it in errors.
    pub fn from_yaml(text: &str, file: &str) -> Result<Self, SchemaError> {
        crate::yaml::read(text, file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_yaml_names_file_and_line() {
        let err = ApiSpec::from_yaml("api: x\nsource: [\n", "spec/x.yaml").unwrap_err();
        assert!(err.to_string().starts_with("spec/x.yaml:"), "{err}");
        let err = ApiSpec::from_yaml("api: x\nbogus: 1\n", "spec/x.yaml").unwrap_err();
        assert!(err.to_string().contains("bogus"), "{err}");
    }
}
