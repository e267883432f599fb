package tls

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

var (
	errNotHandshake = errors.New("tls: stream does not start with a handshake record")
	errNotHello     = errors.New("tls: first handshake message is not a ClientHello")
	errTooLong      = errors.New("tls: ClientHello longer than the limit")
	errMalformed    = errors.New("tls: malformed ClientHello")
)

// maxHello bounds the handshake bytes buffered for one ClientHello.
const maxHello = 64 << 10

const (
	recordHandshake  = 22
	typeClientHello  = 1
	extServerName    = 0
	extGroups        = 10
	extPointFormats  = 11
	extSigAlgs       = 13
	extALPN          = 16
	extSessionTicket = 35
	extEarlyData     = 42
	recordHeaderSize = 5
)

// Probe reports whether a client stream starts with a TLS handshake
// record; more is true while there are too few bytes to tell.
//
// An SSLv2-compatible ClientHello (a two-byte record length with the high
// bit set, message type 1, version 3.x), which old clients still send, is
// a TLS stream too.
func Probe(b []byte) (match, more bool) {
	if len(b) > 0 && b[0]&0x80 != 0 {
		if len(b) < 5 {
			return false, len(b) < 3 || b[2] == 1
		}
		return b[2] == 1 && b[3] == 3 && b[4] <= 4, false
	}
	if len(b) < 3 {
		return false, len(b) == 0 || b[0] == recordHandshake && (len(b) < 2 || b[1] == 3)
	}
	return b[0] == recordHandshake && b[1] == 3 && b[2] <= 4, false
}

// ClientHello is what the runtime inspects of a client's hello.
type ClientHello struct {
	Version uint16 // the hello's legacy version
	// Offered is the client's version as Suricata keeps it: the first
	// valid one of supported_versions, else the legacy version.
	Offered uint16
	Random  []byte // 32 bytes
	SNI     []byte
	ALPNs   [][]byte // the protocols offered, empty ones left out
	JA3     string
	JA3Hash string
	JA4     string
	// EarlyData: the hello offers TLS 1.3 early data (0-RTT), which may
	// come before the server's hello.
	EarlyData bool
	// HSVersion is the highest of the legacy version and the one taken
	// from supported_versions; Ciphers, Exts and SigAlgs are the hello's
	// (GREASE left out): the client_handshake object of the EVE record.
	HSVersion              uint16
	Ciphers, Exts, SigAlgs []int
	SessionID              []byte
	Ticket                 bool // the hello has a session_ticket extension
	// CertRaw holds the client's certificates as sent, non-nil once its
	// Certificate message was read; Cert is the first one, parsed.
	CertRaw [][]byte
	Cert    *Cert
	// V2: an SSLv2-compatible hello, of which Suricata keeps the version
	// only (no fingerprints, no client_handshake).
	V2 bool
}

// Reader collects the handshake records of a client stream: the
// ClientHello, then the client's certificate when it sends one, until a
// record other than a handshake (its ChangeCipherSpec) ends the
// cleartext handshake.
type Reader struct {
	rec   []byte // partial record
	hs    []byte // handshake bytes from the records so far
	hello *ClientHello
	done  bool
}

// Feed adds client stream bytes. It returns the hello once complete, nil
// while more bytes are needed or after, and an error when the stream is
// not TLS; after an error, later bytes are ignored. The client's
// certificate, read later, is set on the hello returned.
func (r *Reader) Feed(b []byte) (*ClientHello, error) {
	if r.done {
		return nil, nil
	}
	r.rec = append(r.rec, b...)
	var got *ClientHello
	if r.hello == nil && len(r.rec) > 0 && r.rec[0]&0x80 != 0 {
		h, n := helloV2(r.rec)
		if n == 0 {
			return nil, nil
		}
		if h == nil {
			return r.fail(errMalformed)
		}
		r.hello, got, r.rec = h, h, r.rec[n:]
	}
	for len(r.rec) >= recordHeaderSize {
		if r.rec[0] != recordHandshake {
			if r.hello == nil {
				return r.fail(errNotHandshake)
			}
			r.Stop()
			return got, nil
		}
		n := int(binary.BigEndian.Uint16(r.rec[3:]))
		if len(r.rec) < recordHeaderSize+n {
			break
		}
		r.hs = append(r.hs, r.rec[recordHeaderSize:recordHeaderSize+n]...)
		r.rec = r.rec[recordHeaderSize+n:]
		for len(r.hs) >= 4 {
			if r.hello == nil && r.hs[0] != typeClientHello {
				return r.fail(errNotHello)
			}
			size := int(r.hs[1])<<16 | int(r.hs[2])<<8 | int(r.hs[3])
			if size > maxHello {
				return r.fail(errTooLong)
			}
			if len(r.hs) < 4+size {
				break
			}
			typ, body := r.hs[0], r.hs[4:4+size]
			switch {
			case r.hello == nil:
				h, err := parseHello(body)
				if err != nil {
					return r.fail(err)
				}
				r.hello, got = h, h
			case typ == typeCertificate && r.hello.CertRaw == nil:
				raw, leaf := certificates(body)
				for i := range raw {
					raw[i] = append([]byte(nil), raw[i]...)
				}
				r.hello.CertRaw, r.hello.Cert = raw, leaf
				if raw == nil {
					r.hello.CertRaw = [][]byte{}
				}
			}
			r.hs = r.hs[4+size:]
		}
		if len(r.hs) == 0 {
			r.hs = nil
		}
	}
	if len(r.rec)+len(r.hs) > maxHello {
		if r.hello == nil {
			return r.fail(errTooLong)
		}
		r.Stop()
	}
	return got, nil
}

