// Package prefilter finds, for a regular expression, a set of literals one
// of which every match must contain. The engine looks for all of them at
// once with an Aho-Corasick automaton and runs the expression only on the
// values where one occurs.
//
// Literals are lower-cased ASCII and meant to be searched without regard
// to case, which covers (?i) patterns and keeps the set sound for the
// others. A rune outside ASCII (a Latin-1 byte in ModSecurity's byte
// semantics) or a wide character class counts as unknown text.
package prefilter
