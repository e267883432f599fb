// Package cheader lets tests check Go constants against the C headers of
// the BPF programs they mirror.
package cheader
