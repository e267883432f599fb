package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestDiagnosticFormat(t *testing.T) {
	d := Errorf(Pos{File: "a.rules", Line: 3, Col: 7}, ErrBadRange, "port %d", 70000)
	d.SID = 12
	if got, want := d.Error(), "a.rules:3:7: sid 12: port 70000: bad range"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !errors.Is(d, ErrBadRange) || d.Unsupported() {
		t.Error("sentinel lost")
	}
	u := &Diagnostic{Pos: Pos{File: "a.rules", Line: 1, Col: 2}, Err: fmt.Errorf("keyword %q %w", "x", ErrUnsupported)}
	if got, want := u.Error(), `a.rules:1:2: keyword "x" unsupported`; got != want || !u.Unsupported() {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestListCapSortCount(t *testing.T) {
	l := &List{Cap: 2}
	l.Add(Errorf(Pos{File: "b", Line: 1}, ErrSyntax, "x"))
	l.Add(Errorf(Pos{File: "a", Line: 9}, ErrConflict, "y"))
	l.Add(Errorf(Pos{File: "a", Line: 1}, ErrSyntax, "z"))
	if l.Len() != 2 || l.Dropped != 1 {
		t.Fatalf("len %d dropped %d", l.Len(), l.Dropped)
	}
	l.Sort()
	if l.Items[0].Pos.File != "a" || l.Count(ErrSyntax) != 1 {
		t.Errorf("sorted %v, syntax count %d", l.Items, l.Count(ErrSyntax))
	}
	if l.Err() == nil || (&List{}).Err() != nil {
		t.Error("Err wrong")
	}
}

func TestTally(t *testing.T) {
	var tl Tally
	unsup := &Diagnostic{Err: fmt.Errorf("x %w", ErrUnsupported)}
	bad := Errorf(Pos{}, ErrBadValue, "v")
	tl.Add(nil)
	tl.Add([]*Diagnostic{unsup})
	tl.Add([]*Diagnostic{unsup, bad})
	if tl != (Tally{Rules: 3, Errors: 1, Unsupported: 1}) {
		t.Errorf("tally = %+v", tl)
	}
}

func TestLineMap(t *testing.T) {
	m := &LineMap{File: "f"}
	if got := m.Pos(3); got != (Pos{File: "f"}) {
		t.Errorf("empty map: %v", got)
	}
	m.Add(0, 4, 3)  // "abc" from line 4, column 3
	m.Add(3, 5, 1)  // "defg" from line 5, column 1
	m.Add(7, 6, 10) // the rest from line 6, column 10
	for off, want := range map[int]Pos{0: {"f", 4, 3}, 2: {"f", 4, 5}, 3: {"f", 5, 1}, 6: {"f", 5, 4}, 9: {"f", 6, 12}} {
		if got := m.Pos(off); got != want {
			t.Errorf("Pos(%d) = %v, want %v", off, got, want)
		}
	}
}

func TestWarningsKeepTheRule(t *testing.T) {
	w := &Diagnostic{Err: Warn(errors.New("text ignored"))}
	e := &Diagnostic{Err: fmt.Errorf("x %w", ErrSyntax)}
	if !w.Warning() || e.Warning() || Failed([]*Diagnostic{w}) || !Failed([]*Diagnostic{w, e}) {
		t.Errorf("warning %v, error %v", w.Warning(), e.Warning())
	}
	w.Pos = Pos{File: "a.rules", Line: 1, Col: 2}
	if got := w.Error(); got != "a.rules:1:2: warning: text ignored" {
		t.Errorf("text %q", got)
	}
	var tl Tally
	tl.Add([]*Diagnostic{w})
	tl.Add([]*Diagnostic{w, e})
	if tl != (Tally{Rules: 2, Errors: 1, Warnings: 2}) {
		t.Errorf("tally %+v", tl)
	}
}
