// Package bpflog reads the log records that BPF programs write with
// bpf/log.h: each record has a level, a rule id, a format id and/or a
// short fixed text, and up to four typed arguments (u64, IPv4/IPv6
// address, port, short string). Records below the loader's level are
// dropped in the kernel (SetLevel) and again by the Reader; records that
// found the ring full are counted in the kernel (Reader.Dropped).
package bpflog
