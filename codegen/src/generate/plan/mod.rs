//! The plan: every Rust item to generate, with every naming, merging and deduplicating decision
//! already taken, so that [`mod@super::emit`] is a plain translation.
//!
//! Planning runs in passes, each in its own file:
//!
//! 1. each page's identity (its Rust names, method and file);
//! 2. [`models`]: every description of every model, on every page, merged into one;
//! 3. [`structs`]: the structs of the models and of each page's request and response, whose
//!    closed value sets become enum candidates ([`enums`], ids into one arena);
//! 4. the naming pass that gives each enum candidate its name, once every candidate is known;
//! 5. [`codes`]: each page's result codes.
//!
//! Every naming decision is taken in [`naming`]; [`prose`] writes the documentation every item
//! carries, from the page's own words; [`checks`] gives each page its own validation rules over
//! the types the pages share, so that no page's rules loosen another's.
//!
//! Models and enums live in arenas ([`Plan::models`], [`Plan::enums`]) and fields refer to them
//! by id ([`ModelId`], [`EnumId`]); a name is looked up where it is emitted, so no name is ever
//! patched after the fact.
//!
//! # Models shared by several pages
//!
//! A parameter whose type names a model (`Amount`, `Array<Goods>`) describes that model through
//! its children. Descriptions of a model that agree (a field in common; every common field of one
//! shape, one required flag and one constant, nested objects included; no required or fixed
//! field missing from either) are merged into one struct.
//!
//! The rule: a merge never changes what a page sends. What a description puts on the wire
//! whatever the merchant sets (a value the page fixes a field to, an object whose fields it all
//! fixes) is part of what the description is, so descriptions that differ in it are types of
//! their own (`CreatePayoutTransferToMethod`, fixed to `SETTLEMENT_CARD`, is never the type of
//! a page that fixes `BALANCE_ACCOUNT`), with a warning naming both places. Differences that only
//! change what is accepted (required flags aside: lengths, sizes, ranges, closed value sets, a
//! default) keep one type, because every page's request is validated by its own page's rules
//! ([`checks`]), and a page silent on a limit does not disagree. A model that `spec/policy.yaml`
//! pins as `one_type` (`Amount`, which the runtime's money helpers build) stays one type even
//! when its descriptions fix a field differently: the field is then one the merchant sets, and
//! each page validates it to its own fixed value (`declare` accepts only `CNY`). Requests and
//! responses follow the same rule.
//!
//! A type word that names no model (`Object`, `Map`, `Array`: [`crate::spec::FREE_FORM_TYPES`])
//! is free-form JSON where the page describes no fields; where it does, the object is a type of
//! its own named after its API and field (`InquireExchangeRatePaymentQuotes`), never another
//! page's. Which group keeps the model's name is the one decision that
//! depends on more than one page, so it is data: `spec/policy.yaml` (`models`) pins it by the
//! group's required fields (a pin no group matches any more leaves every description a type of
//! its own, with a warning, rather than give the name to another); a model with no pin gives
//! the name to the largest group (the first of equally large ones) with a warning asking for
//! one. Every other description is a struct of its own named after its API (and product, for a
//! product's request) and field (`InquiryPaymentResult`, `PayTokenizedPaymentOrder`), with a
//! warning saying how it disagrees; the descriptions that the pages of one API give one field of
//! a body they share (each product's response `result`) are one such type when they are not all
//! in the named group (`PayResult`). Merging then never changes
//! what a page requires, and no page changes another page's types. A merge goes (pages in name
//! order, request before response, fields in page order):
//!
//! - the fields are the union of the fields of every description, in order of first appearance;
//! - a field is required when the descriptions (which agree on it) mark it REQUIRED;
//! - the constraints the documentation states are the loosest given (the longest maximum length,
//!   the widest range, the union of value sets); they only document the shared field, since
//!   every page is validated by its own;
//! - a default the pages state differently is said per page in the field's notes;
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
//! An API is its path: `/v1/payments/cancel` is `Cancel` in the module `payments`, with its method
//! on the module's handle (`client.payments().cancel(..)`); path segments after the resource are
//! joined (`/v1/merchants/settlementInfo/update` is `merchants::SettlementInfoUpdate`). A
//! notification is named by its title, in the module `notifications`. Names depend on the page
//! and its path alone.
//!
//! # Several pages, one API
//!
//! Pages that document one endpoint for different products ([`products`]) say so in their
//! titles: `pay (One-time Payments)` and `pay (Tokenized Payment)`. A page whose title names a
//! product is a product of its endpoint even when it is alone, so that a product page added
//! later changes no type. Such an API's request is a `#[non_exhaustive]` enum of the products'
//! requests (`PayRequest::TokenizedPayment(PayTokenizedPaymentRequest)`), each a struct of its
//! own page, validated by that page alone and sending the values it fixes: a Tokenized request
//! cannot be built from One-time fields, and a product added is a variant added. A body is read
//! back (by the mock) as the product whose page fixes the values it carries (`productCode`, the
//! most of them where several match); two products that no fixed value tells apart are an
//! error. The response is one struct (the caller reads the same fields whichever product it
//! called), and so is the body of a notification that several pages describe (`notifyPayment`
//! for one-time and for subscription payments, which the merchant receives without knowing which
//! it is): the union of the pages' fields, a field required only where every page requires it,
//! valid when it satisfies one page's rules. Pages that give a shared field different types are
//! an error. The result codes are those of every page, a code retryable only where every page
//! that lists it says so. Two pages of one endpoint that do not each name a product are an error.
//!
//! Types are UpperCamelCase, fields snake_case (`is3DSAuthentication` → `is_3ds_authentication`,
//! keywords as raw identifiers, a leading digit after `n_`), with `#[serde(rename)]` wherever
//! serde's camelCase would not give the wire name back. Each page takes `{Api}`,
//! `{Api}Request`, `{Api}Response` and `{Api}ResultCode`. A model whose name the runtime or the
//! prelude already uses (`Result`, `Error`, `Client`, ...) gets `Api` in front (`ApiResult`);
//! any other clash is an error naming both sides, and so is a name with no ASCII letter or
//! digit, two fields of one struct with one Rust name, and an API whose type or method the
//! runtime already defines.
//!
//! # Enums
//!
//! A field with `Valid values` becomes an enum named after the field (`paymentMethodType` →
//! `PaymentMethodType`), one per field name, holding every value any page gives that field, so
//! that a page added or removed never renames another page's enum: it only adds or takes away
//! values. Each page's request accepts only its own values ([`checks`]), and the enum's
//! documentation is no one page's: a value the pages explain differently gives each
//! explanation with its pages, and a field they word differently leaves the wording to each
//! field. A `resultStatus` field
//! whose values are among `S`, `F`, `U` uses the runtime's `ResultStatus`.
//!
//! # Validation
//!
//! Each page's request and response are validated by that page's rules alone: its required
//! flags, lengths, sizes, ranges and closed sets, down through nested objects, arrays and maps,
//! whatever another page says about a model they share ([`checks`]). Models themselves carry no
//! rules.

