package eve

import (
	"testing"

	"github.com/rulec/rulec/runtime/filehash"
)

// TestFileHashesFromYAML: the eve-log files type's force-hash and an
// enabled file store v2 (sha256, and its own force-hash) force digests; a
// disabled file store and an unknown algorithm do not.
func TestFileHashesFromYAML(t *testing.T) {
	for _, c := range []struct {
		yaml string
		want filehash.Kinds
		bad  bool
	}{
		{"outputs:\n  - eve-log:\n      types:\n        - files:\n            force-hash: [sha256, MD5]\n", filehash.SHA256 | filehash.MD5, false},
		{"outputs:\n  - file-store:\n      version: 2\n      enabled: yes\n      force-hash: [sha1]\n", filehash.SHA256 | filehash.SHA1, false},
		{"outputs:\n  - file-store:\n      version: 2\n      enabled: no\n", 0, false},
		{"outputs:\n  - eve-log:\n      types:\n        - files\n        - alert\n", 0, false},
		{"outputs:\n  - eve-log:\n      types:\n        - files:\n            force-hash: [crc32]\n", 0, true},
	} {
		got, err := FileHashesFromYAML([]byte(c.yaml))
		if got != c.want || (err != nil) != c.bad {
			t.Errorf("%q: %v, %v; want %v", c.yaml, got, err, c.want)
		}
	}
}
