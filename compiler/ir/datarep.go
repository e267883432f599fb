package ir

// Datarep tests the reputation of the buffer's value in a named set
// (datarep keyword): it holds when the value is in the set and its
// reputation compares to Value by Op (">", "<" or "=="). Values and Reps
// are the set's contents loaded at compile time, in file order, decoded
// as Dataset's are.
type Datarep struct {
	Buffer Buffer
	Name   string
	Type   string
	Op     string
	Value  uint16
	Values []string
	Reps   []uint16
}

func (m *Datarep) Kind() string { return "datarep" }
func (m *Datarep) Buf() Buffer  { return m.Buffer }
