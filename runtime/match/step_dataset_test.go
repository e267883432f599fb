package match

import (
	"net/netip"
	"sync/atomic"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

func TestDatasetStep(t *testing.T) {
	d := &dataset{typ: "string", vals: map[string]struct{}{".evil.com": {}}, memcap: 1 << 20, full: new(atomic.Uint64)}
	set := &datasetStep{set: d, cmd: "set"}
	if !set.holds([]byte("a")) || set.holds([]byte("a")) {
		t.Error("set holds on a new value only")
	}
	isset := &datasetStep{set: d, cmd: "isset"}
	notset := &datasetStep{set: d, cmd: "isnotset"}
	if !isset.holds([]byte("a")) || notset.holds([]byte("a")) || !notset.holds([]byte("b")) {
		t.Error("isset/isnotset")
	}
	sub := &datasetStep{set: d, cmd: "isset", subdomain: true}
	if !sub.holds([]byte(".www.evil.com")) || !sub.holds([]byte(".evil.com")) || sub.holds([]byte(".notevil.com")) || isset.holds([]byte(".www.evil.com")) {
		t.Error("subdomain match")
	}
	unset := &datasetStep{set: d, cmd: "unset"}
	if !unset.holds([]byte("a")) || unset.holds([]byte("a")) || isset.holds([]byte("a")) {
		t.Error("unset removes and holds when the value was there")
	}
}

func TestDatarepStep(t *testing.T) {
	s := &repset{typ: "string", reps: map[string]uint16{"evil": 200, "ok": 3}}
	for _, c := range []struct {
		op    string
		value uint16
		v     string
		want  bool
	}{
		{">", 100, "evil", true}, {">", 100, "ok", false}, {">", 100, "other", false},
		{"<", 10, "ok", true}, {"<", 10, "evil", false}, {"<", 10, "other", false},
		{"==", 3, "ok", true}, {"==", 3, "evil", false},
	} {
		if got := (&datarepStep{set: s, op: c.op, value: c.value}).holds([]byte(c.v)); got != c.want {
			t.Errorf("%s %s %d: %v", c.v, c.op, c.value, got)
		}
	}
}

func TestIPDatasetOnAddressBuffers(t *testing.T) {
	f := &inspect.Flow{Proto: 6, Client: netip.MustParseAddr("10.0.0.1"), Server: netip.MustParseAddr("82.165.177.154")}
	u := &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: inspect.ToServer}
	dst, ok := addrBuffer(u, "ip.dst")
	src, _ := addrBuffer(u, "ip.src")
	if !ok || len(dst) != 4 || netip.AddrFrom4([4]byte(dst)) != f.Server || netip.AddrFrom4([4]byte(src)) != f.Client {
		t.Fatalf("ip.dst %v ip.src %v", dst, src)
	}
	if _, ok := addrBuffer(u, "http.uri"); ok {
		t.Error("addrBuffer made another buffer")
	}
	mapped := netip.MustParseAddr("::ffff:82.165.177.154").As16()
	ip := &datasetStep{set: &dataset{typ: "ip", vals: map[string]struct{}{string(mapped[:]): {}}}, cmd: "isset"}
	if !ip.holds(dst) {
		t.Error("an IPv4 address did not match its mapped form in an ip set")
	}
}

// TestDatasetMemcap: a set command past the set's memcap adds nothing,
// does not hold, and is counted; an unset makes room again.
func TestDatasetMemcap(t *testing.T) {
	e := &Engine{datasets: map[string]*dataset{}}
	d, err := e.dataset(&ir.Dataset{Name: "s", Type: "string", Memcap: 2 * (ir.DatasetEntryBytes + 1)})
	if err != nil {
		t.Fatal(err)
	}
	set := &datasetStep{set: d, cmd: "set"}
	if !set.holds([]byte("a")) || !set.holds([]byte("b")) {
		t.Fatal("two values within the memcap refused")
	}
	if set.holds([]byte("c")) || len(d.vals) != 2 || e.Limits()["dataset_memcap"] != 1 {
		t.Errorf("past the memcap: %d values, %d counted", len(d.vals), e.Limits()["dataset_memcap"])
	}
	if !(&datasetStep{set: d, cmd: "unset"}).holds([]byte("a")) || !set.holds([]byte("c")) {
		t.Error("an unset did not make room")
	}
}
