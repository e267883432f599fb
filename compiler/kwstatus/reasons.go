package kwstatus

// unparsed are app-layer protocols rulec does not parse, by keyword
// prefix.
var unparsed = map[string]string{
	"smb": "SMB", "krb5": "Kerberos", "nfs": "NFS",
	"sip": "SIP", "snmp": "SNMP", "quic": "QUIC", "mqtt": "MQTT", "modbus": "Modbus", "dnp3": "DNP3",
	"enip": "ENIP", "cip": "CIP", "rfb": "RFB", "ike": "IKE", "ldap": "LDAP", "pgsql": "PostgreSQL",
	"websocket": "WebSocket", "bittorrent": "BitTorrent DHT", "dhcp": "DHCP", "tftp": "TFTP", "mdns": "mDNS",
	"file": fileFacts,
}

// fileFacts is what rulec does not work out about a file: files are
// inspected by their bytes, names, magic and sizes.
const fileFacts = "file storage (files have file.data, file.name, file.magic, filesize and digests)"

// notDone says why other unregistered keywords are unsupported.
var notDone = map[string]string{
	"lua": "Lua scripts are not run", "luajit": "Lua scripts are not run", "luaxform": "Lua scripts are not run",
	"geoip": "no GeoIP database", "iprep": "no IP reputation lists", "replace": "IPS payload rewriting is not done",
	"tls.store": "certificates are not stored",
	"bypass":    "flows are not bypassed",
}

// samples are minimal options for registered keywords the generic
// values do not fit.
var samples = map[string]string{
	"entropy": "value > 1", "flowvar": `a,"b"`, "pktvar": `a,"b"`, "http2.settings": "SETTINGS_ENABLE_PUSH",
	"dcerpc.iface": "afa8bd80-7d8a-11c9-bef4-08002b102989", "dce_iface": "afa8bd80-7d8a-11c9-bef4-08002b102989",
	"app-layer-event": "http.request_field_too_long", "app-layer-protocol": "http", "config": "logging disable, type tx, scope tx", "app-layer-state": "client_hello_done", "decode-event": "ipv4.trunc_pkt",
	"stream-event": "suspected_rst_inject", "byte_test": "1,=,1,0", "byte_jump": "1,0",
	"byte_extract": "1,0,x", "classtype": "misc-activity", "dataset": "set,a,type string",
	"datarep": "a,>,1,type string", "detection_filter": "track by_src, count 1, seconds 1",
	"flow": "established", "flow.bytes": "toserver,>1", "flow.pkts": "toserver,>1",
	"absent": "or_else", "flowbits": "set,a", "flowint": "cnt,+,1", "pcre": `"/a/"`, "reference": "url,a", "stream_size": "client,>,1",
	"tag": "session", "target": "src_ip", "threshold": "type limit, track by_src, count 1, seconds 1",
	"xbits": "set,a,track ip_src", "xor": `"01"`, "requires": "version >= 8",
	"ipv4-csum": "valid", "tcpv4-csum": "valid", "tcpv6-csum": "valid", "udpv4-csum": "valid",
	"udpv6-csum": "valid", "icmpv4-csum": "valid", "icmpv6-csum": "valid", "ipopts": "rr", "fragbits": "M", "l3_proto": "ipv4",
	"frame": "tls.stream", "ftp.mode": "active", "ftpdata_command": "retr", "ssl_version": "tls1.2", "tls.version": "1.2", "tls_cert_notbefore": "<2020", "tls_cert_notafter": ">2020",
}
