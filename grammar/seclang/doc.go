// Package seclang parses ModSecurity SecLang configuration files (as used by
// the OWASP Core Rule Set) into an AST with positions.
//
// A hand-written scanner splits a file into directives, one per logical
// line: a physical line whose last byte is a backslash is joined to the
// next one (the backslash removed, the next line's leading white space
// kept, as Apache does), lines that start with '#' are comments, and
// arguments are separated by white space and may be double- or
// single-quoted. Inside a quoted argument only a backslash before the quote
// character is undone; every other backslash sequence, \\ included, is kept
// as written, because operator arguments are regular expressions.
//
// Every directive keeps its arguments. SecRule, SecAction,
// SecDefaultAction, SecRuleUpdateActionById and the SecRuleUpdateTargetBy*
// directives also get their variable list, operator and action list parsed;
// inside an action list a value in single quotes may hold commas, and has
// \' and \\ undone. Other directives, known or not, are kept as written:
// the compiler decides what they mean. ParseFile works on text alone;
// ParseFiles reads files and expands Include directives. Format prints a
// directive back on one line.
package seclang
