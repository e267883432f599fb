package tls

import "encoding/binary"

// maxCheckMessage bounds a handshake message the checker collects
// across records; a longer one ends its walk.
const maxCheckMessage = 256 << 10

// Checker follows both directions of a TLS stream record by record and
// handshake message by handshake message, as Suricata's TLS parser
// does, and raises the decoder events that parser raises. Where that
// parser fails (and stops parsing the flow) the walk ends.
type Checker struct {
	side [2]checkSide // by direction: 0 to the server, 1 to the client
	stop bool
	// ccs: a ChangeCipherSpec came from either side; the hellos seen.
	ccs, clientHello, serverHello bool
	// withoutCert: the server's hello is TLS 1.3 or a draft, whose hello
	// has no session id and compression before draft 22.
	withoutCert bool
	// heartbeats: one in flight, from which side, and the length of an
	// encrypted request.
	hbInflight bool
	hbFrom     int
	hbLen      int
}

type checkSide struct {
	hdr  [5]byte
	nhdr int
	// v2: the record is SSLv2, whose header has 2 or 3 length bytes
	// and the message type.
	v2     bool
	v2hdr  int
	typ    byte
	length int
	left   int    // bytes of the record's body still to come
	body   []byte // the body so far, kept for all but application data
	// version is Suricata's curr_connp->version: the record headers',
	// once the side's hello was read its hello's.
	version uint16
	ccs     bool // the side sent a ChangeCipherSpec
	msg     []byte
	msgType byte
	msgLen  int
	sni     bool
	certs   bool // a Certificate message was read
	cert0   bool // its first certificate parsed
}

// Held is how many bytes the checker holds.
func (c *Checker) Held() int {
	return cap(c.side[0].body) + cap(c.side[1].body) + cap(c.side[0].msg) + cap(c.side[1].msg)
}

// Stop ends the walk, dropping what is held.
func (c *Checker) Stop() {
	c.stop = true
	for i := range c.side {
		c.side[i].body, c.side[i].msg = nil, nil
	}
}

// Feed walks a direction's stream bytes (dir 0: client to server) and
// returns the events they raise.
func (c *Checker) Feed(dir int, b []byte) EventSet {
	var ev EventSet
	s := &c.side[dir]
	for len(b) > 0 && !c.stop {
		switch {
		case s.left > 0:
			n := min(s.left, len(b))
			if s.typ != recordApplicationData || s.v2 {
				s.body = append(s.body, b[:n]...)
			}
			s.left -= n
			b = b[n:]
			if s.left == 0 {
				c.record(dir, &ev)
			}
		case s.nhdr == 0 && b[0]&0xc0 != 0 || s.v2:
			b = c.v2Header(dir, b, &ev)
		default:
			n := copy(s.hdr[s.nhdr:], b)
			s.nhdr += n
			b = b[n:]
			if s.nhdr == recordHeaderSize && !c.header(dir, &ev) {
				b = nil
			}
		}
	}
	if c.stop {
		c.Stop()
	}
	return ev
}

// v2Header reads an SSLv2 record's header: two length bytes (three when
// the top bit is clear) and the message type.
func (c *Checker) v2Header(dir int, b []byte, ev *EventSet) []byte {
	s := &c.side[dir]
	if !s.v2 {
		s.v2, s.nhdr, s.v2hdr = true, 0, 4
		if b[0]&0x80 != 0 {
			s.v2hdr = 3
		}
	}
	n := copy(s.hdr[s.nhdr:s.v2hdr], b)
	s.nhdr += n
	b = b[n:]
	if s.nhdr < s.v2hdr {
		return b
	}
	s.length = int(s.hdr[0]&0x7f)<<8 | int(s.hdr[1])
	if s.v2hdr == 4 {
		s.length = int(s.hdr[0]&0x3f)<<8 | int(s.hdr[1])
	}
	s.typ = s.hdr[s.v2hdr-1]
	s.version = 0x0200
	if s.length == 0 {
		c.fail(ev, EventInvalidSSLv2Header)
		return nil
	}
	// the message type is the body's first byte
	s.left = s.length - 1
	if s.left == 0 {
		c.record(dir, ev)
	}
	return b
}

// header checks a TLS record header as Suricata: it reports false when
// the rest of the bytes fed are to be skipped.
func (c *Checker) header(dir int, ev *EventSet) bool {
	s := &c.side[dir]
	if s.version == 0x0200 {
		s.version = 0
	}
	prev := s.version
	hello := dir == 0 && c.clientHello || dir == 1 && c.serverHello
	if !hello || s.version == 0 {
		s.version = binary.BigEndian.Uint16(s.hdr[1:])
	}
	s.typ, s.length = s.hdr[0], int(binary.BigEndian.Uint16(s.hdr[3:]))
	switch {
	case s.typ < recordChangeCipherSpec || s.typ > recordHeartbeat:
		ev.Add(EventInvalidRecordType)
		if prev == 0x0301 || prev == 0x0302 {
			// TLS 1.0 and 1.1 skip an unknown record with the rest of
			// what was given to the parser
			s.nhdr, s.version = 0, prev
			return false
		}
		c.stop = true
	case s.length == 0:
		c.fail(ev, EventInvalidRecordLength)
	case !recordVersionValid(s.version):
		c.fail(ev, EventInvalidRecordVersion)
	case s.length > maxRecord:
		c.fail(ev, EventInvalidRecordLength)
	}
	s.left = s.length
	return !c.stop
}

