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
