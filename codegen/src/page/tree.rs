//! The parameter tree: nesting parameters by heading level, and parameters documented twice.

use std::collections::HashMap;

use super::Page;
use crate::spec::{Parameter, Type};

/// The heading level of top-level parameters (`####`).
pub(super) const PARAMETER_LEVEL: usize = 4;

/// A parameter whose children are still being read.
struct Frame {
    level: usize,
    param: Parameter,
    max_length_line: Option<usize>,
    names: HashMap<String, usize>,
    /// A placeholder for a heading that could not be read; dropped when closed.
    unreadable: bool,
}

/// Builds the parameter tree from headings in page order, using a stack of open parameters.
#[derive(Default)]
pub(super) struct Tree {
    stack: Vec<Frame>,
    top: Vec<Parameter>,
    top_names: HashMap<String, usize>,
}

impl Tree {
    pub(super) fn push(
        &mut self,
        page: &mut Page<'_>,
        level: usize,
        param: Parameter,
        max_length_line: Option<usize>,
    ) {
        self.open(page, level, param, max_length_line, false);
    }

    /// Stands in for a parameter whose heading could not be read (an error already reported):
    /// its children are read and checked, then dropped with it, instead of being attached to an
    /// unrelated parameter and causing follow-up diagnostics.
    pub(super) fn push_unreadable(&mut self, page: &mut Page<'_>, level: usize, line: usize) {
        let placeholder = Parameter::new(String::new(), Type::Model(String::new()), false, line);
        self.open(page, level, placeholder, None, true);
    }

    fn open(
        &mut self,
        page: &mut Page<'_>,
        level: usize,
        param: Parameter,
        max_length_line: Option<usize>,
        unreadable: bool,
    ) {
        while self.stack.last().is_some_and(|f| f.level >= level) {
            self.close(page);
        }
        let expected = self.stack.last().map_or(PARAMETER_LEVEL, |f| f.level + 1);
        if level > expected && !unreadable {
            let parent = match self.stack.last() {
                Some(f) => format!("it is attached to `{}`", f.param.name),
                None => "it is kept as a top-level parameter".to_owned(),
            };
            page.warn(
                param.line,
                format!(
                    "parameter `{}` (heading level {level}) has no parent heading of level {}; {parent}",
                    param.name,
                    level - 1
                ),
            );
        }
        self.stack.push(Frame {
            level,
            param,
            max_length_line,
            names: HashMap::new(),
            unreadable,
        });
    }

    /// Closes the innermost open parameter and attaches it to its parent.
    fn close(&mut self, page: &mut Page<'_>) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if frame.unreadable {
            return;
        }
        let mut param = frame.param;
        let is_object = matches!(param.ty.element(), Type::Model(_));
        if let (true, Some(line)) = (is_object, frame.max_length_line) {
            page.warn(
                line,
                format!(
                    "`{}` is an object ({}) but has a maximum length; the length is ignored",
                    param.name, param.ty
                ),
            );
            param.max_length = None;
        }
        if param.max_items.is_some() && !matches!(param.ty, Type::Array(_)) {
            page.warn(
                param.line,
                format!(
                    "`{}` is not an array ({}) but has a maximum size; the size is ignored",
                    param.name, param.ty
                ),
            );
            param.max_items = None;
        }
        if !is_object && !param.children.is_empty() {
            page.error(
                param.children[0].line,
                format!(
                    "found child parameters under `{}`, whose type {} has no fields: expected an object type such as `Amount` or `Array<Goods>`",
                    param.name, param.ty
                ),
            );
        }
        if is_object && param.children.is_empty() && param.same_as.is_none() {
            page.warn(
                param.line,
                format!(
                    "`{}` is an object ({}) but documents no fields",
                    param.name, param.ty
                ),
            );
        }
        let (siblings, names, parent) = match self.stack.last_mut() {
            Some(f) => (
                &mut f.param.children,
                &mut f.names,
                Some(f.param.name.as_str()),
            ),
            None => (&mut self.top, &mut self.top_names, None),
        };
        if let Some(first) = names.get(&param.name) {
            let under = parent.map_or("at the top level".to_owned(), |p| format!("under `{p}`"));
            page.warn(
                param.line,
                format!(
                    "parameter `{}` is documented twice {under} (first at line {first}); this one is ignored",
                    param.name
                ),
            );
            return;
        }
        names.insert(param.name.clone(), param.line);
        siblings.push(param);
    }

    pub(super) fn finish(mut self, page: &mut Page<'_>) -> Vec<Parameter> {
        while !self.stack.is_empty() {
            self.close(page);
        }
        self.top
    }
}

