//! The maintainers' input files beside the pages, which are not schemas: the policies the
//! parser and generator apply (`spec/policy.yaml`), the corrections of pages that are wrong
//! (`spec/overrides.yaml`), and where each page came from (`spec/sources.yaml`). All are read
//! and written through [`crate::yaml`].

use serde::{Deserialize, Serialize};

use crate::spec::Type;
use crate::yaml::{self, SchemaError};

/// The policies the parser applies to every page, read from `spec/policy.yaml` (documented in
/// `spec/README.md`): decisions kept as reviewed data rather than in code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Wire names of parameters that carry card secrets or personal card data: such a
    /// parameter, anywhere in a request or response, and everything under it, is marked
    /// [`crate::spec::Parameter::sensitive`].
    pub sensitive: Vec<SensitiveName>,
    /// Which description of a model that pages describe in several ways keeps the model's
    /// name: the generator's one naming decision that depends on more than one page, pinned here
    /// so that no page added or removed moves it.
    #[serde(default)]
    pub models: Vec<ModelPin>,
}

/// One entry of [`Policy::models`]: the model's descriptions whose required fields are exactly
/// `required` keep its name; every other description is a type of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelPin {
    /// The model's name on the pages: `Env`.
    pub name: String,
    /// The required fields of the descriptions that keep the name, in any order.
    pub required: Vec<String>,
    /// Descriptions that differ only in the values they fix stay this one type: such a field is
    /// then one the merchant sets, and each page's request is validated to its own fixed value
    /// (never sent as another page's). For the models the runtime builds on (`Amount`, whose
    /// helpers apply to every amount); any other model splits instead.
    #[serde(default, skip_serializing_if = "is_false")]
    pub one_type: bool,
    /// Why, for the reviewer.
    pub reason: String,
}

/// One entry of [`Policy::sensitive`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitiveName {
    /// The wire name: `cardNo`.
    pub name: String,
    /// Why it is sensitive, for the reviewer.
    pub reason: String,
}

impl Policy {
    /// Whether parameters named `name` are sensitive.
    pub fn is_sensitive(&self, name: &str) -> bool {
        self.sensitive.iter().any(|s| s.name == name)
    }

    /// Reads `spec/policy.yaml`; `file` names it in errors.
    pub fn from_yaml(text: &str, file: &str) -> Result<Self, SchemaError> {
        yaml::read(text, file)
    }
}

/// `spec/overrides.yaml`: corrections of pages that are wrong, applied when they are parsed,
/// each with its reason, so that a page stays byte for byte as Antom publishes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// The corrections, each starting with `- page:`.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// The file they were read from, for diagnostics.
    #[serde(skip)]
    pub file: String,
}

/// A correction of one parameter of one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// The page: `inquire_exchange_rate.md`.
    pub page: String,
    /// The parameter, by section and dotted path: `response.paymentQuotes`,
    /// `request.order.goods.goodsName`.
    pub parameter: String,
    /// The type it really has: `Array<PaymentQuote>`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<Type>,
    /// Whether it is really required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Its real maximum length, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Its real closed set of values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// Why the page is wrong, for the reviewer.
    pub reason: String,
    /// The line of the entry in the file (its `- page:` line), found when the file is read.
    #[serde(skip)]
    pub line: usize,
}

impl Overrides {
    /// Reads `spec/overrides.yaml`; `file` names it in errors. Each entry's `line` is that of its
    /// `- page:` line.
    pub fn from_yaml(text: &str, file: &str) -> Result<Self, SchemaError> {
        let mut overrides: Overrides = yaml::read(text, file)?;
        overrides.file = file.to_owned();
        let mut starts = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("- page:"))
            .map(|(i, _)| i + 1);
        for entry in &mut overrides.overrides {
            entry.line = starts.next().unwrap_or(1);
        }
        Ok(overrides)
    }
}

/// `spec/sources.yaml`: where each page was pulled from, when, and the hash of what came.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    /// One entry per page, in page order.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// Where one page came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page in `spec/`: `vaulting_session.md`.
    pub page: String,
    /// The URL it was downloaded from.
    pub url: String,
    /// The day (UTC) this content was first downloaded: `2026-12-02`; a pull that finds the
    /// same content keeps it.
    pub retrieved: String,
    /// The SHA-256 of the bytes downloaded, in hex.
    pub sha256: String,
}

impl Sources {
    /// Reads `spec/sources.yaml`; `file` names it in errors.
    pub fn from_yaml(text: &str, file: &str) -> Result<Self, SchemaError> {
        yaml::read(text, file)
    }

    /// Writes it as YAML, deterministically.
    pub fn to_yaml(&self) -> String {
        yaml::write(self)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}
