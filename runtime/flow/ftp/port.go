package ftp

import (
	"bytes"
	"strconv"
)

// The dynamic port parsers follow Suricata's (rust/src/ftp/mod.rs): 0
// when the line does not parse.

// portFromPORT reads "PORT h1,h2,h3,h4,p1,p2".
func portFromPORT(b []byte) uint16 {
	b, ok := bytes.CutPrefix(b, []byte("PORT"))
	if !ok {
		return 0
	}
	b = trimSpaceLeft(b)
	if b, ok = digits(b); !ok {
		return 0
	}
	b = trimSpaceLeft(b)
	for range 3 {
		if b, ok = bytes.CutPrefix(b, []byte(",")); !ok {
			return 0
		}
		if b, ok = digits(b); !ok {
			return 0
		}
	}
	if b, ok = bytes.CutPrefix(b, []byte(",")); !ok {
		return 0
	}
	return portPair(b, false)
}

// portFromPASV reads a 227 reply: "227 ... (h1,h2,h3,h4,p1,p2)".
func portFromPASV(b []byte) uint16 {
	b, ok := bytes.CutPrefix(b, []byte("227"))
	if !ok {
		return 0
	}
	i := bytes.IndexByte(b, '(')
	if i < 0 {
		return 0
	}
	b = b[i+1:]
	for range 4 {
		if b, ok = digits(b); !ok {
			return 0
		}
		if b, ok = bytes.CutPrefix(b, []byte(",")); !ok {
			return 0
		}
	}
	return portPair(b, true)
}

// portPair reads "p1,p2" (each at most 255; spaced: blanks allowed
// around each) as p1*256+p2, followed by ")" when spaced (the PASV form).
func portPair(b []byte, spaced bool) uint16 {
	num := func(b []byte) (uint16, []byte, bool) {
		if spaced {
			b = trimSpaceLeft(b)
		}
		n := digitRun(b)
		v, err := strconv.ParseUint(string(b[:n]), 10, 16)
		if n == 0 || err != nil || v > 255 {
			return 0, nil, false
		}
		b = b[n:]
		if spaced {
			b = trimSpaceLeft(b)
		}
		return uint16(v), b, true
	}
	p1, b, ok := num(b)
	if !ok {
		return 0
	}
	if b, ok = bytes.CutPrefix(b, []byte(",")); !ok {
		return 0
	}
	p2, b, ok := num(b)
	if !ok || spaced && !bytes.HasPrefix(b, []byte(")")) {
		return 0
	}
	return p1*256 + p2
}

// portFromEPRT reads "EPRT |af|addr|port|".
func portFromEPRT(b []byte) uint16 {
	b, ok := bytes.CutPrefix(b, []byte("EPRT"))
	if !ok {
		return 0
	}
	for range 3 {
		i := bytes.IndexByte(b, '|')
		if i < 0 {
			return 0
		}
		b = b[i+1:]
	}
	return portField(b, "|")
}

// portFromEPSV reads a 229 reply: "229 ... (|||port|)".
func portFromEPSV(b []byte) uint16 {
	b, ok := bytes.CutPrefix(b, []byte("229"))
	if !ok {
		return 0
	}
	i := bytes.Index(b, []byte("|||"))
	if i < 0 {
		return 0
	}
	return portField(b[i+3:], "|)")
}

// portField reads a blank-padded decimal port followed by end.
func portField(b []byte, end string) uint16 {
	b = trimSpaceLeft(b)
	n := digitRun(b)
	v, err := strconv.ParseUint(string(b[:n]), 10, 16)
	if n == 0 || err != nil || !bytes.HasPrefix(trimSpaceLeft(b[n:]), []byte(end)) {
		return 0
	}
	return uint16(v)
}

// digits skips a non-empty run of decimal digits.
func digits(b []byte) ([]byte, bool) {
	n := digitRun(b)
	return b[n:], n > 0
}

func digitRun(b []byte) int {
	n := 0
	for n < len(b) && '0' <= b[n] && b[n] <= '9' {
		n++
	}
	return n
}

// trimSpaceLeft drops the blanks nom's multispace0 takes: space, tab,
// CR, LF.
func trimSpaceLeft(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}
