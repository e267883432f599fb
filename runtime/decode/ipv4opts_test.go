package decode

import (
	"encoding/binary"
	"errors"
	"testing"
)

// withIPv4Options is an Ethernet frame of an IPv4 UDP packet whose header
// carries opts (padded by the caller to a multiple of 4 bytes).
func withIPv4Options(opts []byte) []byte {
	hlen := 20 + len(opts)
	f := make([]byte, 12, 64)
	f = append(f, 0x08, 0x00, byte(0x40|hlen/4), 0, 0, 0, 0, 1, 0, 0, 64, 17, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2)
	f = append(f, opts...)
	f = append(f, 0x13, 0xc4, 0x13, 0xc4, 0, 12, 0, 0, 'a', 'b', 'c', 'd')
	binary.BigEndian.PutUint16(f[16:], uint16(hlen+12))
	return f
}

// TestIPv4Options: Suricata 8's option checks; an option whose length is
// below 2 or past the options makes the packet invalid (an error, no IP
// layer), the others (a known option's wrong length or contents
// included) are events on a packet that decodes.
func TestIPv4Options(t *testing.T) {
	for _, c := range []struct {
		name    string
		opts    []byte
		event   Event
		invalid bool
	}{
		{"router alert", []byte{0x94, 4, 0, 0, 1, 0, 0, 0}, NumEvents, false},
		{"security length past the options", []byte{0x82, 0x0b, 0xf1, 0x35, 0, 0, 0, 0}, IPv4OptInvalidLen, true},
		{"option length 1", []byte{0x07, 1, 0, 0}, IPv4OptInvalidLen, true},
		{"router alert of 3 bytes", []byte{0x94, 3, 0, 0}, IPv4OptInvalidLen, false},
		{"record route pointer 5", []byte{0x07, 7, 5, 0, 0, 0, 0, 0}, IPv4OptMalformed, false},
		{"record route", []byte{0x07, 7, 4, 0, 0, 0, 0, 0}, NumEvents, false},
		{"timestamp pointer 6", []byte{0x44, 8, 6, 0, 0, 0, 0, 0}, IPv4OptMalformed, false},
		{"timestamp with addresses", []byte{0x44, 12, 13, 1, 0, 0, 0, 0, 0, 0, 0, 0}, NumEvents, false},
		{"cipso reserved tag", []byte{0x86, 10, 0, 0, 0, 1, 0, 4, 0, 0, 0, 0}, IPv4OptMalformed, false},
		{"cipso", []byte{0x86, 10, 0, 0, 0, 1, 1, 4, 0, 0, 0, 0}, NumEvents, false},
		{"two router alerts", []byte{0x94, 4, 0, 0, 0x94, 4, 0, 0}, IPv4OptDuplicate, false},
		// a wrong first option is not remembered: the second is no duplicate
		{"wrong router alert, then a right one", []byte{0x94, 3, 0, 0x94, 4, 0, 0, 0}, IPv4OptInvalidLen, false},
		{"unknown option", []byte{0xf1, 4, 0, 0, 0, 0, 0, 0}, IPv4OptInvalid, false},
		{"not padded to 8", []byte{0x94, 4, 0, 0}, IPv4OptPadRequired, false},
		{"no end of list", []byte{1, 1, 1, 1, 1, 1, 1, 0x07}, IPv4OptEOLRequired, false},
	} {
		var p Packet
		err := Decode(withIPv4Options(c.opts), &p)
		if c.invalid != (err != nil) || c.invalid && (!errors.Is(err, ErrCorrupt) || p.Family != 0) {
			t.Errorf("%s: error %v family %d, want invalid %v", c.name, err, p.Family, c.invalid)
		}
		var want Events
		if c.event != NumEvents {
			want.Set(c.event)
		}
		if len(c.opts)%8 != 0 {
			want.Set(IPv4OptPadRequired)
		}
		if p.Events != want {
			t.Errorf("%s: events %v, want %v", c.name, p.Events.List(), want.List())
		}
		if !c.invalid && (p.L4 != L4UDP || string(p.Payload) != "abcd") {
			t.Errorf("%s: l4 %d payload %q", c.name, p.L4, p.Payload)
		}
	}
}
