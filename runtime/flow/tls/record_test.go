package tls

import (
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"slices"
	"testing"
	"time"
)

func TestLogFromYAML(t *testing.T) {
	for _, tc := range []struct {
		yaml    string
		want    Fields
		unknown []string
	}{
		{"outputs:\n  - eve-log:\n      types:\n        - tls:\n            extended: yes\n", ExtendedFields | FieldSessionResumed, nil},
		{"outputs:\n  - eve-log:\n      types:\n        - tls\n", 0, nil},
		{"outputs:\n  - eve-log:\n      types:\n        - tls:\n            session-resumption: no\n", BasicFields, nil},
		{"outputs:\n  - eve-log:\n      types:\n        - tls:\n            extended: yes\n            custom: [client_handshake, client_chain, bogus]\n",
			FieldClientHandshake | FieldClientChain | FieldClient | FieldSessionResumed, []string{"bogus"}},
	} {
		c, unknown, ok, err := LogFromYAML([]byte(tc.yaml))
		if tc.want == 0 {
			if ok || err != nil {
				t.Errorf("%q: found options %v, %v", tc.yaml, c, err)
			}
			continue
		}
		if !ok || err != nil || c.Fields != tc.want || !slices.Equal(unknown, tc.unknown) {
			t.Errorf("%q: %b %v %v %v, want %b %v", tc.yaml, c.Fields, unknown, ok, err, tc.want, tc.unknown)
		}
	}
}

// TestRecordCustomFields: the fields chosen are those written: the
// certificate and chain, the client's certificate, the handshake
// parameters of both sides.
func TestRecordCustomFields(t *testing.T) {
	srv := testCert(t, pkix.Name{CommonName: "server"}, big.NewInt(0x25), time.Unix(0, 0), time.Unix(1e9, 0), nil, nil)
	cli := testCert(t, pkix.Name{CommonName: "client"}, big.NewInt(0x27), time.Unix(0, 0), time.Unix(1e9, 0), nil, nil)
	leaf, _ := ParseCert(srv)
	cert, _ := ParseCert(cli)
	c := &ClientHello{Offered: 0x0303, HSVersion: 0x0303, Ciphers: []int{49200, 255}, Exts: []int{0, 11}, SigAlgs: []int{1027},
		SNI: []byte("localhost"), JA4: "t12d", CertRaw: [][]byte{cli}, Cert: cert}
	s := &ServerHandshake{Version: 0x0303, Legacy: 0x0303, Cipher: 49200, Exts: []int{65281}, Raw: [][]byte{srv}, Leaf: leaf, hello: true}
	lc, _ := ParseLog(map[string]any{"custom": []any{"subject", "certificate", "chain", "client_certificate", "client_handshake", "server_handshake"}})
	rec := Record(c, s, lc.Fields, Options{})
	b64 := base64.StdEncoding.EncodeToString
	if rec["subject"] != "CN=server" || rec["certificate"] != b64(srv) || !slices.Equal(rec["chain"].([]string), []string{b64(srv)}) {
		t.Errorf("server fields %v", rec)
	}
	for _, k := range []string{"issuerdn", "sni", "version", "serial", "ja4"} {
		if _, ok := rec[k]; ok {
			t.Errorf("%s written, not chosen", k)
		}
	}
	client := rec["client"].(map[string]any)
	if client["subject"] != "CN=client" || client["serial"] != "27" || client["certificate"] != b64(cli) || client["chain"] != nil {
		t.Errorf("client %v", client)
	}
	ch := rec["client_handshake"].(map[string]any)
	if ch["version"] != "TLS 1.2" || !slices.Equal(ch["ciphers"].([]int), c.Ciphers) || !slices.Equal(ch["sig_algs"].([]int), c.SigAlgs) {
		t.Errorf("client handshake %v", ch)
	}
	sh := rec["server_handshake"].(map[string]any)
	if sh["version"] != "TLS 1.2" || sh["cipher"] != 49200 || !slices.Equal(sh["exts"].([]int), s.Exts) {
		t.Errorf("server handshake %v", sh)
	}
}

