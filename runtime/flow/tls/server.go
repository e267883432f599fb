package tls

import (
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/rulec/rulec/runtime/inspect"
)

const (
	typeServerHello     = 2
	typeCertificate     = 11
	typeServerHelloDone = 14
	extSupportedVersion = 43
)

// maxServerHandshake bounds the server handshake bytes buffered.
const maxServerHandshake = 256 << 10

// ServerHandshake is what the runtime inspects and logs of a server's
// handshake: the version it chose and its certificate chain.
type ServerHandshake struct {
	Version uint16
	Certs   []*x509.Certificate // leaf first; certificates Go cannot parse are left out
	Chain   int                 // certificates sent
}

// ServerReader collects a server stream's handshake messages until the
// end of its cleartext part: ServerHelloDone, a record other than a
// handshake, or a TLS 1.3 ServerHello.
type ServerReader struct {
	rec, hs []byte
	sh      ServerHandshake
	done    bool
}

// Feed adds server stream bytes; it returns the handshake once its
// cleartext part was read, then nil for later bytes.
func (r *ServerReader) Feed(b []byte) *ServerHandshake {
	if r.done {
		return nil
	}
	r.rec = append(r.rec, b...)
	for len(r.rec) >= recordHeaderSize {
		n := int(binary.BigEndian.Uint16(r.rec[3:]))
		if r.rec[0] != recordHandshake {
			return r.finish()
		}
		if len(r.rec) < recordHeaderSize+n {
			break
		}
		r.hs = append(r.hs, r.rec[recordHeaderSize:recordHeaderSize+n]...)
		r.rec = r.rec[recordHeaderSize+n:]
		for len(r.hs) >= 4 {
			size := int(r.hs[1])<<16 | int(r.hs[2])<<8 | int(r.hs[3])
			if len(r.hs) < 4+size {
				break
			}
			typ, body := r.hs[0], r.hs[4:4+size]
			r.hs = r.hs[4+size:]
			switch typ {
			case typeServerHello:
				r.sh.Version = serverVersion(body)
				if r.sh.Version >= 0x0304 {
					return r.finish() // the rest is encrypted
				}
			case typeCertificate:
				r.certificates(body)
			case typeServerHelloDone:
				return r.finish()
			}
		}
	}
	if len(r.rec)+len(r.hs) > maxServerHandshake {
		return r.finish()
	}
	return nil
}

func (r *ServerReader) finish() *ServerHandshake {
	r.done, r.rec, r.hs = true, nil, nil
	if r.sh.Version == 0 {
		return nil
	}
	return &r.sh
}

// serverVersion is the version a ServerHello chose: its supported_versions
// extension (TLS 1.3), else its legacy version.
func serverVersion(body []byte) uint16 {
	c := cursor{b: body}
	v := c.u16()
	c.take(32)
	c.vec8()
	c.take(3) // cipher suite, compression
	if c.bad {
		return 0
	}
	if len(c.b) == 0 {
		return uint16(v) // no extensions
	}
	exts := c.vec16()
	for len(exts.b) >= 4 && !exts.bad {
		typ := exts.u16()
		data := exts.vec16()
		if typ == extSupportedVersion && len(data.b) == 2 {
			return binary.BigEndian.Uint16(data.b)
		}
	}
	if c.bad {
		return 0
	}
	return uint16(v)
}

func (r *ServerReader) certificates(body []byte) {
	c := cursor{b: body}
	list := cursor{b: c.take(int(c.u8())<<16 | c.u16())}
	for len(list.b) >= 3 && !list.bad {
		der := list.take(int(list.u8())<<16 | list.u16())
		r.sh.Chain++
		if cert, err := x509.ParseCertificate(der); err == nil {
			r.sh.Certs = append(r.sh.Certs, cert)
		}
	}
}

// VersionName is Suricata's name of a TLS version.
func VersionName(v uint16) string {
	switch v {
	case 0x0300:
		return "SSLv3"
	case 0x0301:
		return "TLSv1"
	case 0x0302:
		return "TLS 1.1"
	case 0x0303:
		return "TLS 1.2"
	case 0x0304:
		return "TLS 1.3"
	}
	return fmt.Sprintf("0x%04x", v)
}

// dnNames are the short names Suricata writes for DN attributes.
var dnNames = map[string]string{
	"2.5.4.6": "C", "2.5.4.8": "ST", "2.5.4.7": "L", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.3": "CN",
	"2.5.4.5": "serialNumber", "2.5.4.9": "street", "2.5.4.17": "postalCode", "2.5.4.4": "SN", "2.5.4.42": "GN",
	"2.5.4.12": "title", "1.2.840.113549.1.9.1": "emailAddress", "0.9.2342.19200300.100.1.25": "DC",
	"0.9.2342.19200300.100.1.1": "UID",
}

// DN renders a distinguished name in its certificate order, as Suricata
// does: "C=US, O=Let's Encrypt, CN=R3".
func DN(raw []byte) string {
	var seq pkix.RDNSequence
	if _, err := asn1.Unmarshal(raw, &seq); err != nil {
		return ""
	}
	var parts []string
	for _, set := range seq {
		for _, atv := range set {
			name, ok := dnNames[atv.Type.String()]
			if !ok {
				name = atv.Type.String()
			}
			parts = append(parts, name+"="+fmt.Sprint(atv.Value))
		}
	}
	return strings.Join(parts, ", ")
}

// colonHex renders bytes as hex pairs joined by colons.
func colonHex(b []byte, upper bool) string {
	f := "%02x"
	if upper {
		f = "%02X"
	}
	parts := make([]string, len(b))
	for i, x := range b {
		parts[i] = fmt.Sprintf(f, x)
	}
	return strings.Join(parts, ":")
}

// certTime is Suricata's notbefore/notafter layout.
const certTime = "2006-01-02T15:04:05"

// Fill sets the leaf certificate's buffers (and, per name, the
// subjectaltname multi-buffer: the caller makes one unit per name) and
// adds the server's fields to the EVE tls record.
func (s *ServerHandshake) Fill(u *inspect.Unit, rec map[string]any) {
	rec["version"] = VersionName(s.Version)
	if len(s.Certs) == 0 {
		return
	}
	leaf := s.Certs[0]
	subject, issuer := DN(leaf.RawSubject), DN(leaf.RawIssuer)
	sum := sha1.Sum(leaf.Raw)
	serial := colonHex(leaf.SerialNumber.Bytes(), true)
	fp := colonHex(sum[:], false)
	rec["subject"], rec["issuerdn"], rec["serial"], rec["fingerprint"] = subject, issuer, serial, fp
	rec["notbefore"] = leaf.NotBefore.UTC().Format(certTime)
	rec["notafter"] = leaf.NotAfter.UTC().Format(certTime)
	if len(leaf.DNSNames) > 0 {
		rec["subjectaltname"] = append([]string(nil), leaf.DNSNames...)
	}
	u.SetBuffer("tls.cert_subject", []byte(subject))
	u.SetBuffer("tls.cert_issuer", []byte(issuer))
	u.SetBuffer("tls.cert_serial", []byte(serial))
	u.SetBuffer("tls.cert_fingerprint", []byte(fp))
	u.SetBuffer("tls.certs", leaf.Raw)
}

// AltNames are the leaf certificate's subject alternative names.
func (s *ServerHandshake) AltNames() []string {
	if len(s.Certs) == 0 {
		return nil
	}
	return s.Certs[0].DNSNames
}
