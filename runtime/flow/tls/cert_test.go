package tls

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"net"
	"slices"
	"testing"
	"time"
)

// testCert makes a self-signed certificate of subject and issuer (the
// same name), serial, validity and alternative names.
func testCert(t *testing.T, name pkix.Name, serial *big.Int, notBefore, notAfter time.Time, dns []string, ips []net.IP) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: name, NotBefore: notBefore, NotAfter: notAfter, DNSNames: dns, IPAddresses: ips}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

var oidEmail = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1}

// TestParseCert: names render as Suricata's x509 parser writes them
// (Email, null bytes kept), the serial as encoded (its leading zero),
// dates before 1970, IP alternative names as byte lists.
func TestParseCert(t *testing.T) {
	name := pkix.Name{Country: []string{"US"}, Organization: []string{"Micro\x00soft"}, CommonName: "go.example",
		ExtraNames: []pkix.AttributeTypeAndValue{{Type: oidEmail, Value: "ops@example.com"}}}
	serial := new(big.Int).SetBytes([]byte{0x97, 0xE6, 0x47})
	der := testCert(t, name, serial, time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(2038, 12, 31, 0, 10, 3, 0, time.UTC),
		[]string{"a.example"}, []net.IP{net.IPv4(127, 0, 0, 1).To4()})
	c, err := ParseCert(der)
	if err != nil {
		t.Fatal(err)
	}
	want := "C=US, O=Micro\x00soft, CN=go.example, Email=ops@example.com"
	if c.Subject != want || c.Issuer != want {
		t.Errorf("subject %q issuer %q, want %q", c.Subject, c.Issuer, want)
	}
	if c.Serial != "00:97:E6:47" {
		t.Errorf("serial %q", c.Serial)
	}
	if formatTime(c.NotBefore) != "1969-12-31T00:00:00" || formatTime(c.NotAfter) != "2038-12-31T00:10:03" {
		t.Errorf("validity %v %v", c.NotBefore, c.NotAfter)
	}
	if !slices.Equal(c.SANs, []string{"a.example", "[127, 0, 0, 1]"}) {
		t.Errorf("alt names %q", c.SANs)
	}
	if _, err := ParseCert(der[:len(der)-10]); err == nil {
		t.Error("truncated certificate parsed")
	}
}

// TestParseCertEmptySubject: an empty name is logged as an empty string.
func TestParseCertEmptySubject(t *testing.T) {
	der := testCert(t, pkix.Name{}, big.NewInt(1), time.Unix(0, 0), time.Unix(1e9, 0), []string{"x.example"}, nil)
	c, err := ParseCert(der)
	if err != nil || c.Subject != "" {
		t.Fatalf("cert %+v, %v", c, err)
	}
}
