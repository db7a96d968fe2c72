//! Plain YAML for every loader: the scalars that YAML 1.1 loaders read as another type are
//! quoted.
//!
//! serde_yaml writes YAML 1.2, where `2099-12-31T23:59:59+08:00`, `1:20` and `yes` are plain
//! strings. Loaders of YAML 1.1 (PyYAML's `safe_load`, which most tools use) read them as a
//! timestamp, the number 80 and `true`. serde_yaml already quotes what YAML 1.2 would read as
//! another type, and writes numbers and booleans in forms both versions agree on, so a plain
//! scalar that YAML 1.1 reads as a timestamp, a sexagesimal or underscored number or one of its
//! extra booleans can only be a string: it is single-quoted, which every loader reads as the
//! same string. Block scalars (`|-` text) are left alone.

/// `yaml`, as serde_yaml wrote it, with the plain scalars YAML 1.1 would misread quoted.
pub(super) fn quote_for_yaml_1_1(yaml: String) -> String {
    let mut out = String::with_capacity(yaml.len());
    // The indentation of the line that opened the block scalar being read.
    let mut block: Option<usize> = None;
    let mut changed = false;
    for line in yaml.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        if let Some(opened) = block {
            if content.trim().is_empty() || indent > opened {
                out.push_str(line);
                continue;
            }
            block = None;
        }
        let (head, value) = split_scalar(content);
        if value.starts_with(['|', '>']) {
            block = Some(indent);
        }
        if misread_by_yaml_1_1(value) {
            changed = true;
            out.push_str(head);
            out.push('\'');
            out.push_str(&value.replace('\'', "''"));
            out.push('\'');
            out.push_str(&line[content.len()..]);
        } else {
            out.push_str(line);
        }
    }
    if changed { out } else { yaml }
}

/// A line of block YAML split before its scalar value: `  - name: ` and `x` for
/// `  - name: x`, `- ` and `x` for `- x`; the value is empty when the line holds none.
fn split_scalar(line: &str) -> (&str, &str) {
    let mut start = line.len() - line.trim_start_matches(' ').len();
    while line[start..].starts_with("- ") {
        start += 2;
    }
    let rest = &line[start..];
    // A plain key (serde_yaml quotes any key with `: ` or a quote in it).
    let value_at = if rest.starts_with(['\'', '"']) {
        None
    } else {
        rest.find(": ").map(|i| start + i + 2)
    };
    let at = value_at.unwrap_or(start);
    (&line[..at], &line[at..])
}

/// Whether YAML 1.1 reads the plain scalar `s` as something other than the string it is in
/// YAML 1.2: a timestamp, a sexagesimal or underscored number, a binary number or one of its
/// extra booleans.
fn misread_by_yaml_1_1(s: &str) -> bool {
    if s.is_empty() || s.starts_with(['\'', '"', '|', '>', '[', '{', '&', '*', '!', '#']) {
        return false;
    }
    timestamp(s) || sexagesimal(s) || underscored_or_binary(s) || boolean(s)
}

fn digits(s: &str, min: usize, max: usize) -> Option<&str> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (min..=max).contains(&n).then(|| &s[n..])
}

/// YAML 1.1's timestamp: `2001-12-14`, or `2001-12-14t21:59:43.10-05:00` with `T`, `t` or
/// spaces between date and time, and an optional fraction and zone.
fn timestamp(s: &str) -> bool {
    let date = || -> Option<&str> {
        let rest = digits(s, 4, 4)?.strip_prefix('-')?;
        let rest = digits(rest, 1, 2)?.strip_prefix('-')?;
        digits(rest, 1, 2)
    };
    let Some(rest) = date() else {
        return false;
    };
    if rest.is_empty() {
        // A date alone has two-digit month and day.
        return s.len() == 10;
    }
    let time = || -> Option<&str> {
        let rest = match rest.strip_prefix(['T', 't']) {
            Some(rest) => rest,
            None => rest.trim_start_matches([' ', '\t']),
        };
        let rest = digits(rest, 1, 2)?.strip_prefix(':')?;
        let rest = digits(rest, 2, 2)?.strip_prefix(':')?;
        let mut rest = digits(rest, 2, 2)?;
        if let Some(fraction) = rest.strip_prefix('.') {
            rest = digits(fraction, 0, usize::MAX)?;
        }
        let rest = rest.trim_start_matches([' ', '\t']);
        if rest.is_empty() || rest == "Z" {
            return Some("");
        }
        let rest = digits(rest.strip_prefix(['+', '-'])?, 1, 2)?;
        match rest.strip_prefix(':') {
            Some(minutes) => digits(minutes, 2, 2),
            None => Some(rest),
        }
    };
    time().is_some_and(str::is_empty)
}

/// YAML 1.1's base-60 numbers: `1:20`, `-190:20:30.15`.
fn sexagesimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let mut parts = whole.split(':');
    let first = parts.next().unwrap_or_default();
    let mut sixties = 0;
    for part in parts {
        let valid = (1..=2).contains(&part.len())
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u8>().is_ok_and(|n| n < 60);
        if !valid {
            return false;
        }
        sixties += 1;
    }
    sixties > 0
        && first.starts_with(|c: char| c.is_ascii_digit())
        && first.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && fraction.bytes().all(|b| b.is_ascii_digit() || b == b'_')
}

/// YAML 1.1's integers and floats with `_` between digits (`1_000`), and its `0b` integers.
fn underscored_or_binary(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    if let Some(bits) = s.strip_prefix("0b") {
        return !bits.is_empty() && bits.bytes().all(|b| matches!(b, b'0' | b'1' | b'_'));
    }
    s.contains('_')
        && s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'_' || b == b'.')
        && s.bytes().filter(|&b| b == b'.').count() <= 1
}

/// YAML 1.1's booleans beyond `true` and `false`.
fn boolean(s: &str) -> bool {
    matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_yaml_1_1_misreads_is_quoted_and_nothing_else() {
        for misread in [
            "2099-12-31T23:59:59+08:00",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43.10 -5",
            "2002-12-14",
            "2001-12-15T02:59:43.1Z",
            "1:20",
            "-190:20:30.15",
            "1_000",
            "0b1010",
            "yes",
            "Off",
        ] {
            assert!(misread_by_yaml_1_1(misread), "{misread}");
        }
        for string in [
            "2099-12-31",
            "2099-1-31",
            "2099-12-31T23:59",
            "2099-12-31 is the day",
            "12:30 pm",
            "1:60",
            "_1",
            "0b",
            "yesterday",
            "SUCCESS",
            "64",
            "",
        ] {
            let expected = string == "2099-12-31";
            assert_eq!(misread_by_yaml_1_1(string), expected, "{string}");
        }
    }

    #[test]
    fn plain_scalars_are_quoted_where_they_stand_and_block_text_is_left_alone() {
        let yaml = "a: 2099-12-31T23:59:59+08:00\nlist:\n- 1:20\n- - yes\n  - name: x\n    default: 2002-12-14\nnotes:\n- |-\n  2002-12-14\n\n  on\nafter: 'on'\nmax: 64\n";
        assert_eq!(
            quote_for_yaml_1_1(yaml.to_owned()),
            "a: '2099-12-31T23:59:59+08:00'\nlist:\n- '1:20'\n- - 'yes'\n  - name: x\n    default: '2002-12-14'\nnotes:\n- |-\n  2002-12-14\n\n  on\nafter: 'on'\nmax: 64\n"
        );
    }
}
