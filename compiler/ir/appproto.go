package ir

// AppProto is app-layer-protocol: the app-layer protocol the flow's
// detection found, read by Mode, is Proto (a name, "failed" when
// detection gave up, "unknown" while it has not finished), or with
// Negated is a known protocol other than Proto.
//
// Mode is "direction" (the packet's direction), "to_server",
// "to_client", "either" (one of the two), "final" or "original" (the
// flow's protocol; rulec never changes a flow's protocol, so both read
// the same). PDOnly marks a rule with no other test (Suricata's
// protocol-detection-only rule): it matches only on the packet on which
// detection finished for a direction.
type AppProto struct {
	Proto   string
	Mode    string
	Negated bool
	PDOnly  bool
}

// AppProtoModes are app-layer-protocol's modes.
var AppProtoModes = []string{"direction", "to_server", "to_client", "either", "final", "original"}

// AppProtoNames are the protocol names app-layer-protocol takes, as
// Suricata 8 registers them, with "failed" and "unknown".
var AppProtoNames = []string{"unknown", "failed", "http", "http1", "http2", "ftp", "ftp-data", "smtp",
	"tls", "ssh", "imap", "pop3", "jabber", "smb", "dcerpc", "irc", "dns", "doh2", "mdns", "modbus",
	"enip", "dnp3", "nfs", "ntp", "tftp", "ike", "krb5", "quic", "dhcp", "sip", "snmp", "rfb", "mqtt",
	"pgsql", "telnet", "websocket", "ldap", "template", "rdp", "bittorrent-dht"}

func (m *AppProto) Kind() string { return "app-layer-protocol" }
func (m *AppProto) Buf() Buffer  { return Buffer{Name: "flow"} }

// AppProtoEquals reports whether a rule's protocol name covers a flow's
// detected one, with Suricata's equivalences: http covers http1 and
// http2, dns and http2 cover doh2, doh2 covers dns and http, dcerpc
// covers smb. A flow's "http" is HTTP/1.
func AppProtoEquals(rule, flow string) bool {
	if flow == "http" {
		flow = "http1"
	}
	if rule == flow {
		return true
	}
	switch rule {
	case "dns":
		return flow == "doh2"
	case "http2":
		return flow == "doh2"
	case "doh2":
		return flow == "http2" || flow == "dns"
	case "http":
		return flow == "http1" || flow == "http2"
	case "dcerpc":
		return flow == "smb"
	}
	return false
}