// TestLoggable: Suricata writes a tls record for a handshake with the
// server's certificate, a TLS 1.3 one, or a resumed session (a session
// ticket offered, or the server repeating the client's session id) when
// resumed sessions are logged.
func TestLoggable(t *testing.T) {
	on, off := LogConfig{Fields: DefaultFields, SessionResumed: true}, LogConfig{Fields: BasicFields}
	hello := &ClientHello{SessionID: []byte{1, 2}}
	for _, tc := range []struct {
		name string
		c    *ClientHello
		s    *ServerHandshake
		lc   LogConfig
		want bool
	}{
		{"hello only", hello, nil, on, false},
		{"ticket offered", &ClientHello{Ticket: true}, nil, on, true},
		{"ticket, resumption off", &ClientHello{Ticket: true}, nil, off, false},
		{"session id repeated", hello, &ServerHandshake{SessionID: []byte{1, 2}, hello: true}, on, true},
		{"new session id", hello, &ServerHandshake{SessionID: []byte{3}, hello: true}, on, false},
		{"certificate", hello, &ServerHandshake{Leaf: &Cert{}}, off, true},
		{"tls 1.3", hello, &ServerHandshake{WithoutCert: true}, off, true},
	} {
		if got := Loggable(tc.c, tc.s, tc.lc); got != tc.want {
			t.Errorf("%s: loggable %v", tc.name, got)
		}
	}
	rec := Record(hello, &ServerHandshake{SessionID: []byte{1, 2}, hello: true, Version: 0x0303}, DefaultFields, Options{})
	if rec["session_resumed"] != true {
		t.Errorf("resumed session record %v", rec)
	}
}

// TestClientCertificate: the client's Certificate message after its hello
// is read into the hello; the ChangeCipherSpec ends the reading.
func TestClientCertificate(t *testing.T) {
	cli := testCert(t, pkix.Name{CommonName: "client"}, big.NewInt(7), time.Unix(0, 0), time.Unix(1e9, 0), nil, nil)
	list := append([]byte{byte(len(cli) >> 16), byte(len(cli) >> 8), byte(len(cli))}, cli...)
	certs := append([]byte{byte(len(list) >> 16), byte(len(list) >> 8), byte(len(list))}, list...)
	wire := append(records(hello("c.example"), 1<<14), records(handshake(typeCertificate, certs), 100)...)
	wire = append(wire, recordChangeCipherSpec, 3, 3, 0, 1, 1)
	var r Reader
	var h *ClientHello
	for i := 0; i < len(wire); i += 50 {
		got, err := r.Feed(wire[i:min(i+50, len(wire))])
		if err != nil {
			t.Fatal(err)
		}
		if got != nil {
			h = got
		}
	}
	if h == nil || h.Cert == nil || h.Cert.Subject != "CN=client" || len(h.CertRaw) != 1 {
		t.Fatalf("hello %+v", h)
	}
	if r.Held() != 0 {
		t.Errorf("reader holds %d bytes after the handshake", r.Held())
	}
}

// TestServerHelloDraft: a TLS 1.3 draft server hello in its legacy
// version (no session id nor compression) is logged without certificate,
// the early drafts under 0x7f01.
func TestServerHelloDraft(t *testing.T) {
	for legacy, want := range map[int]uint16{0x7f12: 0x7f12, 0x7f0e: 0x7f01, 0x0304: 0x7f01} {
		body := u16(nil, legacy)
		body = append(body, make([]byte, 32)...)
		body = u16(body, 0x1301)
		body = vec16(body, nil)
		var s ServerHandshake
		s.serverHello(body)
		if !s.hello || s.Version != want || !s.WithoutCert || s.Cipher != 0x1301 {
			t.Errorf("%#x: %+v", legacy, s)
		}
	}
}
