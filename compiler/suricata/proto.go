package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
)

// transports lists the rule protocols that name a transport.
var transports = map[string]ir.Proto{
	"ip":         {L4: "ip"},
	"pkthdr":     {L4: "ip"},
	"tcp":        {L4: "tcp"},
	"tcp-pkt":    {L4: "tcp", Mode: "pkt"},
	"tcp-stream": {L4: "tcp", Mode: "stream"},
	"udp":        {L4: "udp"},
	"icmp":       {L4: "icmp"}, // ICMPv4 and ICMPv6, as Suricata 8's DetectProtoParse
	"icmpv4":     {L4: "icmpv4"},
	"icmpv6":     {L4: "icmpv6"},
	"sctp":       {L4: "sctp"},
}

// appTransport maps each application protocol to the transport it runs
// on; "ip" means either TCP or UDP.
var appTransport = map[string]string{
	"http": "tcp", "http1": "tcp", "http2": "tcp", "tls": "tcp", "ssh": "tcp",
	"ftp": "tcp", "ftp-data": "tcp", "smtp": "tcp", "imap": "tcp", "pop3": "tcp",
	"smb": "tcp", "rdp": "tcp", "rfb": "tcp", "mqtt": "tcp", "modbus": "tcp",
	"dnp3": "tcp", "websocket": "tcp", "telnet": "tcp", "irc": "tcp", "ldap": "tcp",
	"dcerpc": "ip", "dns": "ip", "krb5": "ip", "nfs": "ip", "enip": "ip", "pgsql": "tcp",
	"dhcp": "udp", "snmp": "udp", "tftp": "udp", "ntp": "udp", "ike": "udp",
	"quic": "udp", "sip": "ip", "bittorrent-dht": "udp", "ssl": "tcp",
}

// families lists the protocols that restrict a rule to one IP version.
var families = map[string]int{"ipv4": 4, "ip4": 4, "ipv6": 6, "ip6": 6}

// ruleProto maps a rule's protocol field, case-insensitively, reporting
// false when unknown.
func ruleProto(name string) (ir.Proto, bool) {
	name = strings.ToLower(name)
	if _, ok := families[name]; ok {
		return ir.Proto{L4: "ip"}, true
	}
	if p, ok := transports[name]; ok {
		return p, true
	}
	if l4, ok := appTransport[name]; ok {
		if name == "ssl" {
			name = "tls"
		}
		return ir.Proto{L4: l4, App: name}, true
	}
	return ir.Proto{}, false
}

// l4Carries reports whether a rule on transport l4 can see app traffic.
func l4Carries(l4, app string) bool {
	want := appTransport[app]
	return l4 == "ip" || want == "ip" || want == l4
}

// sameApp reports whether two app protocol names denote one protocol
// (http covers http1 and http2).
func sameApp(a, b string) bool {
	norm := func(s string) string {
		if s == "http1" || s == "http2" {
			return "http"
		}
		return s
	}
	return norm(a) == norm(b)
}