// recordVersionValid is Suricata's TLSVersionValid: SSLv3 to TLS 1.3 and
// the TLS 1.3 drafts it names.
func recordVersionValid(v uint16) bool {
	switch {
	case v >= 0x0300 && v <= 0x0304, v == 0x7f01, v >= 0x7f10 && v <= 0x7f1c:
		return true
	}
	switch v {
	case 0xfb14, 0xfb15, 0xfb16, 0xfb17, 0xfb1a:
		return true
	}
	return false
}

func (c *Checker) fail(ev *EventSet, e Event) {
	ev.Add(e)
	c.stop = true
}

// record handles a complete record.
func (c *Checker) record(dir int, ev *EventSet) {
	s := &c.side[dir]
	body := s.body
	s.body, s.nhdr = s.body[:0], 0
	if s.v2 {
		s.v2 = false
		c.v2Record(dir, body, ev)
		return
	}
	switch s.typ {
	case recordChangeCipherSpec:
		c.ccs, s.ccs = true, true
	case recordAlert:
		if len(body) < 2 {
			c.fail(ev, EventInvalidAlert)
		}
	case recordHeartbeat:
		c.heartbeat(dir, body, ev)
	case recordHandshake:
		if c.ccs && !(c.clientHello && c.side[0].version > 0x0303 && !c.serverHello) {
			// encrypted, but for TLS 1.3's middlebox-compatible
			// ChangeCipherSpec before the server's hello
			return
		}
		if len(body) < 4 {
			c.fail(ev, EventInvalidSSLRecord)
			return
		}
		if !c.handshake(dir, body, ev) {
			c.fail(ev, EventInvalidHandshakeMessage)
		}
	}
}

// v2Record handles an SSLv2 record: an error message, or a client hello
// of at least its fixed fields, whose version becomes the client's.
func (c *Checker) v2Record(dir int, body []byte, ev *EventSet) {
	s := &c.side[dir]
	switch s.typ {
	case 0:
		ev.Add(EventErrorMessage)
	case typeClientHello:
		if len(body) < 6 {
			c.fail(ev, EventInvalidSSLRecord)
			return
		}
		s.version = binary.BigEndian.Uint16(body)
		c.clientHello = true
	}
}

// handshake walks a handshake record's messages; false is Suricata's
// parser error.
func (c *Checker) handshake(dir int, body []byte, ev *EventSet) bool {
	s := &c.side[dir]
	for len(body) > 0 {
		if s.msg != nil {
			n := min(s.msgLen-len(s.msg), len(body))
			s.msg = append(s.msg, body[:n]...)
			body = body[n:]
			if len(s.msg) == s.msgLen {
				c.message(dir, s.msgType, s.msg, ev)
				s.msg = nil
			}
			continue
		}
		if len(body) < 4 {
			ev.Add(EventInvalidSSLRecord)
			return false
		}
		typ, n := body[0], int(body[1])<<16|int(body[2])<<8|int(body[3])
		body = body[4:]
		switch {
		case !supportedHandshake(typ):
			body = body[min(n, len(body)):]
			if !s.ccs {
				ev.Add(EventInvalidHandshakeMessage)
			}
		case n > len(body):
			if n > maxCheckMessage {
				c.stop = true
				return true
			}
			s.msgType, s.msgLen = typ, n
			s.msg = append(make([]byte, 0, len(body)), body...)
			body = nil
		default:
			c.message(dir, typ, body[:n], ev)
			body = body[n:]
		}
	}
	return true
}

func supportedHandshake(typ byte) bool {
	switch typ {
	case 0, 1, 2, 4, 11, 12, 13, 14, 15, 16, 20, 21, 22:
		return true
	}
	return false
}

// message handles a complete handshake message.
func (c *Checker) message(dir int, typ byte, body []byte, ev *EventSet) {
	switch typ {
	case typeClientHello, typeServerHello:
		c.hello(dir, typ == typeServerHello, body, ev)
	case typeCertificate:
		c.certificates(dir, body, ev)
	}
}

// certificates checks a Certificate message: its first certificate is
// decoded, the others framed.
func (c *Checker) certificates(dir int, body []byte, ev *EventSet) {
	s := &c.side[dir]
	if len(body) < 3 {
		return
	}
	n := int(body[0])<<16 | int(body[1])<<8 | int(body[2])
	if n > len(body)-3 || s.certs {
		return
	}
	s.certs = true
	list := body[3 : 3+n]
	for i := 0; len(list) > 0; i++ {
		if len(list) < 3 {
			ev.Add(EventInvalidCertificate)
			return
		}
		m := int(list[0])<<16 | int(list[1])<<8 | int(list[2])
		if m > len(list)-3 {
			ev.Add(EventInvalidCertificate)
			return
		}
		if i == 0 && !s.cert0 {
			if _, err := ParseCert(list[3 : 3+m]); err != nil {
				ev.Add(CertEvent(err))
			} else {
				s.cert0 = true
			}
		}
		list = list[3+m:]
	}
}
