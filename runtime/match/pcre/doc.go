// Package pcre runs the regular expressions of Suricata's pcre keyword on
// byte buffers. A pattern is parsed with PCRE's rules (no UTF mode: one
// byte is one character, only ASCII letters fold, \d \s \w are ASCII) and
// written out again in an explicit form: every class as byte ranges,
// caseless letters as two-byte classes, anchors spelled out.
//
// That form runs on RE2 in Latin-1 mode (github.com/wasilibs/go-re2,
// linear time). Constructs RE2 lacks — lookaround, backreferences, atomic
// groups, possessive quantifiers, \G, and a PCRE `$` that is not at the
// end of the pattern — run on a backtracking engine
// (github.com/dlclark/regexp2) fed one rune per byte, with a match time
// limit; a search that runs out of time is an error, which Suricata's
// pcre treats as no match. A pattern neither engine accepts is a compile
// error.
//
// PCRE's `$` (without the m and E flags) matches at the end of the
// subject or before a final newline; RE2 has no such assertion. At the
// end of a pattern it becomes an empty capture group followed by an
// optional newline and \z, and the group's position is the match end.
package pcre