// Held is how many bytes the reader holds.
func (r *Reader) Held() int { return cap(r.rec) + cap(r.hs) }

// Stop ends the reading, dropping what is held; later bytes are ignored.
func (r *Reader) Stop() { r.done, r.rec, r.hs = true, nil, nil }

func (r *Reader) fail(err error) (*ClientHello, error) {
	r.done, r.rec, r.hs = true, nil, nil
	return nil, err
}

// helloV2 reads an SSLv2-compatible ClientHello record (a two-byte length
// with the top bit set, message type 1, the version): the hello and the
// record's size, 0 while it is incomplete, a nil hello when it is not one.
func helloV2(b []byte) (*ClientHello, int) {
	if len(b) < 2 {
		return nil, 0
	}
	n := 2 + int(b[0]&0x7f)<<8 | int(b[1])
	switch {
	case n < 2+1+6:
		return nil, n
	case len(b) < n:
		return nil, 0
	case b[2] != typeClientHello:
		return nil, n
	}
	v := binary.BigEndian.Uint16(b[3:])
	return &ClientHello{Version: v, Offered: v, HSVersion: v, V2: true}, n
}

// cursor reads big-endian fields and length-prefixed vectors.
type cursor struct {
	b   []byte
	bad bool
}

func (c *cursor) take(n int) []byte {
	if c.bad || n > len(c.b) {
		c.bad, c.b = true, nil
		return nil
	}
	v := c.b[:n]
	c.b = c.b[n:]
	return v
}

func (c *cursor) u8() int {
	if v := c.take(1); v != nil {
		return int(v[0])
	}
	return 0
}

func (c *cursor) u16() int {
	if v := c.take(2); v != nil {
		return int(binary.BigEndian.Uint16(v))
	}
	return 0
}

func (c *cursor) vec8() cursor  { return cursor{b: c.take(c.u8()), bad: c.bad} }
func (c *cursor) vec16() cursor { return cursor{b: c.take(c.u16()), bad: c.bad} }

// grease reports the reserved GREASE values (RFC 8701) JA3 leaves out.
func grease(v int) bool { return v&0x0f0f == 0x0a0a && v>>8 == v&0xff }

// hsParams are the values of a hello the fingerprints take, GREASE
// left out.
type hsParams struct {
	ciphers, exts, groups, formats, sigAlgs []int
}

func parseHello(body []byte) (*ClientHello, error) {
	c := cursor{b: body}
	h := &ClientHello{Version: uint16(c.u16())}
	h.Offered, h.HSVersion = h.Version, h.Version
	if h.Version == 0x0304 || h.Version > 0x7f00 && h.Version < 0x7f10 {
		h.Offered = 0x7f01 // Suricata's name for early TLS 1.3 drafts
	}
	h.Random = c.take(32)
	h.SessionID = c.vec8().b
	var p hsParams
	suites := c.vec16()
	for len(suites.b) >= 2 {
		if v := suites.u16(); !grease(v) {
			p.ciphers = append(p.ciphers, v)
		}
	}
	c.vec8()
	var extensions cursor
	if len(c.b) > 0 {
		extensions = c.vec16()
	}
	for len(extensions.b) >= 4 {
		typ := extensions.u16()
		data := extensions.vec16()
		if !grease(typ) {
			p.exts = append(p.exts, typ)
		}
		switch typ {
		case extServerName:
			list := data.vec16()
			for len(list.b) >= 3 {
				kind := list.u8()
				name := list.vec16()
				if kind == 0 && h.SNI == nil {
					h.SNI = name.b
				}
			}
		case extGroups:
			p.groups = appendU16s(p.groups, data.vec16())
		case extPointFormats:
			list := data.vec8()
			for len(list.b) >= 1 {
				p.formats = append(p.formats, list.u8())
			}
		case extSigAlgs:
			p.sigAlgs = appendU16s(p.sigAlgs, data.vec16())
		case extALPN:
			h.ALPNs = alpns(data.vec16())
		case extEarlyData:
			h.EarlyData = true
		case extSessionTicket:
			h.Ticket = true
		case extSupportedVersion:
			list := data.vec8()
			for len(list.b) >= 2 {
				if v := list.u16(); validVersion(v) {
					h.Offered = uint16(v)
					h.HSVersion = max(h.HSVersion, uint16(v))
					break
				}
			}
		}
	}
	if c.bad || extensions.bad {
		return nil, errMalformed
	}
	h.JA3 = strings.Join([]string{strconv.Itoa(int(h.Version)), joinInts(p.ciphers, "-"),
		joinInts(p.exts, "-"), joinInts(p.groups, "-"), joinInts(p.formats, "-")}, ",")
	sum := md5.Sum([]byte(h.JA3))
	h.JA3Hash = hex.EncodeToString(sum[:])
	h.JA4 = ja4(h, &p)
	h.Ciphers, h.Exts, h.SigAlgs = p.ciphers, p.exts, p.sigAlgs
	return h, nil
}

