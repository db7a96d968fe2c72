//! No module cycles: each crate's modules, joined by the `use crate::`/`super::`/`self::` paths
//! of their code, must form no cycle. A parent and its own child module may use each other (a
//! module's items and its children's are one unit); two siblings, or cousins, may not both use
//! the other, directly or through others.
//!
//! The crates whose `src/` is checked are [`CHECKED`]. `cargo test --test module_cycles --
//! --ignored --nocapture` reports the cycles of every crate of the workspace, checked or not:
//! once a crate's list is empty, add it to [`CHECKED`].
//!
//! The source is read with a small scanner, not the compiler: comments and literals are blanked,
//! the module tree is followed from each crate root (`lib.rs`, `main.rs`, `bin/*.rs`) through its
//! `mod x;` declarations and inline `mod x { ... }` blocks, and every path that starts with
//! `crate`, `$crate`, `super` or `self`, in a `use` (groups included) or in code, is an edge to the
//! longest module that prefixes it. Test code is left out: `#[cfg(test)]` items and modules named
//! `tests` (with the files under them), whose helpers would otherwise make cycles that the crate
//! itself does not have. Not seen: a path through a re-export (`crate::Item` re-exported at the
//! root is an edge to the root, the ancestor of every module) and the code of `include!`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The `src/` directories, relative to the workspace root, that must have no module cycle.
///
/// Not yet listed: `src`, the runtime, whose modules `api`, `resolve`, `client`, `error`,
/// `notification` and `webhook` use each other (a later issue removes those cycles).
const CHECKED: &[&str] = &["codegen/src", "mock/src", "regenerate/src"];

