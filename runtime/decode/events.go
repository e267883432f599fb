package decode

import "math/bits"

// Event is one of Suricata's decoder events.
type Event uint8

// Decoder events; the names are Suricata's (decode-event keyword).
const (
	VLANTooManyLayers Event = iota
	IPv4PktTooSmall
	IPv4HlenTooSmall
	IPv4IPLenSmallerThanHlen
	IPv4TruncPkt
	IPv4WrongIPVersion
	IPv4OptInvalid
	IPv4OptInvalidLen
	IPv4OptMalformed
	IPv4OptPadRequired
	IPv4OptEOLRequired
	IPv4OptDuplicate
	IPv4OptUnknown
	IPv4WithICMPv6
	IPv6PktTooSmall
	IPv6TruncPkt
	IPv6TruncExthdr
	IPv6WrongIPVersion
	IPv6ExthdrDuplFH
	IPv6ExthdrUselessFH
	IPv6ExthdrDuplRH
	IPv6ExthdrDuplHH
	IPv6ExthdrDuplDH
	IPv6ExthdrDuplAH
	IPv6FragInvalidLength
	IPv6DataAfterNoneHeader
	IPv6HopOptsUnknownOpt
	IPv6HopOptsOnlyPadding
	IPv6DstOptsUnknownOpt
	IPv6DstOptsOnlyPadding
	IPv6ExthdrInvalidOptlen
	IPv6ZeroLenPadN
	IPv6RHType0
	IPv6FHNonZeroReservedField
	IPv6ExthdrAHResNotNull
	IPv6WithICMPv4
	TCPPktTooSmall
	TCPHlenTooSmall
	TCPInvalidOptlen
	UDPPktTooSmall
	UDPHlenInvalid
	UDPHlenTooSmall
	UDPLenInvalid
	GREPktTooSmall
	PPPVJUPktTooSmall
	PPPIPv4PktTooSmall
	PPPIPv6PktTooSmall
	PPPWrongType
	PPPUnsupProto
	PPPoEPktTooSmall
	ICMPv4PktTooSmall
	ICMPv6PktTooSmall
	ESPPktTooSmall
	SCTPPktTooSmall
	// Raised by defragmentation (runtime/defrag) on the fragment that
	// caused them.
	IPv4FragPktTooLarge
	IPv4FragOverlap
	IPv4FragIgnored
	IPv6FragPktTooLarge
	IPv6FragOverlap
	IPv6FragIgnored
	NumEvents
)

