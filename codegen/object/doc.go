// Package object is the compiled object format (.rco): one versioned,
// checksummed file holding the classifier ELF it was generated for, the
// kernel tables, and every compiled rule (IR, tier and reason) — the
// userspace program and the rule metadata alike.
//
// Layout: an 8-byte magic "RULECO\x00\x00", a big-endian uint32 format
// version, a gob-encoded Object, and the SHA-256 of everything before it.
// A truncated, corrupt or tampered file, or one of another format version,
// is refused with an error saying which.
package object
