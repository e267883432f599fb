package tls

// hello checks a ClientHello or ServerHello as Suricata decodes it: a
// field running past the message raises handshake_invalid_length and
// ends the decoding (never the parser); the side's version becomes the
// hello's.
func (c *Checker) hello(dir int, server bool, body []byte, ev *EventSet) {
	s := &c.side[dir]
	if server {
		c.serverHello = true
	} else {
		c.clientHello = true
	}
	h := cursor{b: body}
	v := uint16(h.u16())
	if h.bad {
		ev.Add(EventHandshakeInvalidLength)
		return
	}
	if server && (v == 0x0304 || v>>8 == 0x7f) {
		c.withoutCert = true
	}
	if v == 0x0304 || v >= 0x7f01 && v < 0x7f10 {
		v = 0x7f01
	}
	s.version = v
	h.take(32)
	full := !server || !c.withoutCert
	if full {
		h.vec8()
	}
	if server {
		h.take(2)
	} else if suites := h.vec16(); len(suites.b)%2 != 0 {
		h.bad = true
	}
	if full && server {
		h.take(1)
	} else if full {
		h.vec8()
	}
	if h.bad {
		ev.Add(EventHandshakeInvalidLength)
		return
	}
	if len(h.b) < 2 {
		return
	}
	exts := h.vec16()
	if h.bad {
		ev.Add(EventHandshakeInvalidLength)
		return
	}
	for len(exts.b) > 0 {
		typ := exts.u16()
		data := exts.vec16()
		if exts.bad {
			ev.Add(EventHandshakeInvalidLength)
			return
		}
		if e, ok := c.extension(dir, server, typ, data); !ok {
			ev.Add(e)
			return
		} else if e == EventMultipleSNIExtensions {
			ev.Add(e)
		}
	}
}

// extension checks one hello extension; ok false ends the hello with
// the event returned.
func (c *Checker) extension(dir int, server bool, typ int, data cursor) (Event, bool) {
	if len(data.b) == 0 {
		return 0, true
	}
	s := &c.side[dir]
	switch typ {
	case extServerName:
		data.take(2)
		kind := data.u8()
		if data.bad {
			return EventHandshakeInvalidLength, false
		}
		if kind != 0 {
			return EventInvalidSNIType, false
		}
		n := data.u16()
		if data.bad {
			return EventHandshakeInvalidLength, false
		}
		if n == 0 || n > 255 || n > len(data.b) {
			return EventInvalidSNILength, false
		}
		if s.sni {
			return EventMultipleSNIExtensions, true
		}
		s.sni = true
	case extGroups:
		data.vec16()
	case extPointFormats:
		data.vec8()
	case extSigAlgs:
		if v := data.vec16(); len(v.b)%2 != 0 {
			data.bad = true
		}
	case extALPN:
		list := data.vec16()
		for len(list.b) > 0 && !list.bad {
			list.vec8()
		}
		data.bad = data.bad || list.bad
	case extSupportedVersion:
		c.supportedVersions(s, server, &data)
	}
	if data.bad {
		return EventHandshakeInvalidLength, false
	}
	return 0, true
}

// supportedVersions takes the version of a supported_versions
// extension: the client's first valid one, the server's choice.
func (c *Checker) supportedVersions(s *checkSide, server bool, data *cursor) {
	if server {
		s.version = uint16(data.u16())
		return
	}
	n := data.u8()
	if n < 2 {
		data.bad = true
		return
	}
	list := cursor{b: data.take(n)}
	for len(list.b) >= 2 {
		if v := list.u16(); recordVersionValid(uint16(v)) {
			s.version = uint16(v)
			return
		}
	}
}

// heartbeat checks a heartbeat record (RFC 6520) as Suricata: a request
// must carry its payload and 16 bytes of padding, one side has at most
// one in flight, and an encrypted response must not be longer than its
// request (Heartbleed).
func (c *Checker) heartbeat(dir int, body []byte, ev *EventSet) {
	length := c.side[dir].length
	if len(body) < 3 {
		return
	}
	if !c.ccs && body[0] != 1 && body[0] != 2 {
		c.fail(ev, EventInvalidHeartbeat)
		return
	}
	switch {
	case !c.hbInflight:
		c.hbInflight, c.hbFrom = true, dir
		if c.ccs {
			c.hbLen = length
			return
		}
		payload := int(body[1])<<8 | int(body[2])
		if payload+3 > length {
			c.fail(ev, EventOverflowHeartbeat)
		} else if length-payload-3 < 16 {
			c.fail(ev, EventInvalidHeartbeat)
		}
	case c.hbFrom == dir:
		c.fail(ev, EventInvalidHeartbeat)
	default:
		c.hbInflight = false
		if c.ccs && c.hbLen > 0 && c.hbLen < length {
			c.hbLen = 0
			c.fail(ev, EventDataleakHeartbeatMismatch)
			return
		}
		c.hbLen = 0
	}
}