var names = [NumEvents]string{
	VLANTooManyLayers:          "vlan.too_many_layers",
	IPv4PktTooSmall:            "ipv4.pkt_too_small",
	IPv4HlenTooSmall:           "ipv4.hlen_too_small",
	IPv4IPLenSmallerThanHlen:   "ipv4.iplen_smaller_than_hlen",
	IPv4TruncPkt:               "ipv4.trunc_pkt",
	IPv4WrongIPVersion:         "ipv4.wrong_ip_version",
	IPv4OptInvalid:             "ipv4.opt_invalid",
	IPv4OptInvalidLen:          "ipv4.opt_invalid_len",
	IPv4OptMalformed:           "ipv4.opt_malformed",
	IPv4OptPadRequired:         "ipv4.opt_pad_required",
	IPv4OptEOLRequired:         "ipv4.opt_eol_required",
	IPv4OptDuplicate:           "ipv4.opt_duplicate",
	IPv4OptUnknown:             "ipv4.opt_unknown",
	IPv4WithICMPv6:             "ipv4.icmpv6",
	IPv6PktTooSmall:            "ipv6.pkt_too_small",
	IPv6TruncPkt:               "ipv6.trunc_pkt",
	IPv6TruncExthdr:            "ipv6.trunc_exthdr",
	IPv6WrongIPVersion:         "ipv6.wrong_ip_version",
	IPv6ExthdrDuplFH:           "ipv6.exthdr_dupl_fh",
	IPv6ExthdrUselessFH:        "ipv6.exthdr_useless_fh",
	IPv6ExthdrDuplRH:           "ipv6.exthdr_dupl_rh",
	IPv6ExthdrDuplHH:           "ipv6.exthdr_dupl_hh",
	IPv6ExthdrDuplDH:           "ipv6.exthdr_dupl_dh",
	IPv6ExthdrDuplAH:           "ipv6.exthdr_dupl_ah",
	IPv6FragInvalidLength:      "ipv6.frag_invalid_length",
	IPv6DataAfterNoneHeader:    "ipv6.data_after_none_header",
	IPv6HopOptsUnknownOpt:      "ipv6.hopopts_unknown_opt",
	IPv6HopOptsOnlyPadding:     "ipv6.hopopts_only_padding",
	IPv6DstOptsUnknownOpt:      "ipv6.dstopts_unknown_opt",
	IPv6DstOptsOnlyPadding:     "ipv6.dstopts_only_padding",
	IPv6ExthdrInvalidOptlen:    "ipv6.exthdr_invalid_optlen",
	IPv6ZeroLenPadN:            "ipv6.zero_len_padn",
	IPv6RHType0:                "ipv6.rh_type_0",
	IPv6FHNonZeroReservedField: "ipv6.fh_non_zero_reserved_field",
	IPv6ExthdrAHResNotNull:     "ipv6.exthdr_ah_res_not_null",
	IPv6WithICMPv4:             "ipv6.icmpv4",
	TCPPktTooSmall:             "tcp.pkt_too_small",
	TCPHlenTooSmall:            "tcp.hlen_too_small",
	TCPInvalidOptlen:           "tcp.invalid_optlen",
	UDPPktTooSmall:             "udp.pkt_too_small",
	UDPHlenInvalid:             "udp.hlen_invalid",
	UDPHlenTooSmall:            "udp.hlen_too_small",
	UDPLenInvalid:              "udp.len_invalid",
	GREPktTooSmall:             "gre.pkt_too_small",
	PPPVJUPktTooSmall:          "ppp.vju_pkt_too_small",
	PPPIPv4PktTooSmall:         "ppp.ip4_pkt_too_small",
	PPPIPv6PktTooSmall:         "ppp.ip6_pkt_too_small",
	PPPWrongType:               "ppp.wrong_type",
	PPPUnsupProto:              "ppp.unsup_proto",
	PPPoEPktTooSmall:           "pppoe.pkt_too_small",
	ICMPv4PktTooSmall:          "icmpv4.pkt_too_small",
	ICMPv6PktTooSmall:          "icmpv6.pkt_too_small",
	ESPPktTooSmall:             "esp.pkt_too_small",
	SCTPPktTooSmall:            "sctp.pkt_too_small",
	IPv4FragPktTooLarge:        "ipv4.frag_pkt_too_large",
	IPv4FragOverlap:            "ipv4.frag_overlap",
	IPv4FragIgnored:            "ipv4.frag_ignored",
	IPv6FragPktTooLarge:        "ipv6.frag_pkt_too_large",
	IPv6FragOverlap:            "ipv6.frag_overlap",
	IPv6FragIgnored:            "ipv6.frag_ignored",
}

// String returns the event's Suricata name.
func (e Event) String() string {
	if e < NumEvents {
		return names[e]
	}
	return "unknown"
}

// EventByName finds an event by its Suricata name, with or without the
// "decoder." prefix.
func EventByName(name string) (Event, bool) {
	for i, n := range names {
		if n == name || "decoder."+n == name {
			return Event(i), true
		}
	}
	return 0, false
}

// Events is a set of decoder events.
type Events uint64

// Set adds e.
func (s *Events) Set(e Event) { *s |= 1 << e }

// Has reports whether e is in the set.
func (s Events) Has(e Event) bool { return s&(1<<e) != 0 }

// List returns the events in the set, in Event order.
func (s Events) List() []Event {
	var out []Event
	for s != 0 {
		e := Event(bits.TrailingZeros64(uint64(s)))
		out = append(out, e)
		s &^= 1 << e
	}
	return out
}
