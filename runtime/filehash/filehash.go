package filehash

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"fmt"
	"hash"
	"strings"
)

// Kinds is a set of digests to compute.
type Kinds uint8

const (
	MD5 Kinds = 1 << iota
	SHA1
	SHA256
)

// names are the digests' names in suricata.yaml (force-hash), the
// fileinfo record and the file hash buffers (file.md5, ...).
var names = [...]string{"md5", "sha1", "sha256"}

// Parse reads a force-hash list: md5, sha1 and sha256, comma or space
// separated, any case.
func Parse(list string) (Kinds, error) {
	var k Kinds
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '[' || r == ']' }) {
		i := 0
		for i < len(names) && !strings.EqualFold(f, names[i]) {
			i++
		}
		if i == len(names) {
			return 0, fmt.Errorf("force-hash algorithm %q: want md5, sha1 or sha256", f)
		}
		k |= 1 << i
	}
	return k, nil
}

// Hasher computes the digests of Kinds over the bytes written to it.
type Hasher struct {
	h [len(names)]hash.Hash
}

// New returns a Hasher of the digests in k, or nil when k is empty.
func New(k Kinds) *Hasher {
	if k == 0 {
		return nil
	}
	var h Hasher
	for i, mk := range [...]func() hash.Hash{md5.New, sha1.New, sha256.New} {
		if k&(1<<i) != 0 {
			h.h[i] = mk()
		}
	}
	return &h
}

// Write adds file bytes; a nil Hasher takes nothing.
func (h *Hasher) Write(b []byte) {
	if h == nil {
		return
	}
	for _, x := range h.h {
		if x != nil {
			x.Write(b)
		}
	}
}

// Sums are a file's digests, nil where not computed.
type Sums [len(names)][]byte

// Sums returns the digests of what was written; a nil Hasher has none.
func (h *Hasher) Sums() Sums {
	var s Sums
	if h == nil {
		return s
	}
	for i, x := range h.h {
		if x != nil {
			s[i] = x.Sum(nil)
		}
	}
	return s
}

// Of returns the digests of k over data.
func Of(k Kinds, data []byte) Sums {
	h := New(k)
	h.Write(data)
	return h.Sums()
}

// Each calls fn with the name (md5, sha1, sha256) and digest of every
// digest computed, in that order; with closed false only sha256, as
// Suricata keeps only that one of a truncated file.
func (s Sums) Each(closed bool, fn func(name string, sum []byte)) {
	for i, v := range s {
		if v != nil && (closed || i == 2) {
			fn(names[i], v)
		}
	}
}
