package ir

// Absent is Suricata's absent keyword, first in its sticky buffer: the
// buffer matches when the transaction never made it; present, it fails
// (absent alone) or is inspected by the matchers after it (OrElse).
type Absent struct {
	Buffer Buffer
	OrElse bool
}

func (m *Absent) Kind() string { return "absent" }
func (m *Absent) Buf() Buffer  { return m.Buffer }
