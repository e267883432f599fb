package match

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// repset is one named reputation set, shared by every datarep rule naming
// it; it is read only once built.
type repset struct {
	typ  string
	reps map[string]uint16
}

// datarep returns the set named by m, filled with every rule's loaded
// values (a later rule's reputation for a value wins).
func (e *Engine) datarep(m *ir.Datarep) (*repset, error) {
	s := e.datareps[m.Name]
	if s == nil {
		s = &repset{typ: m.Type, reps: map[string]uint16{}}
		e.datareps[m.Name] = s
	}
	if s.typ != m.Type {
		return nil, fmt.Errorf("datarep %s of type %s used as %s: %w", m.Name, s.typ, m.Type, diag.ErrConflict)
	}
	for i, v := range m.Values {
		s.reps[v] = m.Reps[i]
	}
	return s, nil
}

// datarepStep compares the whole buffer's reputation.
type datarepStep struct {
	set   *repset
	op    string
	value uint16
}

func (s *datarepStep) inspect(in *inspector, i, prev int) int {
	if !s.holds(in.buf) {
		return noMatch
	}
	return in.next(i, prev)
}

func (s *datarepStep) holds(v []byte) bool {
	rep, ok := s.set.reps[string(v)]
	if !ok || len(v) == 0 {
		return false
	}
	switch s.op {
	case ">":
		return rep > s.value
	case "<":
		return rep < s.value
	}
	return rep == s.value
}
