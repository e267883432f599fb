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
