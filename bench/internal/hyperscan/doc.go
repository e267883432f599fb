// Package hyperscan is the benchmarks' small cgo binding of Hyperscan's
// literal API (Debian's libhyperscan-dev): compile a literal set with
// per-literal caseless flags in block mode, scan a buffer, count or
// collect the matches. Matches are recorded by a C callback into C memory,
// so a scan crosses from Go to C once and never back.
package hyperscan
