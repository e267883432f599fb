// Package grammar groups the syntax-only front ends of rulec: one
// subpackage per rule language, each turning source text into an AST with
// positions. Nothing here resolves variables or knows about the kernel.
package grammar
