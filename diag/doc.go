// Package diag holds source positions, positioned diagnostics and the
// sentinel errors shared by every stage of rulec, from the grammars to the
// runtime. A List collects the diagnostics of a file up to a cap, in the
// manner of go/scanner's ErrorList.
package diag
