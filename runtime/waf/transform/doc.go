// Package transform holds ModSecurity's transformation functions (t:...),
// one file per function, each registering itself under its SecLang name.
//
// A function takes the value and returns the transformed value; when the
// value needs no change it is returned as is, without allocating, so that
// the engine can tell a no-op from a change (multiMatch) and keep its
// per-transaction cache cheap. Values are byte strings: no function assumes
// UTF-8 except utf8toUnicode, whose job is to read it.
package transform
