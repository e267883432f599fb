package match

import (
	"bytes"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// dataset is one named set, shared by every rule naming it and by the
// workers inspecting in parallel.
type dataset struct {
	typ    string
	mu     sync.Mutex
	vals   map[string]struct{}
	bytes  int64          // memory the values take (ir.DatasetBytes)
	memcap int64          // bound on bytes, from the first rule naming the set
	full   *atomic.Uint64 // set commands refused at the memcap, the engine's count
	save   string         // file written at the end of a run; "" for none
}

// dataset returns the set named by m, made from the first rule naming it
// and filled with every rule's loaded values.
func (e *Engine) dataset(m *ir.Dataset) (*dataset, error) {
	d := e.datasets[m.Name]
	if d == nil {
		d = &dataset{typ: m.Type, vals: map[string]struct{}{}, memcap: m.MemcapOrDefault(), full: &e.datasetFull}
		e.datasets[m.Name] = d
	}
	if d.typ != m.Type {
		return nil, fmt.Errorf("dataset %s of type %s used as %s: %w", m.Name, d.typ, m.Type, diag.ErrConflict)
	}
	if d.save == "" {
		d.save = m.Save
	}
	for _, v := range m.Values {
		d.add(v)
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
		if d.bytes+int64(len(v))+ir.DatasetEntryBytes > d.memcap {
			d.full.Add(1)
			return false
		}
		d.add(string(v))
		return true
	case "unset":
		if in {
			delete(d.vals, string(v))
			d.bytes -= int64(len(v)) + ir.DatasetEntryBytes
		}
		return in
	case "isnotset":
		return !in
	}
	return in
}

// add puts v in the set, counting its memory.
func (d *dataset) add(v string) {
	if _, ok := d.vals[v]; !ok {
		d.vals[v] = struct{}{}
		d.bytes += int64(len(v)) + ir.DatasetEntryBytes
	}
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
