package tls

import "testing"

// FuzzReader feeds arbitrary client streams in two parts: nothing may
// panic, and a hello comes with no error.
func FuzzReader(f *testing.F) {
	f.Add(records(hello("fuzz.example"), 50), uint8(9))
	f.Add([]byte{22, 3, 1, 0, 4, 1, 0, 0, 0}, uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, cut uint8) {
		var r Reader
		n := min(int(cut), len(b))
		for _, part := range [][]byte{b[:n], b[n:]} {
			h, err := r.Feed(part)
			if h != nil && err != nil {
				t.Fatal("hello and error")
			}
		}
	})
}

// FuzzChecker feeds arbitrary bytes to both directions of the event
// checker: nothing may panic and what it holds stays bounded.
func FuzzChecker(f *testing.F) {
	f.Add(records(hello("fuzz.example"), 50), []byte{22, 3, 3, 0, 4, 0x84, 0, 0, 9})
	f.Add([]byte{0x80, 3, 1, 3, 1}, []byte{24, 3, 3, 0, 3, 1, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, client, server []byte) {
		var c Checker
		c.Feed(0, client)
		c.Feed(1, server)
		if c.Held() > 2*(maxRecord+maxCheckMessage) {
			t.Fatalf("holds %d bytes", c.Held())
		}
	})
}
