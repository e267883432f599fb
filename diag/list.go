package diag

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// DefaultCap is how many diagnostics a List keeps per file by default.
const DefaultCap = 1000

// List collects diagnostics up to Cap (DefaultCap when zero); past the cap it
// counts the ones it drops.
type List struct {
	Items   []*Diagnostic
	Dropped int
	Cap     int
}

// Add appends d, or counts it as dropped once the cap is reached.
func (l *List) Add(d *Diagnostic) {
	limit := l.Cap
	if limit == 0 {
		limit = DefaultCap
	}
	if len(l.Items) >= limit {
		l.Dropped++
		return
	}
	l.Items = append(l.Items, d)
}

// Merge appends every diagnostic of o.
func (l *List) Merge(o *List) {
	for _, d := range o.Items {
		l.Add(d)
	}
	l.Dropped += o.Dropped
}

// Len is the number of kept diagnostics.
func (l *List) Len() int { return len(l.Items) }

// Sort orders the diagnostics by file, line and column, keeping insertion
// order among equal positions.
func (l *List) Sort() {
	slices.SortStableFunc(l.Items, func(a, b *Diagnostic) int {
		return cmp.Or(
			strings.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
}

// Count returns how many kept diagnostics wrap sentinel.
func (l *List) Count(sentinel error) int {
	n := 0
	for _, d := range l.Items {
		if errors.Is(d, sentinel) {
			n++
		}
	}
	return n
}

// Err returns the list as an error, or nil when it is empty.
func (l *List) Err() error {
	if len(l.Items) == 0 {
		return nil
	}
	return l
}

func (l *List) Error() string {
	switch len(l.Items) {
	case 0:
		return "no errors"
	case 1:
		return l.Items[0].Error()
	}
	var b strings.Builder
	b.WriteString(l.Items[0].Error())
	b.WriteString(" (and ")
	b.WriteString(strconv.Itoa(len(l.Items) - 1 + l.Dropped))
	b.WriteString(" more)")
	return b.String()
}
