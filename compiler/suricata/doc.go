// Package suricata lowers parsed Suricata rules into the IR.
//
// Every rule option is handled by a keyword registered from its own file
// (kw_*.go) or, for families of sticky buffers and content modifiers that
// differ only in name, from one table per family. An option without a
// registered keyword is reported as unsupported at its position; a rule
// with any error or unsupported option is left out of the rule set, never
// half-compiled.
package suricata
