package tls

import (
	"crypto/md5"
	"crypto/tls"
	"encoding/binary"
	"encoding/hex"
	"net"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

func u16(b []byte, v int) []byte { return binary.BigEndian.AppendUint16(b, uint16(v)) }

func vec16(b, body []byte) []byte { return append(u16(b, len(body)), body...) }

// hello builds a ClientHello handshake message.
func hello(sni string) []byte {
	var body []byte
	body = u16(body, 0x0303)
	body = append(body, make([]byte, 32)...)
	body = append(body, 0)
	body = vec16(body, u16(u16(u16(nil, 0x0a0a), 0x1301), 0xc02f))
	body = append(body, 1, 0)
	var exts []byte
	exts = vec16(u16(exts, 0x1a1a), nil)
	name := vec16([]byte{0}, []byte(sni))
	exts = vec16(u16(exts, 0), vec16(nil, name))
	exts = vec16(u16(exts, 10), vec16(nil, u16(u16(u16(nil, 0x2a2a), 29), 23)))
	exts = vec16(u16(exts, 11), []byte{1, 0})
	exts = vec16(u16(exts, 0xff01), []byte{0})
	body = vec16(body, exts)
	msg := []byte{typeClientHello, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}
	return append(msg, body...)
}

// records wraps handshake bytes in records of at most size bytes.
func records(hs []byte, size int) []byte {
	var out []byte
	for len(hs) > 0 {
		n := min(size, len(hs))
		out = append(out, recordHandshake, 3, 1)
		out = vec16(out, hs[:n])
		hs = hs[n:]
	}
	return out
}

func TestClientHello(t *testing.T) {
	const wantJA3 = "771,4865-49199,0-10-11-65281,29-23,0"
	sum := md5.Sum([]byte(wantJA3))
	wire := records(hello("www.example.com"), 40)
	tests := []struct {
		name  string
		parts []int
	}{
		{"one segment", []int{len(wire)}},
		{"split in a record header", []int{3, len(wire) - 3}},
		{"byte at a time", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r Reader
			var h *ClientHello
			feed := func(b []byte) {
				got, err := r.Feed(b)
				if err != nil {
					t.Fatal(err)
				}
				if got != nil {
					if h != nil {
						t.Fatal("hello reported twice")
					}
					h = got
				}
			}
			if tc.parts == nil {
				for i := range wire {
					feed(wire[i : i+1])
				}
			} else {
				off := 0
				for _, n := range tc.parts {
					feed(wire[off : off+n])
					off += n
				}
			}
			if h == nil {
				t.Fatal("no hello")
			}
			if string(h.SNI) != "www.example.com" || h.JA3 != wantJA3 || h.JA3Hash != hex.EncodeToString(sum[:]) {
				t.Errorf("got sni %q ja3 %q %s", h.SNI, h.JA3, h.JA3Hash)
			}
			u := &inspect.Unit{}
			h.Fill(u)
			if b, _ := u.Buffer("tls.sni"); string(b) != "www.example.com" || Record(h, nil, DefaultFields, Options{})["sni"] != "www.example.com" {
				t.Errorf("unit sni %q, record %v", b, Record(h, nil, DefaultFields, Options{}))
			}
			if b, _ := u.Buffer("ja3.hash"); string(b) != h.JA3Hash {
				t.Errorf("ja3.hash %q", b)
			}
		})
	}
}

// TestGoClientHello reads the hello crypto/tls really sends.
func TestGoClientHello(t *testing.T) {
	client, server := net.Pipe()
	defer server.Close()
	go func() {
		c := tls.Client(client, &tls.Config{ServerName: "go.example.net", InsecureSkipVerify: true})
		c.SetDeadline(time.Now().Add(time.Minute))
		c.Handshake()
		client.Close()
	}()
	var r Reader
	buf := make([]byte, 512)
	server.SetDeadline(time.Now().Add(time.Minute))
	for {
		n, err := server.Read(buf)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		h, err := r.Feed(buf[:n])
		if err != nil {
			t.Fatal(err)
		}
		if h != nil {
			if string(h.SNI) != "go.example.net" || h.JA3[:4] != "771," {
				t.Errorf("sni %q ja3 %q", h.SNI, h.JA3)
			}
			return
		}
	}
}

func TestNotTLS(t *testing.T) {
	var r Reader
	if _, err := r.Feed([]byte("GET / HTTP/1.1\r\n")); err == nil {
		t.Error("http accepted as tls")
	}
	r = Reader{}
	if _, err := r.Feed(records([]byte{2, 0, 0, 1, 0}, 100)); err == nil {
		t.Error("ServerHello accepted as ClientHello")
	}
	r = Reader{}
	bad := hello("x")
	bad = bad[:len(bad)-3]
	bad[3] = byte(len(bad) - 4)
	if _, err := r.Feed(records(bad, 100)); err == nil {
		t.Error("truncated extensions accepted")
	}
	for _, tc := range []struct {
		in          string
		match, more bool
	}{{"\x16\x03\x01", true, false}, {"\x16", false, true}, {"\x17\x03\x03", false, false}, {"GET", false, false}} {
		if m, more := Probe([]byte(tc.in)); m != tc.match || more != tc.more {
			t.Errorf("Probe(%q) = %v, %v", tc.in, m, more)
		}
	}
}

// TestClientHelloV2: an SSLv2-compatible hello gives the client's version
// (ssl_version, tls.version) and nothing else, as Suricata keeps it; the
// TLS records after it are read on (the client's certificate).
func TestClientHelloV2(t *testing.T) {
	v2 := []byte{0x80, 0x2e, 1, 3, 1, 0, 0x15, 0, 0, 0, 0x10}
	v2 = append(v2, make([]byte, 0x15+0x10)...)
	var r Reader
	h, err := r.Feed(v2[:20])
	if h != nil || err != nil {
		t.Fatalf("half a record: %+v, %v", h, err)
	}
	if h, err = r.Feed(v2[20:]); err != nil || h == nil || !h.V2 || h.Offered != 0x0301 {
		t.Fatalf("hello %+v, %v", h, err)
	}
	u := &inspect.Unit{}
	h.Fill(u)
	if _, ok := u.Buffer("ja3.hash"); ok || u.Codes["ssl_version"][0] != 4 || u.Codes["tls.version"][0] != 0x0301 {
		t.Errorf("codes %v (want TLS 1.0's), ja3 set %v", u.Codes, ok)
	}
	if rec := Record(h, nil, DefaultFields|FieldClientHandshake|FieldJA4, Options{JA3: true}); rec["version"] != "TLSv1" || rec["ja3"] != nil || rec["ja4"] != nil || rec["client_handshake"] != nil {
		t.Errorf("record %v, want the version only", rec)
	}
	r = Reader{}
	if _, err := r.Feed([]byte{0x80, 0x03, 1, 3, 1}); err == nil {
		t.Error("a v2 hello shorter than its fixed fields was accepted")
	}
}
