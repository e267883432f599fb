package suricata

import (
	"math"

	"github.com/rulec/rulec/compiler/ir"
)

// http2.size_update compares the dynamic table size updates of an HTTP/2
// transaction's header blocks in the direction inspected (Suricata 8: a
// u64 integer, holding when one update does).
func init() {
	http2Keyword("http2.size_update", func(v string) (ir.Cmp, error) {
		return parseCmp("http2.size_update", v, math.MaxInt64)
	})
}