// appendU16s appends a vector's 16-bit values, GREASE left out.
func appendU16s(out []int, list cursor) []int {
	for len(list.b) >= 2 {
		if v := list.u16(); !grease(v) {
			out = append(out, v)
		}
	}
	return out
}

// alpns reads an ALPN protocol name list; a name overrunning the list
// ends it, empty names are left out.
func alpns(list cursor) [][]byte {
	var out [][]byte
	for len(list.b) > 0 {
		n := list.u8()
		if n > len(list.b) {
			break
		}
		if name := list.take(n); n > 0 {
			out = append(out, name)
		}
	}
	return out
}

// validVersion reports the versions Suricata takes from a hello's
// supported_versions: SSLv3 to TLS 1.3, and TLS 1.3 drafts.
func validVersion(v int) bool {
	return v >= 0x0300 && v <= 0x0304 || v>>8 == 0x7f || v>>8 == 0xfb
}

func joinInts(vs []int, sep string) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = strconv.Itoa(v)
	}
	return strings.Join(s, sep)
}

// Fill sets the hello's buffers on a to-server unit.
func (h *ClientHello) Fill(u *inspect.Unit) {
	setVersion(u, h.Offered)
	if h.V2 {
		return
	}
	if len(h.SNI) > 0 {
		u.SetBuffer("tls.sni", h.SNI)
	}
	u.SetBuffer("ja3.string", []byte(h.JA3))
	u.SetBuffer("ja3.hash", []byte(h.JA3Hash))
	u.SetBuffer("ja4.hash", []byte(h.JA4))
	fillRandom(u, h.Random)
	for _, a := range h.ALPNs {
		u.AddBuffer("tls.alpn", a)
	}
}

// FillPeer sets the hello's buffers on the server's (to-client) unit of
// the same transaction, for transactional rules ("=>"): those only the
// client has under their names, those both sides have under
// ir.ToServerOf.
func (h *ClientHello) FillPeer(u *inspect.Unit) {
	if h.V2 {
		return
	}
	if len(h.SNI) > 0 {
		u.SetBuffer("tls.sni", h.SNI)
	}
	u.SetBuffer("ja3.string", []byte(h.JA3))
	u.SetBuffer("ja3.hash", []byte(h.JA3Hash))
	u.SetBuffer("ja4.hash", []byte(h.JA4))
	if len(h.Random) == 32 {
		u.SetBuffer(ir.ToServerOf("tls.random"), h.Random)
		u.SetBuffer(ir.ToServerOf("tls.random_time"), h.Random[:4])
		u.SetBuffer(ir.ToServerOf("tls.random_bytes"), h.Random[4:])
	}
	for _, a := range h.ALPNs {
		u.AddBuffer(ir.ToServerOf("tls.alpn"), a)
	}
}

// fillRandom sets the tls.random buffers of one side's hello.
func fillRandom(u *inspect.Unit, r []byte) {
	if len(r) != 32 {
		return
	}
	u.SetBuffer("tls.random", r)
	u.SetBuffer("tls.random_time", r[:4])
	u.SetBuffer("tls.random_bytes", r[4:])
}

// setVersion sets the version codes: ssl_version's bit of the version's
// class (SSLv2, SSLv3, TLS 1.0, 1.1, 1.2, 1.3 with its drafts; none for
// another version), and tls.version's.
func setVersion(u *inspect.Unit, v uint16) {
	var class int64
	switch {
	case v == 0x0200:
		class = 1
	case v >= 0x0300 && v <= 0x0304:
		class = 2 << (v - 0x0300)
	case v >= 0x7f01 && v <= 0x7f1c && (v == 0x7f01 || v >= 0x7f10):
		class = 32
	}
	if class != 0 {
		setCode(u, "ssl_version", class)
	}
	setCode(u, "tls.version.raw", int64(v))
	if v>>8 == 0x7f {
		v = 0x0304 // tls.version takes the drafts as TLS 1.3
	}
	setCode(u, "tls.version", int64(v))
}

func setCode(u *inspect.Unit, name string, v int64) {
	if u.Codes == nil {
		u.Codes = map[string][]int64{}
	}
	u.Codes[name] = []int64{v}
}
