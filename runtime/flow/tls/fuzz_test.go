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
