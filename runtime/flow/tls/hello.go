package tls

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"

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
	Version uint16
	SNI     []byte
	JA3     string
	JA3Hash string
}

// Reader collects the handshake records of a client stream until the
// ClientHello is complete.
type Reader struct {
	rec  []byte // partial record
	hs   []byte // handshake bytes from the records so far
	done bool
}

// Feed adds client stream bytes. It returns the hello once complete, nil
// while more bytes are needed, and an error when the stream is not TLS;
// after a hello or an error, later bytes are ignored.
func (r *Reader) Feed(b []byte) (*ClientHello, error) {
	if r.done {
		return nil, nil
	}
	r.rec = append(r.rec, b...)
	for len(r.rec) >= recordHeaderSize {
		if r.rec[0] != recordHandshake {
			return r.fail(errNotHandshake)
		}
		n := int(binary.BigEndian.Uint16(r.rec[3:]))
		if len(r.rec) < recordHeaderSize+n {
			break
		}
		r.hs = append(r.hs, r.rec[recordHeaderSize:recordHeaderSize+n]...)
		r.rec = r.rec[recordHeaderSize+n:]
		if len(r.hs) >= 4 {
			if r.hs[0] != typeClientHello {
				return r.fail(errNotHello)
			}
			size := int(r.hs[1])<<16 | int(r.hs[2])<<8 | int(r.hs[3])
			if size > maxHello {
				return r.fail(errTooLong)
			}
			if len(r.hs) >= 4+size {
				r.done, r.rec = true, nil
				h, err := parseHello(r.hs[4 : 4+size])
				r.hs = nil
				return h, err
			}
		}
	}
	if len(r.rec)+len(r.hs) > maxHello {
		return r.fail(errTooLong)
	}
	return nil, nil
}

// Held is how many bytes the reader holds.
func (r *Reader) Held() int { return cap(r.rec) + cap(r.hs) }

// Stop ends the reading, dropping what is held; later bytes are ignored.
func (r *Reader) Stop() { r.done, r.rec, r.hs = true, nil, nil }

func (r *Reader) fail(err error) (*ClientHello, error) {
	r.done, r.rec, r.hs = true, nil, nil
	return nil, err
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

func parseHello(body []byte) (*ClientHello, error) {
	c := cursor{b: body}
	h := &ClientHello{Version: uint16(c.u16())}
	c.take(32)
	c.vec8()
	var ciphers, exts, groups, formats []string
	suites := c.vec16()
	for len(suites.b) >= 2 {
		if v := suites.u16(); !grease(v) {
			ciphers = append(ciphers, strconv.Itoa(v))
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
			exts = append(exts, strconv.Itoa(typ))
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
			list := data.vec16()
			for len(list.b) >= 2 {
				if v := list.u16(); !grease(v) {
					groups = append(groups, strconv.Itoa(v))
				}
			}
		case extPointFormats:
			list := data.vec8()
			for len(list.b) >= 1 {
				formats = append(formats, strconv.Itoa(list.u8()))
			}
		}
	}
	if c.bad || extensions.bad {
		return nil, errMalformed
	}
	h.JA3 = strings.Join([]string{strconv.Itoa(int(h.Version)), strings.Join(ciphers, "-"),
		strings.Join(exts, "-"), strings.Join(groups, "-"), strings.Join(formats, "-")}, ",")
	sum := md5.Sum([]byte(h.JA3))
	h.JA3Hash = hex.EncodeToString(sum[:])
	return h, nil
}

// Fill sets the hello's buffers and EVE fields on a unit.
func (h *ClientHello) Fill(u *inspect.Unit) {
	tls := map[string]any{"ja3": map[string]any{"hash": h.JA3Hash, "string": h.JA3}}
	if len(h.SNI) > 0 {
		u.SetBuffer("tls.sni", h.SNI)
		tls["sni"] = string(h.SNI)
	}
	u.SetBuffer("ja3.string", []byte(h.JA3))
	u.SetBuffer("ja3.hash", []byte(h.JA3Hash))
	if u.Fields == nil {
		u.Fields = map[string]map[string]any{}
	}
	u.Fields["tls"] = tls
}
