package pending

import "testing"

func TestJoinKeep(t *testing.T) {
	var p Dirs
	if got := p.Join(0, []byte("ab")); string(got) != "ab" {
		t.Fatalf("join with nothing pending: %q", got)
	}
	p.Keep(0, []byte("ab"))
	data := p.Join(0, []byte("cdef"))
	if string(data) != "abcdef" {
		t.Fatalf("join: %q", data)
	}
	p.Keep(0, data[4:]) // the end of the pending bytes themselves
	if string(p[0]) != "ef" || len(p[1]) != 0 {
		t.Errorf("kept %q / %q", p[0], p[1])
	}
	big := make([]byte, 2*keepMax)
	p.Keep(1, big)
	p.Keep(1, nil)
	if p[1] != nil {
		t.Errorf("room past %d kept with nothing pending: %d", keepMax, cap(p[1]))
	}
	if p.Held() != cap(p[0]) || Dir(true) != 0 || Dir(false) != 1 {
		t.Errorf("held %d", p.Held())
	}
}

func TestRetire(t *testing.T) {
	a, b, c := new(int), new(int), new(int)
	*b = 1
	txs := []*int{a, b, c}
	kept := Retire(txs, func(v *int) bool { return *v == 1 })
	if len(kept) != 2 || kept[0] != a || kept[1] != c || txs[2] != nil {
		t.Errorf("kept %v, tail %v", kept, txs[2])
	}
}

func TestEvent(t *testing.T) {
	ev := Event(nil, "ftp.a")
	ev = Event(ev, "ftp.b")
	ev = Event(ev, "ftp.a")
	if len(ev) != 2 || ev[0] != "ftp.a" || ev[1] != "ftp.b" {
		t.Errorf("events %q, want each once in order", ev)
	}
}
