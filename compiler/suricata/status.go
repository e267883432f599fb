package suricata

import (
	"slices"
	"strings"
)

// KeywordStatus says where a Suricata keyword runs in rulec, or why it
// does not.
type KeywordStatus struct {
	Name   string
	Status string // "kernel", "userspace", "meta" or "unsupported"
	Note   string
}

// kernelKeywords are the keywords the kernel classifier evaluates on one
// packet (lower decides per rule: contents only on non-stream payloads).
var kernelKeywords = []string{"content", "nocase", "depth", "offset", "startswith", "endswith", "dsize", "flags",
	"ttl", "itype", "icode", "fast_pattern", "prefilter"}

var metaKeywords = []string{"msg", "sid", "rev", "gid", "classtype", "priority", "metadata", "reference", "target", "noalert"}

// unparsed are app-layer protocols rulec does not parse, by keyword
// prefix.
var unparsed = map[string]string{
	"ftp": "FTP", "dcerpc": "DCERPC", "dce_": "DCERPC", "smb": "SMB", "krb5": "Kerberos", "nfs": "NFS",
	"sip": "SIP", "snmp": "SNMP", "quic": "QUIC", "mqtt": "MQTT", "modbus": "Modbus", "dnp3": "DNP3",
	"enip": "ENIP", "cip": "CIP", "rfb": "RFB", "ike": "IKE", "ldap": "LDAP", "pgsql": "PostgreSQL",
	"websocket": "WebSocket", "bittorrent": "BitTorrent DHT", "dhcp": "DHCP", "tftp": "TFTP", "mdns": "mDNS",
	"http2": "HTTP/2", "email": "the MIME body of SMTP", "file": "files (no file extraction)",
	"filename": "files (no file extraction)", "filemagic": "files (no file extraction)",
	"filemd5": "files (no file extraction)", "filesha": "files (no file extraction)",
	"filesize": "files (no file extraction)", "filestore": "files (no file extraction)",
	"fileext": "files (no file extraction)",
}

// notDone says why other unregistered keywords are unsupported.
var notDone = map[string]string{
	"lua": "Lua scripts are not run", "luajit": "Lua scripts are not run", "luaxform": "Lua scripts are not run",
	"geoip": "no GeoIP database", "iprep": "no IP reputation lists", "replace": "IPS payload rewriting is not done",
	"tls.store": "certificates are not stored", "filestore": "files are not stored",
	"bypass": "flows are not bypassed", "requires": "rule requirements are not checked",
}

// KeywordTable lists every Suricata 8 keyword and every keyword rulec
// registers, with its status, sorted by name.
func KeywordTable() []KeywordStatus {
	names := slices.Clone(suricata8Keywords)
	names = append(names, Keywords()...)
	slices.Sort(names)
	names = slices.Compact(names)
	var out []KeywordStatus
	for _, n := range names {
		out = append(out, keywordStatus(n))
	}
	return out
}

func keywordStatus(name string) KeywordStatus {
	_, registered := keywords.Lookup(name)
	switch {
	case registered && slices.Contains(metaKeywords, name):
		return KeywordStatus{name, "meta", "rule metadata"}
	case registered && slices.Contains(kernelKeywords, name):
		return KeywordStatus{name, "kernel", "in the kernel on single packets; userspace on streams and app-layer buffers"}
	case registered && (name == "decode-event" || name == "stream-event" || name == "app-layer-event"):
		return KeywordStatus{name, "userspace", "events rulec raises only (see rulec check); others are unsupported"}
	case registered:
		return KeywordStatus{name, "userspace", ""}
	}
	if why, ok := notDone[name]; ok {
		return KeywordStatus{name, "unsupported", why}
	}
	for prefix, proto := range unparsed {
		if strings.HasPrefix(name, prefix) {
			return KeywordStatus{name, "unsupported", "rulec does not parse " + proto}
		}
	}
	return KeywordStatus{name, "unsupported", "not implemented"}
}