/// Every crate's `src/` of the workspace, for the report.
const ALL: &[&str] = &["src", "codegen/src", "mock/src", "regenerate/src"];

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn checked_crates_have_no_module_cycle() {
    let mut failures = String::new();
    for dir in CHECKED {
        let crates = analyse_src(&workspace().join(dir));
        assert!(
            !crates.is_empty(),
            "{dir} has no lib.rs, main.rs or bin/*.rs"
        );
        for graph in &crates {
            assert!(
                graph.modules.len() > 1 || graph.files == 1,
                "{}: no module found beyond the root",
                graph.name
            );
            let cycles = find_cycles(graph);
            if !cycles.is_empty() {
                failures.push_str(&describe(graph, &cycles));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "module cycles (a module may use its own parent or child, not a module that uses it \
         back):\n{failures}"
    );
}

/// Every crate's cycles, checked or not: what is left before a crate can join [`CHECKED`].
#[test]
#[ignore = "a report: run with --ignored --nocapture"]
fn report_module_cycles_of_every_crate() {
    for dir in ALL {
        let checked = if CHECKED.contains(dir) {
            "checked"
        } else {
            "not checked"
        };
        for graph in analyse_src(&workspace().join(dir)) {
            let cycles = find_cycles(&graph);
            println!(
                "{} ({checked}): {} files, {} modules, {} edges between modules, {} cycles",
                graph.name,
                graph.files,
                graph.modules.len(),
                graph.edges.len(),
                cycles.len()
            );
            if !cycles.is_empty() {
                print!("{}", describe(&graph, &cycles));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The module graph and its cycles.

/// A module's path from its crate root: `[]` is the root, `["generate", "plan"]` is
/// `generate::plan`.
type Module = Vec<String>;

/// One use of module `to` by module `from`, at `file:line`.
#[derive(Clone, Debug)]
struct Edge {
    from: Module,
    to: Module,
    file: String,
    line: usize,
}

/// A crate's modules, and the uses between them (test code left out).
#[derive(Debug, Default)]
struct Graph {
    /// The crate root's file, relative to the workspace root.
    name: String,
    /// Source files read.
    files: usize,
    modules: BTreeSet<Module>,
    edges: Vec<Edge>,
}

fn show(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

/// Whether one module contains the other (or is it): their uses of each other are no cycle.
fn related(a: &[String], b: &[String]) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// The cycles of `graph`: for each strongly connected component of its modules (edges between a
/// module and its own ancestors or descendants left out), shortest cycles that together take
/// every edge of the component, each as its edges in order (one use per edge).
fn find_cycles(graph: &Graph) -> Vec<Vec<Edge>> {
    // The first use of each pair of unrelated modules.
    let mut first: BTreeMap<(&Module, &Module), &Edge> = BTreeMap::new();
    for edge in &graph.edges {
        if !related(&edge.from, &edge.to) {
            first.entry((&edge.from, &edge.to)).or_insert(edge);
        }
    }
    let mut successors: BTreeMap<&Module, Vec<&Module>> = BTreeMap::new();
    for &(from, to) in first.keys() {
        successors.entry(from).or_default().push(to);
    }

    let mut cycles = Vec::new();
    for component in components(&graph.modules, &successors) {
        if component.len() < 2 {
            continue;
        }
        let inside = |m: &Module| component.contains(&m);
        let mut covered: BTreeSet<(&Module, &Module)> = BTreeSet::new();
        for (&(from, to), _) in first.iter().filter(|((f, t), _)| inside(f) && inside(t)) {
            if covered.contains(&(from, to)) {
                continue;
            }
            // The shortest way back from `to` to `from`, inside the component.
            let mut back: BTreeMap<&Module, &Module> = BTreeMap::new();
            let mut queue = VecDeque::from([to]);
            while let Some(at) = queue.pop_front() {
                if at == from {
                    break;
                }
                for &next in successors.get(at).into_iter().flatten() {
                    if inside(next) && next != to && !back.contains_key(next) {
                        back.insert(next, at);
                        queue.push_back(next);
                    }
                }
            }
            let mut path = vec![from];
            let mut at = from;
            while at != to {
                at = back[at];
                path.push(at);
            }
            path.reverse(); // to ... from
            let mut cycle = vec![first[&(from, to)].clone()];
            for pair in path.windows(2) {
                covered.insert((pair[0], pair[1]));
                cycle.push(first[&(pair[0], pair[1])].clone());
            }
            covered.insert((from, to));
            cycles.push(cycle);
        }
    }
    // Each cycle from its smallest module, and each once.
    for cycle in &mut cycles {
        let start = (0..cycle.len()).min_by_key(|&i| &cycle[i].from).unwrap();
        cycle.rotate_left(start);
    }
    cycles.sort_by(|a, b| {
        let key = |c: &Vec<Edge>| c.iter().map(|e| e.from.clone()).collect::<Vec<_>>();
        key(a).cmp(&key(b))
    });
    cycles.dedup_by(|a, b| {
        a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.from == y.from)
    });
    cycles
}

/// The strongly connected components of the modules (Tarjan's algorithm).
fn components<'a>(
    modules: &'a BTreeSet<Module>,
    successors: &BTreeMap<&'a Module, Vec<&'a Module>>,
) -> Vec<Vec<&'a Module>> {
    struct State<'a, 'b> {
        successors: &'b BTreeMap<&'a Module, Vec<&'a Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<&'a Module>>,
    }
    fn visit<'a>(v: &'a Module, s: &mut State<'a, '_>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for &w in s.successors.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(w, s);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            component.sort();
            s.found.push(component);
        }
    }
    let mut state = State {
        successors,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    // Modules that only appear as an edge's end are nodes too.
    let nodes: BTreeSet<&Module> = modules
        .iter()
        .chain(successors.keys().copied())
        .chain(successors.values().flatten().copied())
        .collect();
    for v in nodes {
        if !state.index.contains_key(v) {
            visit(v, &mut state);
        }
    }
    state.found
}

/// The cycles, one per line as `a -> b -> a`, each followed by one use per edge.
fn describe(graph: &Graph, cycles: &[Vec<Edge>]) -> String {
    let mut out = format!("{}: {} module cycles\n", graph.name, cycles.len());
    for cycle in cycles {
        let mut names: Vec<String> = cycle.iter().map(|e| show(&e.from)).collect();
        names.push(show(&cycle[0].from));
        let _ = writeln!(out, "  {}", names.join(" -> "));
        for edge in cycle {
            let _ = writeln!(
                out,
                "      {} -> {}: {}:{}",
                show(&edge.from),
                show(&edge.to),
                edge.file,
                edge.line
            );
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reading a crate's source.

/// The crates of one `src/` directory: the library (`lib.rs`) and each binary (`main.rs`,
/// `bin/*.rs`, `bin/*/main.rs`), each from its root through its `mod` declarations.
fn analyse_src(src: &Path) -> Vec<Graph> {
    let mut roots = vec![src.join("lib.rs"), src.join("main.rs")];
    if let Ok(entries) = std::fs::read_dir(src.join("bin")) {
        let mut bins: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .map(|p| if p.is_dir() { p.join("main.rs") } else { p })
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        bins.sort();
        roots.extend(bins);
    }
    roots
        .into_iter()
        .filter(|root| root.is_file())
        .map(|root| analyse_crate(&root))
        .collect()
}

/// One crate, from its root file.
fn analyse_crate(root: &Path) -> Graph {
    let mut graph = Graph {
        name: relative(root),
        ..Graph::default()
    };
    let mut raw = Vec::new();
    let dir = root.parent().unwrap().to_path_buf();
    read_module(root, Vec::new(), &dir, &mut graph, &mut raw);
    // Each path's target: the longest module it starts with (the root at least).
    for (from, path, file, line) in raw {
        let to = (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|m| graph.modules.contains(m))
            .unwrap_or_default();
        if to != from {
            graph.edges.push(Edge {
                from,
                to,
                file,
                line,
            });
        }
    }
    graph
}

/// A path used by a module, resolved from the crate root: `(from, path, file, line)`.
type RawEdge = (Module, Vec<String>, String, usize);

/// Reads the file of `module` (whose child modules' files are under `dir`), then the files of
/// the children it declares.
fn read_module(file: &Path, module: Module, dir: &Path, graph: &mut Graph, raw: &mut Vec<RawEdge>) {
    let Ok(text) = std::fs::read_to_string(file) else {
        return;
    };
    graph.files += 1;
    let name = relative(file);
    let scan = scan(&text, &module);
    graph.modules.extend(scan.modules);
    raw.extend(
        scan.paths
            .into_iter()
            .map(|(from, path, line)| (from, path, name.clone(), line)),
    );
    for child in scan.children {
        // `mod c;` in `a.rs` (or `a/mod.rs`), or in `mod b { ... }` within it: `a/[b/]c.rs` or
        // `a/[b/]c/mod.rs`.
        let mut at = dir.to_path_buf();
        for inline in &child[module.len()..child.len() - 1] {
            at.push(inline);
        }
        let leaf = child.last().unwrap();
        let (path, child_dir) = if at.join(format!("{leaf}.rs")).is_file() {
            (at.join(format!("{leaf}.rs")), at.join(leaf))
        } else {
            (at.join(leaf).join("mod.rs"), at.join(leaf))
        };
        read_module(&path, child, &child_dir, graph, raw);
    }
}

fn relative(path: &Path) -> String {
    path.strip_prefix(workspace())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// What one file says about its module.
#[derive(Debug, Default)]
struct Scan {
    /// The file's module and its inline modules (not test ones).
    modules: Vec<Module>,
    /// The modules it declares with `mod c;`, whose files are read next (not test ones).
    children: Vec<Module>,
    /// The paths its modules use, resolved from the crate root, with their lines.
    paths: Vec<(Module, Vec<String>, usize)>,
}

/// A token of the blanked source, with its line.
#[derive(Debug)]
struct Token {
    text: String,
    line: usize,
}

/// Scans the source of `module`.
fn scan(source: &str, module: &[String]) -> Scan {
    let tokens = tokenize(&blank(source));
    let at = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let is_ident = |s: &str| s.starts_with(|c: char| c.is_alphabetic() || c == '_');

    let mut scan = Scan {
        modules: vec![module.to_vec()],
        ..Scan::default()
    };
    // The inline modules the scanner is in: (module, depth of braces at its `{`).
    let mut scopes: Vec<(Module, usize)> = vec![(module.to_vec(), 0)];
    let mut depth = 0;
    // A `#[cfg(test)]` was seen before the item that starts here.
    let mut test = false;
    let mut i = 0;
    while i < tokens.len() {
        let current = scopes.last().unwrap().0.clone();
        match at(i) {
            "#" if at(i + 1) == "[" || (at(i + 1) == "!" && at(i + 2) == "[") => {
                let open = if at(i + 1) == "[" { i + 1 } else { i + 2 };
                let close = matching(&tokens, open);
                let inside: Vec<&str> = (open + 1..close).map(at).collect();
                if open == i + 1 && inside == ["cfg", "(", "test", ")"] {
                    test = true;
                }
                i = close + 1;
            }
            "pub" if at(i + 1) == "(" => i = matching(&tokens, i + 1) + 1,
            "pub" => i += 1,
            _ if test => {
                i = skip_item(&tokens, i);
                test = false;
            }
            "mod" if at(i + 1) == "tests" => i = skip_item(&tokens, i),
            "mod" if is_ident(at(i + 1)) && at(i + 2) == "{" => {
                let mut inner = current.clone();
                inner.push(at(i + 1).to_owned());
                scan.modules.push(inner.clone());
                scopes.push((inner, depth));
                depth += 1;
                i += 3;
            }
            "mod" if is_ident(at(i + 1)) && at(i + 2) == ";" => {
                let mut child = current.clone();
                child.push(at(i + 1).to_owned());
                scan.children.push(child);
                i += 3;
            }
            "use" => {
                let mut paths = Vec::new();
                i = use_tree(&tokens, i + 1, Vec::new(), &mut paths);
                for (path, line) in paths {
                    if let Some(path) = resolve(&current, &path) {
                        scan.paths.push((current.clone(), path, line));
                    }
                }
            }
            "crate" | "super" | "self" if at(i + 1) == "::" => {
                let line = tokens[i].line;
                let mut path = vec![at(i).to_owned()];
                i += 1;
                while at(i) == "::" && is_ident(at(i + 1)) {
                    path.push(at(i + 1).to_owned());
                    i += 2;
                }
                if let Some(path) = resolve(&current, &path) {
                    scan.paths.push((current.clone(), path, line));
                }
            }
            "{" => {
                depth += 1;
                i += 1;
            }
            "}" => {
                depth = depth.saturating_sub(1);
                if scopes.len() > 1 && scopes.last().unwrap().1 == depth {
                    scopes.pop();
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    scan
}

/// The index of the bracket that closes the one at `open` (or the last token).
fn matching(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token.text.as_str() {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    tokens.len().saturating_sub(1)
}

/// The index after the item that starts at `start`: after its `;` or its braced body.
fn skip_item(tokens: &[Token], start: usize) -> usize {
    let mut i = start;
    while i < tokens.len() {
        match tokens[i].text.as_str() {
            ";" => return i + 1,
            "{" => return matching(tokens, i) + 1,
            "(" | "[" => i = matching(tokens, i) + 1,
            _ => i += 1,
        }
    }
    i
}

/// Reads the use tree at `i` (after `use`, or inside a group) below `prefix`: every path it
/// imports, with its line. Returns the index after it.
fn use_tree(
    tokens: &[Token],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, usize)>,
) -> usize {
    let at = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let line = |i: usize| tokens.get(i).map_or(0, |t| t.line);
    if at(i) == "::" {
        i += 1; // `use ::std::...`
    }
    loop {
        match at(i) {
            "{" => {
                i += 1;
                while !matches!(at(i), "}" | "") {
                    i = use_tree(tokens, i, prefix.clone(), out);
                    if at(i) == "," {
                        i += 1;
                    }
                }
                return i + 1;
            }
            "*" => {
                out.push((prefix, line(i)));
                return i + 1;
            }
            "$" => i += 1, // `$crate`
            s if s.starts_with(|c: char| c.is_alphabetic() || c == '_') => {
                prefix.push(s.to_owned());
                let last = i;
                i += 1;
                if at(i) == "::" {
                    i += 1;
                    continue;
                }
                if at(i) == "as" {
                    i += 2;
                }
                out.push((prefix, line(last)));
                return i;
            }
            // Not a use tree after all (`use` in a macro's pattern, say): stop here.
            _ => return i + 1,
        }
    }
}

/// `path`, as written in `module`, from the crate root; `None` for a path that does not start
/// with `crate`, `super` or `self` (another crate's, or a name in scope).
fn resolve(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let mut segments = path.iter().map(String::as_str).peekable();
    let mut resolved: Vec<String> = match segments.next()? {
        "crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => {
            let mut m = module.to_vec();
            m.pop()?;
            while segments.peek() == Some(&"super") {
                segments.next();
                m.pop()?;
            }
            m
        }
        _ => return None,
    };
    // A group's `self` is its prefix: `use crate::a::{self, b}`.
    resolved.extend(segments.filter(|s| *s != "self").map(str::to_owned));
    Some(resolved)
}

/// The source with its comments, strings and character literals blanked (newlines kept, so
/// that lines still count).
fn blank(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    // Blanks `chars[from..to]` into `out`.
    let push_blank = |out: &mut String, from: usize, to: usize| {
        for &c in &chars[from..to.min(chars.len())] {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            let end = (i..chars.len())
                .find(|&j| chars[j] == '\n')
                .unwrap_or(chars.len());
            push_blank(&mut out, i, end);
            i = end;
        } else if c == '/' && next == Some('*') {
            // Block comments nest.
            let (mut j, mut open) = (i + 2, 1);
            while j < chars.len() && open > 0 {
                if chars[j] == '/' && chars.get(j + 1) == Some(&'*') {
                    open += 1;
                    j += 2;
                } else if chars[j] == '*' && chars.get(j + 1) == Some(&'/') {
                    open -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            push_blank(&mut out, i, j);
            i = j;
        } else if c == 'r' && raw_string_start(&chars, i) {
            // A raw string: `r"..."`, `r#"..."#`, `br"..."`.
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            let mut j = i + 2 + hashes;
            while j < chars.len() {
                if chars[j] == '"'
                    && chars[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes
                {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push('r');
            push_blank(&mut out, i + 1, j);
            i = j;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            push_blank(&mut out, i, j + 1);
            i = j + 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal, not a lifetime.
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '\'' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            push_blank(&mut out, i, j + 1);
            i = j + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the `r` at `i` opens a raw string: `r"`, `r#"`, `br"`, `cr#"` (not the end of a
/// word like `for`, nor a raw identifier `r#type`).
fn raw_string_start(chars: &[char], i: usize) -> bool {
    let word = |j: usize| chars[j].is_alphanumeric() || chars[j] == '_';
    let starts_word =
        i == 0 || !word(i - 1) || (matches!(chars[i - 1], 'b' | 'c') && (i < 2 || !word(i - 2)));
    let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
    starts_word && chars.get(i + 1 + hashes) == Some(&'"')
}

/// The blanked source's tokens: words (identifiers, keywords, numbers), `::` and single
/// characters.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let mut text: String = chars[start..i].iter().collect();
            // A raw identifier: `r#type` is `type`.
            if text == "r" && chars.get(i) == Some(&'#') {
                let end = (i + 1..chars.len())
                    .find(|&j| !(chars[j].is_alphanumeric() || chars[j] == '_'))
                    .unwrap_or(chars.len());
                text = chars[i + 1..end].iter().collect();
                i = end;
            }
            tokens.push(Token { text, line });
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push(Token {
                text: "::".to_owned(),
                line,
            });
            i += 2;
        } else {
            tokens.push(Token {
                text: c.to_string(),
                line,
            });
            i += 1;
        }
    }
    tokens
}

// ---------------------------------------------------------------------------------------------
// The finder and the scanner on small examples.

fn module(name: &str) -> Module {
    if name == "crate" {
        Vec::new()
    } else {
        name.split("::").map(str::to_owned).collect()
    }
}

/// A graph of the named modules, with one use per pair `(from, to)`.
fn synthetic(modules: &[&str], uses: &[(&str, &str)]) -> Graph {
    Graph {
        name: "synthetic".to_owned(),
        files: modules.len(),
        modules: modules.iter().map(|m| module(m)).collect(),
        edges: uses
            .iter()
            .enumerate()
            .map(|(n, (from, to))| Edge {
                from: module(from),
                to: module(to),
                file: format!("{}.rs", from.replace("::", "/")),
                line: n + 1,
            })
            .collect(),
    }
}

fn cycle_names(graph: &Graph) -> Vec<String> {
    find_cycles(graph)
        .iter()
        .map(|cycle| {
            let mut names: Vec<String> = cycle.iter().map(|e| show(&e.from)).collect();
            names.push(show(&cycle[0].from));
            names.join(" -> ")
        })
        .collect()
}

#[test]
fn two_modules_that_use_each_other_are_a_cycle() {
    let graph = synthetic(
        &["crate", "a", "b", "c"],
        &[("a", "b"), ("b", "a"), ("c", "a"), ("a", "crate")],
    );
    assert_eq!(cycle_names(&graph), ["a -> b -> a"]);
    let report = describe(&graph, &find_cycles(&graph));
    assert!(report.contains("a -> b: a.rs:1"), "{report}");
    assert!(report.contains("b -> a: b.rs:2"), "{report}");
}

#[test]
fn a_parent_and_its_children_may_use_each_other() {
    let graph = synthetic(
        &["crate", "a", "a::b", "a::b::c", "d"],
        &[
            ("a", "a::b"),
            ("a::b", "a"),
            ("a::b::c", "a"),
            ("a", "a::b::c"),
            ("crate", "d"),
            ("d", "crate"),
            ("a::b", "d"),
        ],
    );
    assert_eq!(cycle_names(&graph), Vec::<String>::new());
}

#[test]
fn three_modules_in_a_ring_are_a_cycle() {
    let graph = synthetic(
        &["crate", "x", "x::a", "x::b", "y"],
        &[
            ("x::a", "x::b"),
            ("x::b", "y"),
            ("y", "x::a"),
            ("x::a", "x"),
        ],
    );
    assert_eq!(cycle_names(&graph), ["x::a -> x::b -> y -> x::a"]);
}

#[test]
fn cousins_are_a_cycle_but_not_through_their_parents() {
    // `a::x` and `b::y` use each other: a cycle. `a` uses `b::y` and `b` uses `a::x`: not one
    // of the graph's (only modules are nodes; `a` is not `a::x`).
    let graph = synthetic(
        &["crate", "a", "a::x", "b", "b::y"],
        &[
            ("a::x", "b::y"),
            ("b::y", "a::x"),
            ("a", "b::y"),
            ("b", "a::x"),
        ],
    );
    assert_eq!(cycle_names(&graph), ["a::x -> b::y -> a::x"]);
}

#[test]
fn the_scanner_reads_uses_groups_paths_and_skips_tests() {
    let source = r##"
//! Docs naming crate::b::Never.
use crate::{b::{self, Item}, c::*};
use super::sibling as other;
/* crate::d::Never */
mod inner {
    use super::super::e;
    fn f() { self::g(); }
}
fn h() -> &'static str { let _ = crate::f::call(); let _ = 'x'; "crate::d::Never" }
const RAW: &str = r#"crate::d::Never"#;
pub(in crate::a) fn i() {}
#[cfg(test)]
fn helper() { crate::d::Never(); }
#[cfg(test)]
mod checks { use crate::d::Never; }
mod tests { use crate::d::Never; }
mod child;
"##;
    let scan = scan(source, &module("a::m"));
    let paths: Vec<(String, String, usize)> = scan
        .paths
        .iter()
        .map(|(from, path, line)| (show(from), show(path), *line))
        .collect();
    let expected = [
        ("a::m", "b", 3),
        ("a::m", "b::Item", 3),
        ("a::m", "c", 3),
        ("a::m", "a::sibling", 4),
        ("a::m::inner", "a::e", 7),
        ("a::m::inner", "a::m::inner::g", 8),
        ("a::m", "f::call", 10),
    ];
    let expected: Vec<(String, String, usize)> = expected
        .iter()
        .map(|(f, p, l)| (f.to_string(), p.to_string(), *l))
        .collect();
    assert_eq!(paths, expected);
    assert_eq!(scan.modules, [module("a::m"), module("a::m::inner")]);
    assert_eq!(scan.children, [module("a::m::child")]);
}

#[test]
fn a_crate_on_disk_is_read_through_its_mod_declarations() {
    let dir = std::env::temp_dir().join(format!("antom-module-cycles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lib.rs", "mod a;\nmod b;\n");
    write("a/mod.rs", "mod x;\nuse crate::b::y::Y;\n");
    write(
        "a/x.rs",
        "pub struct X;\n\nfn f() -> crate::b::y::Y { todo!() }\n",
    );
    write("b.rs", "pub mod y;\n");
    write("b/y.rs", "pub struct Y;\nuse crate::a::x::X;\n");
    // Not declared by any module: not read.
    write("orphan.rs", "use crate::a::Never;\n");
    let crates = analyse_src(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(crates.len(), 1);
    let graph = &crates[0];
    assert_eq!(graph.files, 5);
    let cycles = find_cycles(graph);
    assert_eq!(cycle_names(graph), ["a::x -> b::y -> a::x"]);
    let uses: Vec<(PathBuf, usize)> = cycles[0]
        .iter()
        .map(|e| {
            (
                Path::new(&e.file).strip_prefix(&dir).unwrap().into(),
                e.line,
            )
        })
        .collect();
    assert_eq!(
        uses,
        [
            (Path::new("a").join("x.rs"), 3),
            (Path::new("b").join("y.rs"), 2)
        ]
    );
}
