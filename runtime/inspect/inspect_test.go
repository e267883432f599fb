package inspect

import "testing"

func TestBuffersAndReset(t *testing.T) {
	u := &Unit{Kind: KindApp, Tx: 3}
	u.SetBuffer("http.uri", []byte("/a"))
	u.SetBuffer("http.host", []byte("h"))
	u.SetBuffer("http.uri", []byte("/b"))
	if b, ok := u.Buffer("http.uri"); !ok || string(b) != "/b" {
		t.Errorf("http.uri = %q, %v", b, ok)
	}
	if _, ok := u.Buffer("http.method"); ok {
		t.Error("unset buffer present")
	}
	if len(u.buffers) != 2 {
		t.Errorf("%d buffers, want 2", len(u.buffers))
	}
	u.Reset()
	if _, ok := u.Buffer("http.host"); ok || u.Kind != 0 || u.Tx != 0 || cap(u.buffers) == 0 {
		t.Errorf("after Reset: %+v", u)
	}
	u.SetBuffer("payload", nil)
	if b, ok := u.Buffer("payload"); !ok || b != nil {
		t.Errorf("empty payload: %q %v", b, ok)
	}
}

// A lazy section is built once, when an alert or a record needs it, and
// its record type is known before.
func TestLazySection(t *testing.T) {
	built := 0
	u := &Unit{}
	u.SetLazySection("dns", func() map[string]any { built++; return map[string]any{"type": "query"} })
	if u.RecordType() != "dns" || built != 0 {
		t.Fatalf("record type %q, built %d times before use", u.RecordType(), built)
	}
	for range 2 {
		if got := u.Sections()["dns"]["type"]; got != "query" {
			t.Errorf("section %v", got)
		}
	}
	if built != 1 || u.RecordType() != "dns" {
		t.Errorf("built %d times, record type %q", built, u.RecordType())
	}
	u.Fields = map[string]map[string]any{"http": {}, "tls": {}}
	if u.RecordType() != "" {
		t.Errorf("two sections: record type %q", u.RecordType())
	}
	u.Fields = map[string]map[string]any{"http": {}, "dns": {}}
	if u.RecordType() != "dns" {
		t.Errorf("a DoH2 record, dns with its http section: record type %q", u.RecordType())
	}
	u.Fields = map[string]map[string]any{"smtp": {}, "email": {}}
	if u.RecordType() != "smtp" {
		t.Errorf("smtp with its email section: record type %q", u.RecordType())
	}
}
