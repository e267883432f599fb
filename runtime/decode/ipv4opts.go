package decode

// IPv4 option types Suricata validates (decode-ipv4.h).
const (
	optEOL    = 0x00
	optNOP    = 0x01
	optRR     = 0x07
	optQS     = 0x19
	optTS     = 0x44
	optSEC    = 0x82
	optLSRR   = 0x83
	optESEC   = 0x85
	optCIPSO  = 0x86
	optSID    = 0x88
	optSSRR   = 0x89
	optRTRALT = 0x94
)

// ipv4Options validates IPv4 options as Suricata 8's DecodeIPV4Options:
// an option whose length is below 2 or runs past the options makes the
// packet invalid (an error): Suricata then inspects it with its
// decoder-event rules only. The other findings (padding, a missing end of
// list, a duplicate or unknown option, a known option whose length or
// contents are wrong) are events on a packet that decodes; a wrong option
// is not remembered for the duplicate check.
func (p *Packet) ipv4Options(opts []byte) error {
	if len(opts)%8 != 0 {
		p.Events.Set(IPv4OptPadRequired)
	}
	var seen [256]bool
	for len(opts) > 0 {
		switch opts[0] {
		case optEOL:
			return nil
		case optNOP:
			opts = opts[1:]
			continue
		}
		if len(opts) < 2 {
			p.Events.Set(IPv4OptEOLRequired)
			return nil
		}
		typ, n := opts[0], int(opts[1])
		if n > len(opts) || n < 2 {
			return p.fail(IPv4OptInvalidLen, ErrCorrupt, "ipv4 option %#x of length %d in %d bytes", typ, n, len(opts))
		}
		var data []byte
		if len(opts) > 2 {
			data = opts[2:]
		}
		switch typ {
		case optTS, optRR, optQS, optSEC, optLSRR, optESEC, optCIPSO, optSID, optSSRR, optRTRALT:
			if seen[typ] {
				p.Events.Set(IPv4OptDuplicate)
				break
			}
			if e := optionEvent(typ, n, data); e != NumEvents {
				p.Events.Set(e)
				break
			}
			seen[typ] = true
		default:
			p.Events.Set(IPv4OptInvalid)
		}
		opts = opts[n:]
	}
	return nil
}

// optionEvent checks one option of n bytes (type and length included)
// whose bytes after the length are data; NumEvents means it is valid.
func optionEvent(typ byte, n int, data []byte) Event {
	switch typ {
	case optQS:
		return minLen(n, 8)
	case optSEC, optESEC:
		return minLen(n, 3)
	case optSID, optRTRALT:
		if n != 4 {
			return IPv4OptInvalidLen
		}
	case optRR, optLSRR, optSSRR:
		if n < 3 {
			return IPv4OptInvalidLen
		}
		if data == nil {
			return IPv4OptMalformed
		}
		if ptr := int(data[0]); ptr < 4 || ptr%4 != 0 || ptr > n+1 {
			return IPv4OptMalformed
		}
	case optTS:
		return timestampEvent(n, data)
	case optCIPSO:
		return cipsoEvent(n, data)
	}
	return NumEvents
}

func minLen(n, least int) Event {
	if n < least {
		return IPv4OptInvalidLen
	}
	return NumEvents
}

// timestampEvent checks a timestamp option (RFC 781): its pointer is
// past the flags and on a record boundary (4 bytes, or 8 with addresses).
func timestampEvent(n int, data []byte) Event {
	if n < 5 {
		return IPv4OptInvalidLen
	}
	if data == nil {
		return IPv4OptMalformed
	}
	ptr := int(data[0])
	if ptr < 5 {
		return IPv4OptMalformed
	}
	rec := 4
	if flag := data[1] & 0x0f; flag == 1 || flag == 3 {
		rec = 8
	}
	if (ptr-5)%rec != 0 || ptr > n+1 {
		return IPv4OptMalformed
	}
	return NumEvents
}

// cipsoEvent checks a CIPSO option's tags after its 4-byte domain of
// interpretation: types 1, 2, 5, 6 and 7, each at least 4 bytes, with a
// zero alignment byte except type 7.
func cipsoEvent(n int, data []byte) Event {
	if n < 10 {
		return IPv4OptInvalidLen
	}
	if data == nil {
		return IPv4OptMalformed
	}
	tags, left := data[4:], n-6
	for left > 0 {
		if left < 2 || len(tags) < 2 {
			return IPv4OptMalformed
		}
		ttype, tlen := tags[0], int(tags[1])
		if tlen > left {
			return IPv4OptMalformed
		}
		switch ttype {
		case 1, 2, 5, 6, 7:
		default:
			return IPv4OptMalformed
		}
		if tlen < 4 || len(tags) < 3 || ttype != 7 && tags[2] != 0 {
			return IPv4OptMalformed
		}
		tags, left = tags[min(tlen, len(tags)):], left-tlen
	}
	return NumEvents
}
