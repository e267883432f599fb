package tls

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

func handshake(typ byte, body []byte) []byte {
	return append([]byte{typ, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
}

func record(payload []byte) []byte {
	return append([]byte{recordHandshake, 3, 1, byte(len(payload) >> 8), byte(len(payload))}, payload...)
}

func TestServerHandshake(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(0x03DE23),
		Subject:      pkix.Name{Country: []string{"FR"}, Province: []string{"IDF"}, Organization: []string{"Stamus"}, CommonName: "SELKS"},
		NotBefore:    time.Date(2022, 12, 1, 6, 47, 31, 0, time.UTC),
		NotAfter:     time.Date(2023, 3, 1, 6, 47, 30, 0, time.UTC),
		DNSNames:     []string{"a.example", "b.example"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	hello := append([]byte{3, 1}, make([]byte, 32)...)
	hello = append(hello, 0, 0x00, 0x2f, 0)
	list := append([]byte{byte(len(der) >> 16), byte(len(der) >> 8), byte(len(der))}, der...)
	certs := append([]byte{byte(len(list) >> 16), byte(len(list) >> 8), byte(len(list))}, list...)
	stream := record(append(append(handshake(typeServerHello, hello), handshake(typeCertificate, certs)...), handshake(typeServerHelloDone, nil)...))
	var r ServerReader
	var sh *ServerHandshake
	for i := 0; i < len(stream); i += 7 { // split across segments
		if got := r.Feed(stream[i:min(i+7, len(stream))]); got != nil {
			sh = got
		}
	}
	if sh == nil || sh.Version != 0x0301 || sh.Leaf == nil || len(sh.Raw) != 1 {
		t.Fatalf("handshake %+v", sh)
	}
	u := &inspect.Unit{TS: time.Date(2023, 3, 1, 6, 47, 31, 0, time.UTC)} // a second past notAfter
	sh.Fill(u)
	if c := u.Codes; c["tls_cert_expired"][0] != 1 || c["tls_cert_valid"][0] != 0 || c["tls_cert_notbefore"][0] != 1669877251 || c["tls.version"][0] != 0x0301 {
		t.Errorf("codes %v", c)
	}
	rec := Record(nil, sh, DefaultFields, Options{})
	sum := sha1.Sum(der)
	want := map[string]any{"version": "TLSv1", "subject": "C=FR, ST=IDF, O=Stamus, CN=SELKS", "issuerdn": "C=FR, ST=IDF, O=Stamus, CN=SELKS",
		"serial": "03:DE:23", "fingerprint": colonHex(sum[:], false), "notbefore": "2022-12-01T06:47:31", "notafter": "2023-03-01T06:47:30"}
	for k, v := range want {
		if rec[k] != v {
			t.Errorf("%s = %v, want %v", k, rec[k], v)
		}
	}
	var names []string
	u.Instances("tls.subjectaltname", func(b []byte) bool { names = append(names, string(b)); return false })
	if s, _ := u.Buffer("tls.cert_subject"); string(s) != "C=FR, ST=IDF, O=Stamus, CN=SELKS" || len(names) != 2 {
		t.Errorf("subject buffer %q, alt names %v", s, names)
	}
	if c, _ := u.Buffer("tls.certs"); !bytes.Equal(c, der) || u.Codes["tls.cert_chain_len"][0] != 1 {
		t.Errorf("tls.certs %x, chain length %v", c, u.Codes["tls.cert_chain_len"])
	}
	if r.Feed([]byte{23, 3, 3, 0, 1, 0}) != nil {
		t.Error("bytes after the handshake gave a second one")
	}
}

func TestProbeSSLv2Hello(t *testing.T) {
	if ok, more := Probe([]byte{0x80, 0x80, 0x01, 0x03, 0x01, 0x00}); !ok || more {
		t.Errorf("SSLv2-compatible ClientHello: %v %v", ok, more)
	}
	if ok, _ := Probe([]byte{0x80, 0x80, 0x02, 0x03, 0x01}); ok {
		t.Error("an SSLv2 record that is not a ClientHello probed as TLS")
	}
}

// TestServerProgress: the handshake read so far tells the certificate
// and the ServerHelloDone apart, the steps Suricata's server states take.
func TestServerProgress(t *testing.T) {
	hello := append(append([]byte{3, 3}, make([]byte, 32)...), 0, 0x00, 0x2f, 0)
	var r ServerReader
	steps := []string{}
	for _, msg := range [][]byte{handshake(typeServerHello, hello), handshake(typeCertificate, []byte{0, 0, 0}), handshake(typeServerHelloDone, nil)} {
		r.Feed(record(msg))
		sh := r.Hello()
		steps = append(steps, fmt.Sprint(sh != nil && sh.CertSeen, sh != nil && sh.HelloDone))
	}
	if want := []string{"false false", "true false", "true true"}; !slices.Equal(steps, want) {
		t.Errorf("steps %q, want %q", steps, want)
	}
}