impl Page<'_> {
    /// Gives each parameter whose page says it has the fields of another (`same_as`) a copy of
    /// that parameter's fields. The other is found by its dotted path from the section's top,
    /// or by its name among the parameter's siblings, then among its parent's, and so on up. A
    /// parameter that is not found is a warning, and its object documents no fields.
    pub(super) fn resolve_same_fields(&mut self, top: &mut [Parameter]) {
        // References to references resolve over a few rounds; what is left is not found.
        for _ in 0..8 {
            let mut pending = Vec::new();
            referrers(top, &mut Vec::new(), &mut pending);
            let mut progress = false;
            for (at, target) in &pending {
                let Some(found) = find(top, at, target) else {
                    continue;
                };
                // A reference to the object it is in (or to itself) would copy itself without
                // end; so would a copy nested deeper than any page goes.
                let encloses = (1..=at.len())
                    .any(|n| param_ref(top, &at[..n]).is_some_and(|p| std::ptr::eq(p, found)));
                let too_deep = at.len() + depth(&found.children) > MAX_DEPTH;
                if encloses || too_deep {
                    if let Some(param) = param_at(top, at) {
                        param.same_as = None;
                        let (name, line) = (param.name.clone(), param.line);
                        self.warn(
                            line,
                            format!(
                                "`{name}` has the fields of `{target}`, which holds `{name}` itself or nests too deep; it documents no fields"
                            ),
                        );
                    }
                    continue;
                }
                let children = found.children.clone();
                if !children.is_empty()
                    && let Some(param) = param_at(top, at)
                {
                    param.children = children;
                    progress = true;
                }
            }
            if !progress {
                for (at, target) in pending {
                    let Some(param) = param_at(top, &at) else {
                        continue;
                    };
                    if param.same_as.is_none() {
                        // Reported above.
                        continue;
                    }
                    let (name, line) = (param.name.clone(), param.line);
                    self.warn(
                        line,
                        format!(
                            "`{name}` has the fields of `{target}`, which this section does not document; it documents no fields"
                        ),
                    );
                }
                return;
            }
        }
    }
}

/// The parameters (by index path) that refer to another's fields and have none yet.
fn referrers(params: &[Parameter], at: &mut Vec<usize>, out: &mut Vec<(Vec<usize>, String)>) {
    for (i, p) in params.iter().enumerate() {
        at.push(i);
        if let Some(target) = &p.same_as
            && p.children.is_empty()
        {
            out.push((at.clone(), target.clone()));
        }
        referrers(&p.children, at, out);
        at.pop();
    }
}

/// How deep a parameter's fields may nest once references are resolved: far beyond any page
/// (Markdown headings stop at six levels).
const MAX_DEPTH: usize = 16;

/// How deep `params` nest: 0 for none, 1 for fields without fields.
fn depth(params: &[Parameter]) -> usize {
    params
        .iter()
        .map(|p| 1 + depth(&p.children))
        .max()
        .unwrap_or(0)
}

/// The parameter at index path `at`, read only.
fn param_ref<'a>(top: &'a [Parameter], at: &[usize]) -> Option<&'a Parameter> {
    let (first, rest) = at.split_first()?;
    let mut param = top.get(*first)?;
    for &i in rest {
        param = param.children.get(i)?;
    }
    Some(param)
}

/// The parameter at index path `at`, which [`referrers`] found.
fn param_at<'a>(top: &'a mut [Parameter], at: &[usize]) -> Option<&'a mut Parameter> {
    let (first, rest) = at.split_first()?;
    let mut param = top.get_mut(*first)?;
    for &i in rest {
        param = param.children.get_mut(i)?;
    }
    Some(param)
}

/// The parameter `target` names for the parameter at `at`: a dotted path from the top, or a
/// name among the siblings of `at`, then of each ancestor.
fn find<'a>(top: &'a [Parameter], at: &[usize], target: &str) -> Option<&'a Parameter> {
    if target.contains('.') {
        let mut params = top;
        let mut found = None;
        for name in target.split('.') {
            let p = params.iter().find(|p| p.name == name)?;
            params = &p.children;
            found = Some(p);
        }
        return found;
    }
    for depth in (0..at.len()).rev() {
        let siblings = at[..depth]
            .iter()
            .fold(top, |params, &i| params[i].children.as_slice());
        if let Some(p) = siblings.iter().find(|p| p.name == target) {
            return Some(p);
        }
    }
    None
}
