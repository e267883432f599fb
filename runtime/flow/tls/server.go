package tls

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/rulec/rulec/runtime/inspect"
)

const (
	typeServerHello     = 2
	typeCertificate     = 11
	typeCertRequest     = 13
	typeServerHelloDone = 14
	extSupportedVersion = 43
)

// maxServerHandshake bounds the server handshake bytes buffered.
const maxServerHandshake = 256 << 10

// ServerHandshake is what the runtime inspects and logs of a server's
// handshake: its hello and its certificate chain.
type ServerHandshake struct {
	// Version is the version chosen as Suricata keeps it:
	// supported_versions, else the legacy one (0x0304 and the early
	// drafts as 0x7f01).
	Version uint16
	// Legacy is the hello's legacy version, Cipher the suite chosen and
	// Exts its extensions (GREASE left out): the server_handshake
	// object of the EVE record.
	Legacy    uint16
	Cipher    uint16
	Exts      []int
	Random    []byte // 32 bytes
	SessionID []byte
	ALPNs     [][]byte
	JA3S      string // legacy version, cipher, extensions (GREASE left out)
	JA3SHash  string
	Raw       [][]byte // the certificates as sent, leaf first
	Leaf      *Cert    // the first certificate, nil when it does not parse
	// CertRequest: the server asked for the client's certificate.
	CertRequest bool
	// WithoutCert: a TLS 1.3 hello (or draft), whose certificates are
	// encrypted; Suricata logs such a handshake without them.
	WithoutCert bool
	// CertSeen: a Certificate message was read; HelloDone: the
	// ServerHelloDone (the progress Suricata's server states follow).
	CertSeen, HelloDone bool
	hello               bool
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
				r.sh.serverHello(body)
				if r.sh.Version >= 0x0304 {
					return r.finish() // the rest is encrypted
				}
			case typeCertificate:
				r.sh.Raw, r.sh.Leaf = certificates(body)
				r.sh.CertSeen = true
			case typeCertRequest:
				r.sh.CertRequest = true
			case typeServerHelloDone:
				r.sh.HelloDone = true
				return r.finish()
			}
		}
	}
	if len(r.rec)+len(r.hs) > maxServerHandshake {
		return r.finish()
	}
	return nil
}

// Hello is the handshake read so far once its ServerHello was, else nil:
// what an alert shows of the server before its cleartext part ended.
func (r *ServerReader) Hello() *ServerHandshake {
	if !r.sh.hello {
		return nil
	}
	return &r.sh
}

func (r *ServerReader) finish() *ServerHandshake {
	r.done, r.rec, r.hs = true, nil, nil
	if !r.sh.hello {
		return nil
	}
	return &r.sh
}

// serverHello reads a ServerHello: the version it chose (its
// supported_versions extension for TLS 1.3, else its legacy version), its
// random, ALPN and JA3S.
func (s *ServerHandshake) serverHello(body []byte) {
	c := cursor{b: body}
	legacy := c.u16()
	random := c.take(32)
	// a TLS 1.3 draft's hello in its legacy version (before draft 22)
	// has no session id and compression
	old := legacy == 0x0304 || legacy>>8 == 0x7f
	var session cursor
	if !old {
		session = c.vec8()
	}
	cipher := c.u16()
	if !old {
		c.take(1) // compression
	}
	if c.bad {
		return
	}
	var exts []int
	version := legacy
	if len(c.b) > 0 {
		list := c.vec16()
		for len(list.b) >= 4 && !list.bad {
			typ := list.u16()
			data := list.vec16()
			if !grease(typ) {
				exts = append(exts, typ)
			}
			switch {
			case typ == extSupportedVersion && len(data.b) == 2:
				version = data.u16()
				s.WithoutCert = s.WithoutCert || version > 0x0303
			case typ == extALPN:
				s.ALPNs = alpns(data.vec16())
			}
		}
	}
	if old {
		s.WithoutCert = true
		if version == legacy && (legacy == 0x0304 || legacy < 0x7f10) {
			version = 0x7f01
		}
	}
	s.hello, s.Version, s.Random = true, uint16(version), random
	s.Legacy, s.Cipher, s.Exts, s.SessionID = uint16(legacy), uint16(cipher), exts, session.b
	s.JA3S = strconv.Itoa(legacy) + "," + strconv.Itoa(cipher) + "," + joinInts(exts, "-")
	sum := md5.Sum([]byte(s.JA3S))
	s.JA3SHash = hex.EncodeToString(sum[:])
}

// certificates reads a Certificate message: the certificates as sent,
// and the first one parsed.
func certificates(body []byte) (raw [][]byte, leaf *Cert) {
	c := cursor{b: body}
	list := cursor{b: c.take(int(c.u8())<<16 | c.u16())}
	for len(list.b) >= 3 && !list.bad {
		der := list.take(int(list.u8())<<16 | list.u16())
		if list.bad {
			break
		}
		raw = append(raw, der)
	}
	if len(raw) > 0 {
		leaf, _ = ParseCert(raw[0])
	}
	return raw, leaf
}

// VersionName is Suricata's name of a TLS version.
func VersionName(v uint16) string {
	switch {
	case v >= 0x7f10 && v <= 0x7f1c:
		return fmt.Sprintf("TLS 1.3 draft-%d", v&0xff)
	case v == 0x7f01:
		return "TLS 1.3 draft-<16"
	case v == 0xfb14, v == 0xfb15, v == 0xfb16, v == 0xfb17, v == 0xfb1a:
		return fmt.Sprintf("TLS 1.3 draft-%d-fb", v&0xff)
	}
	switch v {
	case 0:
		return "UNDETERMINED"
	case 0x0200:
		return "SSLv2"
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

// Fill sets the server's buffers on a to-client unit: its hello's, the
// leaf certificate's, and an instance of the multi-buffers tls.certs per
// certificate and tls.subjectaltname per name; whether the certificate
// expired is as of the unit's time, which must be set.
func (s *ServerHandshake) Fill(u *inspect.Unit) {
	fillRandom(u, s.Random)
	for _, a := range s.ALPNs {
		u.AddBuffer("tls.alpn", a)
	}
	u.SetBuffer("ja3s.string", []byte(s.JA3S))
	u.SetBuffer("ja3s.hash", []byte(s.JA3SHash))
	setVersion(u, s.Version)
	setCode(u, "tls.cert_chain_len", int64(len(s.Raw)))
	for _, c := range s.Raw {
		u.AddBuffer("tls.certs", c)
	}
	leaf := s.Leaf
	if leaf == nil {
		return
	}
	notAfter := leaf.NotAfter.Unix()
	setCode(u, "tls_cert_notbefore", leaf.NotBefore.Unix())
	setCode(u, "tls_cert_notafter", notAfter)
	expired := u.TS.Unix() > notAfter // as of the unit's packet
	setCode(u, "tls_cert_expired", b2i(expired))
	setCode(u, "tls_cert_valid", b2i(!expired))
	u.SetBuffer("tls.cert_subject", []byte(leaf.Subject))
	u.SetBuffer("tls.cert_issuer", []byte(leaf.Issuer))
	u.SetBuffer("tls.cert_serial", []byte(leaf.Serial))
	u.SetBuffer("tls.cert_fingerprint", []byte(leaf.Fingerprint))
	for _, n := range leaf.SANs {
		u.AddBuffer("tls.subjectaltname", []byte(n))
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
