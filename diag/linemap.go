package diag

import "sort"

// LineMap maps offsets in a text joined from pieces of physical lines (as
// continuation lines are) back to file positions.
type LineMap struct {
	File string
	segs []segment
}

type segment struct {
	off       int // offset of the piece in the joined text
	line, col int // where the piece starts in the file (1-based)
}

// Add records that the piece starting at offset off of the joined text
// comes from line, col of the file. Pieces are added in offset order.
func (m *LineMap) Add(off, line, col int) {
	m.segs = append(m.segs, segment{off, line, col})
}

// Empty reports whether no piece was added.
func (m *LineMap) Empty() bool { return len(m.segs) == 0 }

// Pos returns the file position of offset off of the joined text.
func (m *LineMap) Pos(off int) Pos {
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].off > off }) - 1
	if i < 0 {
		i = 0
	}
	if len(m.segs) == 0 {
		return Pos{File: m.File}
	}
	s := m.segs[i]
	return Pos{File: m.File, Line: s.line, Col: s.col + off - s.off}
}
