package match

import (
	"bytes"
	"compress/zlib"
	"testing"
)

func TestFromBase64Options(t *testing.T) {
	in := []byte("/?arg=dGhpc2lzYXRlc3QK")
	cases := []struct{ arg, want string }{
		{"", ""},
		{"offset 6", "thisisatest\n"},
		{"offset 6, mode rfc2045", "thisisatest\n"},
		{"offset 6, mode strict", "thisisatest\n"},
		{"bytes 8, offset 6", "thisis"},
		{"offset 10", "sisatest\n"},
		{"offset 99", ""},
	}
	for _, c := range cases {
		f, err := fromBase64(c.arg)
		if err != nil {
			t.Fatal(err)
		}
		if got := f(in); string(got) != c.want {
			t.Errorf("from_base64 %q = %q, want %q", c.arg, got, c.want)
		}
	}
	f, _ := fromBase64("mode rfc2045")
	if got := f([]byte("dGhp\r\nc2lz")); string(got) != "thisis" {
		t.Errorf("rfc2045 skips line breaks: %q", got)
	}
	f, _ = fromBase64("mode strict")
	if got := f([]byte("dGhp!c2lz")); got != nil {
		t.Errorf("strict accepted an invalid byte: %q", got)
	}
}

func TestZlibDeflate(t *testing.T) {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write([]byte("This is compressed then base64-encoded\n"))
	w.Close()
	f, _ := zlibDeflate("")
	if got := f(buf.Bytes()); string(got) != "This is compressed then base64-encoded\n" {
		t.Errorf("inflate = %q", got)
	}
	f, _ = zlibDeflate("max-size 8")
	if got := f(buf.Bytes()); string(got) != "This is " {
		t.Errorf("max-size 8 = %q", got)
	}
	if got := f([]byte("not compressed")); len(got) != 0 {
		t.Errorf("garbage inflated to %q", got)
	}
}
