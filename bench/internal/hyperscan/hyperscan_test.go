package hyperscan

import (
	"slices"
	"testing"
)

func TestMatches(t *testing.T) {
	d, err := Compile([][]byte{[]byte("he"), []byte("She"), []byte("HIS"), {0, 0xff}}, []bool{false, true, true, false})
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.Matches([]byte("ushe his HE\x00\xff"), nil)
	if err != nil {
		t.Fatal(err)
	}
	byEnd := func(a, b Match) int {
		if a.End != b.End {
			return a.End - b.End
		}
		return a.ID - b.ID
	}
	slices.SortFunc(got, byEnd)
	if want := []Match{{0, 4}, {1, 4}, {2, 8}, {3, 13}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if n, err := d.Count([]byte("nothing")); err != nil || n != 0 {
		t.Errorf("Count = %d, %v", n, err)
	}
	if d.Size() <= 0 {
		t.Errorf("Size = %d", d.Size())
	}
}

func TestManyMatchesGrowBuffer(t *testing.T) {
	d, err := Compile([][]byte{[]byte("a"), []byte("aa"), []byte("aaa")}, []bool{false, false, false})
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.Matches([]byte("aaaa"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4+3+2 {
		t.Errorf("got %d matches, want 9: %v", len(got), got)
	}
}