mod agreement;
mod checks;
mod codes;
mod enums;
mod merge;
mod models;
mod naming;
mod params;
mod products;
mod prose;
mod structs;

use super::names;
use crate::diagnostic::Diagnostic;
use crate::inputs::ModelPin;
use crate::spec::{ApiSpec, PageSpec, Parameter, ResultStatus};

pub use checks::Check;
use params::Param;

/// Everything to generate.
#[derive(Debug)]
pub struct Plan<'a> {
    /// The models shared by the pages: the arena [`ModelId`]s index.
    pub models: Vec<Struct>,
    /// The enums of closed value sets: the arena [`EnumId`]s index.
    pub enums: Vec<Enum>,
    /// One entry per page, in resource and name order.
    pub pages: Vec<Page<'a>>,
    /// The resource modules, in name order, each with its pages.
    pub resources: Vec<Resource>,
}

/// A module of APIs: those under one resource of the paths (`/v1/payments/`), or the
/// notifications.
#[derive(Debug)]
pub struct Resource {
    /// The module: `payments`.
    pub name: String,
    /// The handle type of a resource with request APIs (`Payments`), which
    /// `client.payments()` returns; `None` for the notifications.
    pub handle: Option<String>,
    /// The module's documentation.
    pub docs: Vec<String>,
    /// The handle's documentation.
    pub handle_docs: Vec<String>,
    /// The documentation of the client's accessor method.
    pub accessor_docs: Vec<String>,
    /// The indices of its pages in [`Plan::pages`].
    pub pages: Vec<usize>,
}

