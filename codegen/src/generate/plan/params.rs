//! Parameters as the planner reads them: one page's parameter ([`Param`]), and one page's
//! description of a model ([`Description`]). Shared by the passes, so that none imports
//! another for them.

use crate::spec::{Constraints, Parameter, Type};

/// A parameter as the generator sees it: one page's, or the merge of a model's descriptions.
#[derive(Debug, Clone)]
pub(super) struct Param<'a> {
    /// Where the parameter is documented (the first description, for a merged one).
    pub file: &'a str,
    pub line: usize,
    pub name: &'a str,
    pub ty: &'a Type,
    pub required: bool,
    pub description: &'a str,
    pub notes: Vec<String>,
    /// What limits its value: the page's, or the loosest of a merged model's descriptions.
    pub constraints: Constraints,
    pub sensitive: bool,
    pub idempotency_key: bool,
    pub fixed_object: Option<Vec<(String, String)>>,
}

impl<'a> Param<'a> {
    /// The parameter `p` of the page `file`.
    pub fn of(p: &'a Parameter, file: &'a str) -> Self {
        Param {
            file,
            line: p.line,
            name: &p.name,
            ty: &p.ty,
            required: p.required,
            description: &p.description,
            notes: p.notes.clone(),
            constraints: p.constraints(),
            sensitive: p.sensitive,
            idempotency_key: p.idempotency_key,
            fixed_object: p.fixed_fields(),
        }
    }
}

/// One description of a model: the children of one parameter on one page.
pub(super) struct Description<'a> {
    /// The body's owner: the API's resource module and what its types are named after
    /// (`payments`, `Pay`; `PayTokenizedPayment` for a product's request).
    pub owner: (String, String),
    /// Where in the API's bodies the description is: `response.result`.
    pub place: String,
    /// The API's name on the page: `pay`.
    pub api: &'a str,
    /// The parameter that holds the description: `result`.
    pub field: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub description: &'a str,
    pub fields: &'a [Parameter],
}
