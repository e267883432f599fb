package flow

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"math/big"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

// serverHandshake12 is a TLS 1.2 server's cleartext handshake in one
// record: its hello, a certificate for cn, and ServerHelloDone.
func serverHandshake12(t *testing.T, cn string) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(0x80), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(2e9, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	u24 := func(n int) []byte { return []byte{byte(n >> 16), byte(n >> 8), byte(n)} }
	msg := func(typ byte, body []byte) []byte { return append(append([]byte{typ}, u24(len(body))...), body...) }
	hello := binary.BigEndian.AppendUint16(nil, 0x0303)
	hello = append(hello, make([]byte, 33)...) // random, empty session id
	hello = append(hello, 0xc0, 0x30, 0)
	list := append(u24(len(der)), der...)
	hs := append(msg(2, hello), msg(11, append(u24(len(list)), list...))...)
	hs = append(hs, msg(14, nil)...)
	return append([]byte{22, 3, 3, byte(len(hs) >> 8), byte(len(hs))}, hs...)
}

// TestTLSRecordTiming: the tls record is written once the server's
// certificate was parsed, on the client's next packet (Suricata parses
// the server's data once the client acknowledged it), even a bare ACK.
func TestTLSRecordTiming(t *testing.T) {
	tr, _ := newTracker(DefaultConfig())
	var recs []*inspect.Unit
	tr.OnRecord(func(u *inspect.Unit) {
		if u.Fields["tls"] != nil {
			recs = append(recs, u)
		}
	})
	c := newConn("10.0.0.1", "10.0.0.2", 40000, 443)
	feed(t, tr, concat(c.handshake(), c.c2s(string(clientHello("cert.example"))), c.s2c(string(serverHandshake12(t, "cert.example"))))...)
	if len(recs) != 0 {
		t.Fatal("record written before the client acknowledged the certificate")
	}
	ack := c.c2s("")
	feed(t, tr, ack)
	if len(recs) != 1 || recs[0].Packet == nil || !bytes.Equal(recs[0].Packet.Frame, ack) {
		t.Fatalf("records %v, want one on the client's acknowledgement", recs)
	}
	if rec := recs[0].Fields["tls"]; rec["subject"] != "CN=cert.example" || rec["serial"] != "00:80" || rec["sni"] != "cert.example" {
		t.Errorf("record %v", rec)
	}
	feed(t, tr, c.close()...)
	if len(recs) != 1 {
		t.Errorf("%d records, want one", len(recs))
	}
}

// TestTLSRecordNeedsCertificate: as Suricata, a handshake with neither a
// certificate, a resumed session nor TLS 1.3 gets no tls record; a TLS
// 1.3 one gets its record once both sides sent application data.
func TestTLSRecordNeedsCertificate(t *testing.T) {
	count := func(frames [][]byte) (int, *inspect.Packet) {
		tr, _ := newTracker(DefaultConfig())
		n := 0
		var p *inspect.Packet
		tr.OnRecord(func(u *inspect.Unit) {
			if u.Fields["tls"] != nil {
				n++
				p = u.Packet
			}
		})
		feed(t, tr, frames...)
		tr.Flush()
		return n, p
	}
	c := newConn("10.0.0.1", "10.0.0.2", 40001, 443)
	if n, _ := count(concat(c.handshake(), c.c2s(string(clientHello("none.example"))), c.s2c(""), c.close()[0])); n != 0 {
		t.Errorf("hello only: %d records", n)
	}
	c = newConn("10.0.0.1", "10.0.0.2", 40002, 443)
	if n, p := count(tlsSession(c)); n != 1 || p == nil {
		t.Errorf("TLS 1.3: %d records (packet %v), want one on a packet", n, p)
	}
}