impl Plan<'_> {
    /// The model `id` refers to.
    pub fn model(&self, id: ModelId) -> &Struct {
        &self.models[id.0]
    }

    /// The enum `id` refers to.
    pub fn enumeration(&self, id: EnumId) -> &Enum {
        &self.enums[id.0]
    }

    /// The models, in name order.
    pub fn models_by_name(&self) -> Vec<&Struct> {
        let mut models: Vec<&Struct> = self.models.iter().collect();
        models.sort_by(|a, b| a.name.cmp(&b.name));
        models
    }

    /// The enums, in name order.
    pub fn enums_by_name(&self) -> Vec<&Enum> {
        let mut enums: Vec<&Enum> = self.enums.iter().collect();
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        enums
    }
}

/// The index of a model in [`Plan::models`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModelId(usize);

/// The index of an enum in [`Plan::enums`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnumId(usize);

/// One API's items: those of its page, or of each of its pages (its products, or the pages of
/// one notification).
#[derive(Debug)]
pub struct Page<'a> {
    /// The API's first page, in file order: its name, kind and endpoint.
    pub spec: &'a ApiSpec,
    /// Every page of the API, in file order, with its file.
    pub specs: Vec<(&'a str, &'a ApiSpec)>,
    /// The module of the API's resource: `payments`, `notifications`.
    pub resource: String,
    /// `CreateVaultingSession`: the API's unit struct.
    pub ident: String,
    /// `create_vaulting_session`: the client method.
    pub method: String,
    /// `create_vaulting_session.rs`: the generated file.
    pub file_name: String,
    /// The documentation of the unit struct.
    pub docs: Vec<String>,
    /// The documentation of the client method.
    pub method_docs: Vec<String>,
    /// `{ident}Request`: one struct, or one per product.
    pub request: Request,
    /// `{ident}Response`.
    pub response: Body,
    /// `{ident}ResultCode`, and its documentation.
    pub codes_name: String,
    /// The documentation of the result-code enum.
    pub codes_docs: Vec<String>,
    /// The result codes of every page, deduplicated by code.
    pub codes: Vec<Code>,
}

/// The request of an API.
#[derive(Debug)]
pub enum Request {
    /// The body of an API of no product, or of a notification.
    Body(Body),
    /// The request of an API whose pages document it for products (`pay (One-time Payments)`,
    /// `pay (Tokenized Payment)`): an enum of the products' requests, in file order.
    Products {
        /// The enum's documentation.
        docs: Vec<String>,
        /// The error a body of none of the products is read with.
        unmatched: String,
        /// Its variants.
        products: Vec<Product>,
    },
}

/// A body struct with the rules of the pages that describe it.
#[derive(Debug)]
pub struct Body {
    /// The struct.
    pub body: Struct,
    /// Each page's rules over it: a body is valid when it satisfies one page's rules (there is
    /// one set for a body one page describes).
    pub checks: Vec<Vec<Check>>,
}

/// One product's request, from its page.
#[derive(Debug)]
pub struct Product {
    /// The variant: `TokenizedPayment`.
    pub variant: String,
    /// The product as the page's title names it: `Tokenized Payment`.
    pub title: String,
    /// The variant's documentation.
    pub docs: Vec<String>,
    /// `{ident}{variant}Request`, with the page's rules.
    pub request: Struct,
    /// The page's rules over its request.
    pub checks: Vec<Check>,
    /// The values the page allows for one top-level field alone (a fixed `productCode`), as
    /// (wire name, value): what tells a body of this product from the others'.
    pub selector: Vec<(String, String)>,
}

