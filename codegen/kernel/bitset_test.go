package kernel

import "testing"

// TestFirstAnd: FirstAnd is And's first slot, -1 when And is empty, and
// allocates nothing.
func TestFirstAnd(t *testing.T) {
	tb := &Tables{NSummary: 1, NWords: 64}
	a, b, c := tb.NewBitset(), tb.NewBitset(), tb.NewBitset()
	for _, i := range []int{3, 70, 200, 4000} {
		tb.Set(a, i)
	}
	for _, i := range []int{70, 200, 4000} {
		tb.Set(b, i)
	}
	tb.Set(c, 5)
	for _, bs := range [][]Bitset{{a}, {a, b}, {b, a}, {a, c}, {a, nil}, {b, c}} {
		want := -1
		if all := tb.And(bs...); len(all) > 0 {
			want = all[0]
		}
		if got := tb.FirstAnd(bs...); got != want {
			t.Errorf("FirstAnd = %d, want And's first %d", got, want)
		}
	}
	if got := tb.FirstAnd(a, b); got != 70 {
		t.Errorf("FirstAnd(a, b) = %d, want 70", got)
	}
	bs := []Bitset{a, b}
	if n := testing.AllocsPerRun(10, func() { tb.FirstAnd(bs...) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}
