package match

import (
	"math"

	"github.com/rulec/rulec/compiler/ir"
)

// entropyStep is entropy: the Shannon entropy of part of the buffer,
// stored whatever the comparison says.
type entropyStep struct {
	offset, bytes int
	value         ir.FloatCmp
	v             string
}

func (s *entropyStep) inspect(in *inspector, i, prev int) int {
	b := in.buf
	if s.offset > 0 {
		if s.offset > len(b) {
			return noMatch
		}
		b = b[s.offset:]
	}
	if s.bytes > 0 {
		if s.bytes > len(b) {
			return noMatch
		}
		b = b[:s.bytes]
	}
	e := entropy(b)
	if in.fx != nil {
		in.fx.Entropy = append(in.fx.Entropy, EntropyValue{Var: s.v, Value: e})
	}
	if !s.value.Holds(e) {
		return noMatch
	}
	return in.next(i, prev)
}

// entropy is the Shannon entropy of b in bits per byte, summed over the
// byte values in order as Suricata does.
func entropy(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	var freq [256]uint32
	for _, c := range b {
		freq[c]++
	}
	n := float64(len(b))
	e := 0.0
	for _, c := range freq {
		if c > 0 {
			p := float64(c) / n
			e -= p * math.Log2(p)
		}
	}
	return e
}