/// One row of a page's result-code tables.
#[derive(Debug)]
pub struct Code {
    /// `PARAM_ILLEGAL`.
    pub code: String,
    /// `ParamIllegal`.
    pub ident: String,
    /// `S`, `F` or `U`; `None` when the page gives no status.
    pub status: Option<ResultStatus>,
    /// The page's message.
    pub message: String,
    /// The variant's documentation.
    pub docs: Vec<String>,
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
    /// `Debug` prints `***` instead of the value.
    pub sensitive: bool,
    /// The request's idempotency field (`paymentRequestId`): a resend carries the same value.
    pub idempotency_key: bool,
    /// The page documents the text as a URL.
    pub url: bool,
    /// `fixed to X`: not a Rust field; serialized as this constant.
    pub fixed: Option<Fixed>,
    /// The method that sets an optional field (`redirect_url`): the field's own name, unless
    /// that is a method the struct has already (`new`, `validate`, ...).
    pub setter: String,
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
    Enum(EnumId),
    /// A generated struct.
    Model(ModelId),
    /// The runtime's `ResultStatus`.
    ResultStatus,
    /// A model no page describes: kept as JSON.
    Json,
    /// `Vec<T>`.
    Array(Box<FieldType>),
    /// `BTreeMap<String, T>`.
    Map(Box<FieldType>),
}

impl FieldType {
    /// The type of the values inside arrays and maps (itself for any other type): what a page's
    /// length, range, value and nested rules apply to.
    pub fn element(&self) -> &FieldType {
        match self {
            FieldType::Array(inner) | FieldType::Map(inner) => inner.element(),
            other => other,
        }
    }
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
    /// The variant's documentation.
    pub docs: String,
}

/// Builds the plan of `specs`; errors make generation fail, warnings do not.
pub fn plan<'a>(
    specs: &'a [PageSpec],
    pins: &[ModelPin],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Plan<'a>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let identities = naming::pages(specs, &mut errors);
    let mut taken = naming::taken(&identities);
    let models = models::collect(&identities, pins, &mut taken, warnings, &mut errors);

    let pages: Vec<&ApiSpec> = specs.iter().map(|p| &p.spec).collect();
    let mut enums = enums::Candidates::new(&pages);
    let mut structs = Vec::with_capacity(models.merged.len());
    for model in &models.merged {
        let docs = vec![prose::model(model.wire, model.description)];
        let (name, fields) = (&model.name, &model.fields);
        let built = structs::build(name, docs, fields, &models.ids, &mut enums, &mut errors);
        structs.push(built);
    }
    let mut planned: Vec<Page<'a>> = Vec::new();
    let mut pages = identities.into_iter().peekable();
    while let Some(first) = pages.next() {
        let mut group = vec![first];
        while let Some(next) =
            pages.next_if(|p| (&p.resource, &p.ident) == (&group[0].resource, &group[0].ident))
        {
            group.push(next);
        }
        let ids = &models.ids;
        planned.push(plan_api(
            group,
            ids,
            &structs,
            &mut enums,
            warnings,
            &mut errors,
        ));
    }
    let enums = enums.name(&mut taken);
    let resources = resources(&planned);
    if errors.is_empty() {
        Ok(Plan {
            models: structs,
            enums,
            pages: planned,
            resources,
        })
    } else {
        Err(errors)
    }
}

/// The resource modules of `pages` (in resource order already), each with its pages.
fn resources(pages: &[Page<'_>]) -> Vec<Resource> {
    let mut resources: Vec<Resource> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        match resources.last_mut() {
            Some(last) if last.name == page.resource => last.pages.push(i),
            _ => {
                let requests = page.spec.endpoint.is_some();
                resources.push(Resource {
                    handle: requests.then(|| names::upper_camel(&page.resource)),
                    docs: prose::resource(page.spec, &page.resource),
                    handle_docs: prose::handle(&page.resource),
                    accessor_docs: prose::accessor(&page.resource),
                    name: page.resource.clone(),
                    pages: vec![i],
                });
            }
        }
    }
    resources
}

