package tls

import (
	"crypto/md5"
	"encoding/hex"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// chromeHello is the ClientHello of JA4's documentation example: 15
// ciphers and 16 extensions (SNI and ALPN among them) offered in a
// shuffled order with GREASE, TLS 1.3 in supported_versions.
func chromeHello() []byte {
	var body []byte
	body = u16(body, 0x0303)
	random := make([]byte, 32)
	for i := range random {
		random[i] = byte(i + 1)
	}
	body = append(body, random...)
	body = append(body, 0)
	var suites []byte
	for _, c := range []int{0x3a3a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035} {
		suites = u16(suites, c)
	}
	body = vec16(body, suites)
	body = append(body, 1, 0)
	var exts []byte
	ext := func(typ int, data []byte) { exts = vec16(u16(exts, typ), data) }
	ext(0x0a0a, nil)
	ext(0x0000, vec16(nil, vec16([]byte{0}, []byte("example.org"))))
	ext(0x0017, nil)
	ext(0xff01, []byte{0})
	ext(0x000a, vec16(nil, u16(u16(nil, 0x1d), 0x17)))
	ext(0x000b, []byte{1, 0})
	ext(0x0023, nil)
	ext(0x0010, vec16(nil, append([]byte{2, 'h', '2', 8}, "http/1.1"...)))
	ext(0x0005, []byte{1, 0, 0, 0, 0})
	var algs []byte
	for _, a := range []int{0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601} {
		algs = u16(algs, a)
	}
	ext(0x000d, vec16(nil, algs))
	ext(0x0012, nil)
	ext(0x0033, nil)
	ext(0x002d, []byte{1, 1})
	ext(0x002b, []byte{6, 0x2a, 0x2a, 0x03, 0x04, 0x03, 0x03})
	ext(0x001b, []byte{2, 0, 2})
	ext(0x4469, nil)
	ext(0x0015, make([]byte, 4))
	body = vec16(body, exts)
	msg := []byte{typeClientHello, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}
	return append(msg, body...)
}

func TestJA4AndHelloBuffers(t *testing.T) {
	var r Reader
	h, err := r.Feed(records(chromeHello(), 1<<14))
	if err != nil || h == nil {
		t.Fatalf("hello %v, %v", h, err)
	}
	if want := "t13d1516h2_8daaf6152771_e5627efa2ab1"; h.JA4 != want {
		t.Errorf("ja4 %s, want %s", h.JA4, want)
	}
	if h.Offered != 0x0304 || h.Version != 0x0303 {
		t.Errorf("version %#x offered %#x", h.Version, h.Offered)
	}
	u := &inspect.Unit{}
	h.Fill(u)
	var alpns []string
	u.Instances("tls.alpn", func(b []byte) bool { alpns = append(alpns, string(b)); return false })
	rt, _ := u.Buffer("tls.random_time")
	rb, _ := u.Buffer("tls.random_bytes")
	ja4, _ := u.Buffer("ja4.hash")
	if len(alpns) != 2 || alpns[0] != "h2" || alpns[1] != "http/1.1" || hex.EncodeToString(rt) != "01020304" || len(rb) != 28 || rb[0] != 5 || string(ja4) != h.JA4 {
		t.Errorf("alpn %q random_time %x random_bytes %x ja4 %q", alpns, rt, rb, ja4)
	}
	if v := u.Codes["ssl_version"]; len(v) != 1 || v[0] != 32 {
		t.Errorf("ssl_version class %v, want TLS 1.3's", v)
	}
	rec := Record(h, nil, DefaultFields, Options{JA3: true})
	if rec["ja4"] != h.JA4 || rec["version"] != "TLS 1.3" || len(rec["client_alpns"].([]string)) != 2 || rec["ja3"].(map[string]any)["hash"] != h.JA3Hash {
		t.Errorf("record %v", rec)
	}
	if rec := Record(h, nil, DefaultFields&^FieldJA4, Options{}); rec["ja3"] != nil || rec["ja4"] != nil {
		t.Errorf("fingerprints logged while off: %v", rec)
	}
}

func TestJA4ALPN(t *testing.T) {
	for in, want := range map[string]string{"h2": "h2", "http/1.1": "h1", "b": "bb", "\xab": "ab", "\xab\xcd": "ad", "\x2a\x2a": "00"} {
		if got := ja4ALPN([]byte(in)); string(got[:]) != want {
			t.Errorf("ja4ALPN(%q) = %s, want %s", in, got[:], want)
		}
	}
}

// TestServerHello: the version chosen, random, ALPN and JA3S (legacy
// version, cipher, extensions without GREASE) of a ServerHello.
func TestServerHello(t *testing.T) {
	body := u16(nil, 0x0303)
	body = append(body, make([]byte, 32)...)
	body[2] = 0x54
	body = append(body, 0)
	body = u16(body, 0x1301)
	body = append(body, 0)
	var exts []byte
	exts = vec16(u16(exts, 0x2a2a), nil)
	exts = vec16(u16(exts, 0x002b), u16(nil, 0x0304))
	exts = vec16(u16(exts, 0x0010), vec16(nil, append([]byte{2}, "h2"...)))
	body = vec16(body, exts)
	var r ServerReader
	sh := r.Feed(record(handshake(typeServerHello, body)))
	if sh == nil {
		t.Fatal("no handshake")
	}
	const wantJA3S = "771,4865,43-16"
	sum := md5.Sum([]byte(wantJA3S))
	if sh.Version != 0x0304 || sh.JA3S != wantJA3S || sh.JA3SHash != hex.EncodeToString(sum[:]) || len(sh.ALPNs) != 1 || string(sh.ALPNs[0]) != "h2" {
		t.Errorf("version %#x ja3s %q %s alpn %q", sh.Version, sh.JA3S, sh.JA3SHash, sh.ALPNs)
	}
	u := &inspect.Unit{}
	sh.Fill(u)
	if b, _ := u.Buffer("tls.random_time"); len(b) != 4 || b[0] != 0x54 {
		t.Errorf("server random_time %x", b)
	}
	if b, _ := u.Buffer("ja3s.hash"); string(b) != sh.JA3SHash {
		t.Errorf("ja3s.hash %q", b)
	}
	if rec := Record(nil, sh, DefaultFields, Options{JA3: true}); rec["ja3s"].(map[string]any)["string"] != wantJA3S || rec["server_alpns"].([]string)[0] != "h2" {
		t.Errorf("record %v", rec)
	}
}
