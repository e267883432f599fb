package match

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// dataset is one named set, shared by every rule naming it and by the
// workers inspecting in parallel.
type dataset struct {
	typ  string
	mu   sync.Mutex
	vals map[string]struct{}
}

// dataset returns the set named by m, made from the first rule naming it
// and filled with every rule's loaded values.
func (e *Engine) dataset(m *ir.Dataset) (*dataset, error) {
	d := e.datasets[m.Name]
	if d == nil {
		d = &dataset{typ: m.Type, vals: map[string]struct{}{}}
		e.datasets[m.Name] = d
	}
	if d.typ != m.Type {
		return nil, fmt.Errorf("dataset %s of type %s used as %s: %w", m.Name, d.typ, m.Type, diag.ErrConflict)
	}
	for _, v := range m.Values {
		d.vals[v] = struct{}{}
	}
	return d, nil
}

// datasetStep applies a dataset command to the whole buffer.
type datasetStep struct {
	set       *dataset
	cmd       string
	subdomain bool
}

func (s *datasetStep) inspect(in *inspector, i, prev int) int {
	if !s.holds(in.buf) {
		return noMatch
	}
	return in.next(i, prev)
}

func (s *datasetStep) holds(v []byte) bool {
	d := s.set
	if d.typ == "ip" && len(v) == 4 {
		// an IPv4 address in an ip set is stored IPv4-mapped
		v = append([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, v...)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	_, in := d.vals[string(v)]
	if !in && s.subdomain {
		in = d.hasSuffix(v)
	}
	switch s.cmd {
	case "set":
		if in {
			return false
		}
		d.vals[string(v)] = struct{}{}
		return true
	case "unset":
		delete(d.vals, string(v))
		return in
	case "isnotset":
		return !in
	}
	return in
}

// hasSuffix reports whether a dot-suffix of v (".evil.com" of
// ".www.evil.com", or "evil.com" of "www.evil.com") is in the set.
func (d *dataset) hasSuffix(v []byte) bool {
	for i := 1; i < len(v); i++ {
		if v[i-1] != '.' && v[i] != '.' {
			continue
		}
		j := i
		if v[i-1] == '.' {
			j = i - 1
		}
		if _, ok := d.vals[string(v[j:])]; ok {
			return true
		}
		if _, ok := d.vals[string(bytes.TrimPrefix(v[j:], []byte(".")))]; ok {
			return true
		}
	}
	return false
}