/// One API's items, from its pages (one, or several in file order: see [`products`]): its
/// request and response structs (whose value sets join `enums`), its result codes, and the
/// documentation of each.
fn plan_api<'a>(
    group: Vec<naming::Identity<'a>>,
    models: &models::ModelIds<'_>,
    structs: &[Struct],
    enums: &mut enums::Candidates,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> Page<'a> {
    let specs: Vec<(&'a str, &'a ApiSpec)> = group.iter().map(|p| (p.file, p.spec)).collect();
    let first = &group[0];
    let spec = first.spec;
    let mut ctx = Context {
        models,
        structs,
        enums,
        errors,
    };
    let request = if first.product.is_some() {
        let products: Vec<Product> = group.iter().map(|page| ctx.product(page)).collect();
        let places: Vec<(&str, &Product)> = group.iter().map(|p| p.file).zip(&products).collect();
        products::distinct_selectors(&spec.api, &places, ctx.errors);
        Request::Products {
            docs: prose::products(spec, &products),
            unmatched: prose::no_product(&spec.api, &products),
            products,
        }
    } else {
        let name = format!("{}Request", first.ident);
        Request::Body(ctx.body(&name, &prose::request(spec), &specs, |s| &s.request))
    };
    let name = format!("{}Response", first.ident);
    let response = ctx.body(&name, &prose::response(spec), &specs, |s| &s.response);
    Page {
        response,
        request,
        docs: prose::api_of(&specs),
        method_docs: prose::method(spec, &first.ident),
        codes_name: format!("{}ResultCode", first.ident),
        codes_docs: prose::result_codes(&specs),
        codes: codes::plan(&specs, warnings, errors),
        spec,
        specs,
        resource: first.resource.clone(),
        ident: first.ident.clone(),
        method: first.method.clone(),
        file_name: first.file_name.clone(),
    }
}

/// What planning one API's structs needs.
struct Context<'p, 'm> {
    models: &'p models::ModelIds<'m>,
    structs: &'p [Struct],
    enums: &'p mut enums::Candidates,
    errors: &'p mut Vec<Diagnostic>,
}

impl Context<'_, '_> {
    /// The struct `name` of one page's parameters.
    fn build(&mut self, name: &str, docs: Vec<String>, file: &str, params: &[Parameter]) -> Struct {
        let params: Vec<Param> = params.iter().map(|p| Param::of(p, file)).collect();
        structs::build(name, docs, &params, self.models, self.enums, self.errors)
    }

    /// The body `name` that the pages `specs` describe (one, or several: see [`products`]),
    /// with each page's rules over it.
    fn body(
        &mut self,
        name: &str,
        docs: &str,
        specs: &[(&str, &ApiSpec)],
        params: fn(&ApiSpec) -> &[Parameter],
    ) -> Body {
        let pages: Vec<(&str, &[Parameter], Struct)> = specs
            .iter()
            .map(|&(file, spec)| {
                let built = self.build(name, vec![docs.to_owned()], file, params(spec));
                (file, params(spec), built)
            })
            .collect();
        let all: Vec<&[Parameter]> = pages.iter().map(|(_, params, _)| *params).collect();
        let body = products::merge(pages, self.errors);
        let checks = all
            .into_iter()
            .map(|params| checks::of(params, &body.fields, self.structs))
            .collect();
        Body { body, checks }
    }

    /// The request of the product page `page`.
    fn product(&mut self, page: &naming::Identity<'_>) -> Product {
        let name = format!("{}Request", page.prefix);
        let docs = vec![prose::product_request(page.spec)];
        let request = self.build(&name, docs, page.file, &page.spec.request);
        Product {
            variant: page.product.clone().unwrap_or_default(),
            title: page.spec.product.clone().unwrap_or_default(),
            docs: prose::api(page.spec),
            checks: checks::of(&page.spec.request, &request.fields, self.structs),
            selector: products::selector(page.spec),
            request,
        }
    }
}
