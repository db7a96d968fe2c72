//! Every type the `antom` crate root re-exports is reserved: a generated type of the same name
//! would be silently hidden by the explicit re-export (`pub use generated::*` loses to it). So is
//! every type of the generated code's prelude (which a generated type would shadow), and every
//! method of `Client` (which an API's method would clash with).

use std::path::Path;

use antom_codegen::generate::{RESERVED_METHODS, RESERVED_MODULES, RESERVED_TYPES};

fn names(tree: &syn::UseTree, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(path) => names(&path.tree, out),
        syn::UseTree::Name(name) => out.push(name.ident.to_string()),
        syn::UseTree::Rename(rename) => out.push(rename.rename.to_string()),
        syn::UseTree::Group(group) => group.items.iter().for_each(|t| names(t, out)),
        syn::UseTree::Glob(_) => {}
    }
}

/// The names the `use` items of `src/<file>` bring in, of public items only when `public`.
fn imported(file: &str, public: bool) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../src")
        .join(file);
    let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut out = Vec::new();
    for item in &file.items {
        if let syn::Item::Use(u) = item {
            if !public || matches!(u.vis, syn::Visibility::Public(_)) {
                names(&u.tree, &mut out);
            }
        }
    }
    out
}

#[track_caller]
fn assert_types_reserved(names: &[String], what: &str) {
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with(|c: char| c.is_ascii_uppercase()))
        // Constants (`API_PREFIX`): no UpperCamelCase type is spelt so.
        .filter(|n| !n.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .filter(|n| !RESERVED_TYPES.contains(&n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{what}: add {missing:?} to RESERVED_TYPES in codegen/src/generate/names.rs"
    );
}

#[test]
fn every_type_the_crate_root_re_exports_is_reserved() {
    let exported = imported("lib.rs", true);
    assert!(exported.contains(&"Client".to_owned()), "{exported:?}");
    assert_types_reserved(&exported, "src/lib.rs");
}

#[test]
fn every_type_the_generated_code_imports_is_reserved() {
    let imported = imported("prelude.rs", false);
    assert!(imported.contains(&"Serialize".to_owned()), "{imported:?}");
    assert_types_reserved(&imported, "src/prelude.rs");
}

#[test]
fn every_method_of_the_client_is_reserved() {
    let client = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/client.rs");
    let file = syn::parse_file(&std::fs::read_to_string(&client).unwrap()).unwrap();
    let mut methods = Vec::new();
    for item in &file.items {
        if let syn::Item::Impl(i) = item
            && i.trait_.is_none()
            && matches!(&*i.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"))
        {
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    methods.push(f.sig.ident.to_string());
                }
            }
        }
    }
    assert!(methods.contains(&"call".to_owned()), "{methods:?}");
    let missing: Vec<&String> = methods
        .iter()
        .filter(|m| !RESERVED_METHODS.contains(&m.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add {missing:?} to RESERVED_METHODS in codegen/src/generate/names.rs"
    );
}

#[test]
fn every_lowercase_name_of_the_crate_root_is_reserved_for_modules() {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/lib.rs");
    let file = syn::parse_file(&std::fs::read_to_string(&lib).unwrap()).unwrap();
    let mut names = imported("lib.rs", true);
    for item in &file.items {
        if let syn::Item::Mod(m) = item {
            names.push(m.ident.to_string());
        }
    }
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter(|n| !RESERVED_MODULES.contains(&n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add {missing:?} to RESERVED_MODULES in codegen/src/generate/names.rs"
    );
}
