//! Timestamps of annotations (`created`, `modified`) as instants, so that
//! two versions of one annotation can be ordered whatever their writer's
//! format: ours (`2026-11-28T13:40:00.000Z`), Hypothesis's
//! (`2026-11-28T13:40:00.123456+00:00`), or a bare date.
//!
//! Pure: the clock is the shell's business; this module only reads strings.

/// Milliseconds since 1970-01-01T00:00:00Z of an RFC 3339 / ISO 8601
/// timestamp (`YYYY-MM-DD`, optionally `THH:MM[:SS[.fraction]]` and `Z` or
/// `±HH:MM`; no zone means UTC). `None` when it is not one.
pub fn instant(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) * 86_400_000;
    let mut i = 10;
    if matches!(b.get(i), Some(b'T' | b't' | b' ')) {
        let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
        if b.get(i + 3) != Some(&b':') || h > 24 || m > 59 {
            return None;
        }
        ms += (h * 60 + m) * 60_000;
        i += 6;
        if b.get(i) == Some(&b':') {
            let sec = num(i + 1, 2)?;
            if sec > 60 {
                return None;
            }
            ms += sec * 1000;
            i += 3;
            if b.get(i) == Some(&b'.') {
                i += 1;
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if digits == 0 {
                    return None;
                }
                let frac = num(i, digits.min(3))?;
                ms += frac * [100, 10, 1][digits.min(3) - 1];
                i += digits;
            }
        }
        match b.get(i) {
            None => {}
            Some(b'Z' | b'z') if i + 1 == b.len() => {}
            Some(&sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
                let offset = (num(i + 1, 2)? * 60 + num(i + 4, 2)?) * 60_000;
                ms += if sign == b'+' { -offset } else { offset };
            }
            _ => return None,
        }
    } else if i != b.len() {
        return None;
    }
    Some(ms)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm: exact for every year, no tables).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Orders two optional timestamps: a readable one is newer than none or an
/// unreadable one; two unreadable ones compare as strings, so the order is
/// total and the same in every tab.
pub fn compare(a: Option<&str>, b: Option<&str>) -> std::cmp::Ordering {
    let key = |s: Option<&str>| (s.and_then(instant), s.map(str::to_owned));
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn reads_the_formats_annotations_are_written_in() {
        assert_eq!(instant("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(instant("1970-01-01"), Some(0));
        assert_eq!(instant("2026-11-28T13:40:00.000Z"), Some(1_795_873_200_000));
        // Hypothesis: microseconds and an offset.
        assert_eq!(instant("2026-11-28T14:40:00.123456+01:00"), Some(1_795_873_200_123));
        assert_eq!(instant("2026-11-28T08:40:00-05:00"), Some(1_795_873_200_000));
        assert_eq!(instant("2000-02-29T00:00"), Some(951_782_400_000));
    }

    #[test]
    fn refuses_what_is_not_a_timestamp() {
        for s in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-11-28T25:00Z",
            "2026-11-28Tnoon",
            "2026-11-28T13:40:00.Z",
            "2026-11-28X",
        ] {
            assert_eq!(instant(s), None, "{s}");
        }
    }

    #[test]
    fn compares_across_formats_and_puts_unreadable_first() {
        assert_eq!(compare(Some("2026-11-28T13:40:00Z"), Some("2026-11-28T14:39:59+01:00")), Ordering::Greater);
        assert_eq!(compare(Some("garbage"), Some("1970-01-01")), Ordering::Less);
        assert_eq!(compare(None, Some("garbage")), Ordering::Less);
        assert_eq!(compare(Some("b"), Some("a")), Ordering::Greater);
    }
}
