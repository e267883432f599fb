package suricata

import (
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
	"github.com/rulec/rulec/internal/hexdigit"
)

// filemd5, filesha1 and filesha256 take a list file (relative to the rule
// file's folder) of hex digests, one per line: a line's leading run of
// hex digits is its digest, a line without one is skipped, as Suricata's
// LoadHashTable reads it. A leading ! negates: the rule matches a closed
// file whose digest is not in the list.
func init() {
	for kw, buf := range ir.FileHashBuffers {
		register(kw, valueRequired, func(b *builder, o *syntax.Option) error {
			v := strings.Trim(strings.TrimSpace(o.Value), `"`)
			m := &ir.FileHash{Buffer: ir.Buffer{Name: buf}}
			if rest, ok := strings.CutPrefix(v, "!"); ok {
				m.Negated, v = true, strings.TrimSpace(rest)
			}
			if v == "" {
				return badValue(kw+" list file", o.Value)
			}
			if !filepath.IsAbs(v) {
				v = filepath.Join(filepath.Dir(b.rule.Pos.File), v)
			}
			hashes, err := loadHashList(v, ir.FileHashLen[buf])
			if err != nil {
				return fmt.Errorf("%s: %w", kw, err)
			}
			m.Hashes = hashes
			b.rule.Matchers = append(b.rule.Matchers, m)
			return nil
		})
	}
}

// loadHashList reads a hash list of digests of n bytes, sorted, without
// duplicates.
func loadHashList(path string, n int) ([]string, error) {
	var out []string
	err := eachDataLine(path, func(line int, s string) error {
		end := 0
		for end < len(s) && hexdigit.Is(s[end]) {
			end++
		}
		if end == 0 {
			return nil
		}
		if end != 2*n {
			return fmt.Errorf("%s:%d: hash of %d hex digits, want %d: %w", path, line, end, 2*n, diag.ErrBadValue)
		}
		d, _ := hex.DecodeString(s[:end])
		out = append(out, string(d))
		return nil
	})
	slices.Sort(out)
	return slices.Compact(out), err
}
