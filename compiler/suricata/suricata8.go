package suricata

// suricata8Keywords are the rule keywords of Suricata 8.0 (suricata
// --list-keywords), without the legacy aliases rulec registers next to
// their sticky buffers.
var suricata8Keywords = []string{
	// meta
	"msg", "sid", "rev", "gid", "classtype", "priority", "metadata", "reference", "target", "requires", "config",
	"noalert", "alert", "tag", "threshold", "detection_filter", "rate_filter",
	// payload
	"content", "nocase", "depth", "offset", "distance", "within", "startswith", "endswith", "rawbytes",
	"fast_pattern", "prefilter", "isdataat", "absent", "bsize", "dsize", "byte_test", "byte_jump", "byte_extract",
	"byte_math", "pcre", "pkt_data", "base64_decode", "base64_data", "entropy", "xor", "lua", "luajit", "replace",
	"dataset", "datarep", "uricontent", "urilen",
	// transforms
	"compress_whitespace", "strip_whitespace", "to_lowercase", "to_uppercase", "to_md5", "to_sha1", "to_sha256",
	"dotprefix", "url_decode", "header_lowercase", "pcrexform", "from_base64", "xor", "strip_pseudo_headers",
	"gunzip", "zlib_deflate", "subslice", "domain", "tld", "luaxform",
	// header and packet
	"ttl", "tos", "id", "ip_proto", "ipopts", "fragbits", "fragoffset", "sameip", "flags", "tcp.flags", "seq",
	"ack", "window", "tcp.mss", "tcp.wscale", "itype", "icode", "icmp_id", "icmp_seq", "icmpv4.hdr",
	"icmpv6.hdr", "icmpv6.mtu", "ipv4.hdr", "ipv6.hdr", "tcp.hdr", "udp.hdr", "ip.src", "ip.dst",
	"ipv4-csum", "tcpv4-csum", "tcpv6-csum", "udpv4-csum", "udpv6-csum", "icmpv4-csum", "icmpv6-csum",
	"vlan.id", "vlan.layers", "geoip", "iprep", "decode-event", "stream-event", "app-layer-event",
	"engine-event", "stream_size", "pkt_data", "stream.size",
	// flow
	"flow", "flowbits", "flowint", "xbits", "flow.age", "flow.pkts", "flow.pkts_toserver", "flow.pkts_toclient",
	"flow.bytes", "flow.bytes_toserver", "flow.bytes_toclient", "app-layer-protocol", "app-layer-state",
	"bypass", "frame",
	// files
	"file.data", "file_data", "filename", "file.name", "fileext", "filemagic", "file.magic", "filemd5",
	"filesha1", "filesha256", "filesize", "filestore",
	// http
	"http.uri", "http.uri.raw", "http.method", "http.request_line", "http.request_body", "http.header",
	"http.header.raw", "http.header_names", "http.cookie", "http.user_agent", "http.host", "http.host.raw",
	"http.accept", "http.accept_enc", "http.accept_lang", "http.connection", "http.content_len",
	"http.content_type", "http.location", "http.protocol", "http.referer", "http.request_header",
	"http.response_header", "http.response_line", "http.response_body", "http.server", "http.start",
	"http.stat_code", "http.stat_msg",
	"http2.frametype", "http2.errorcode", "http2.priority", "http2.window", "http2.size_update",
	"http2.settings", "http2.header_name",
	// dns
	"dns.query", "dns.queries.rrname", "dns.answers.rrname", "dns.response.rrname", "dns.opcode", "dns.rcode",
	"dns.rrtype", "dns.answer.name", "dns.query.name", "dns.additionals.rrname", "dns.authorities.rrname",
	// tls and ssl
	"tls.sni", "tls.cert_subject", "tls.cert_issuer", "tls.cert_serial", "tls.cert_fingerprint", "tls.certs",
	"tls.subjectaltname", "tls.version", "tls.subject", "tls.issuerdn", "tls.fingerprint", "tls.store",
	"tls.cert_notbefore", "tls.cert_notafter", "tls.cert_expired", "tls.cert_valid", "tls.cert_chain_len",
	"tls.random", "tls.random_time", "tls.random_bytes", "tls.alpn", "ssl_version", "ssl_state",
	"ja3.hash", "ja3.string", "ja3s.hash", "ja3s.string", "ja4.hash",
	// ssh
	"ssh.proto", "ssh.software", "ssh.protoversion", "ssh.softwareversion", "ssh.hassh", "ssh.hassh.string",
	"ssh.hassh.server", "ssh.hassh.server.string",
	// smtp and email
	"smtp.helo", "smtp.mail_from", "smtp.rcpt_to", "email.from", "email.subject", "email.to", "email.cc",
	"email.date", "email.message_id", "email.x_mailer", "email.url", "email.received",
	// protocols rulec does not parse
	"ftpbounce", "ftpdata_command", "ftp.command", "ftp.command_data", "ftp.reply", "ftp.mode",
	"dcerpc.iface", "dcerpc.opnum", "dcerpc.stub_data", "dce_iface", "dce_opnum", "dce_stub_data",
	"smb.named_pipe", "smb.share", "smb.ntlmssp_user", "smb.ntlmssp_domain", "smb.version",
	"krb5_msg_type", "krb5_cname", "krb5_sname", "krb5_err_code", "krb5.weak_encryption", "krb5.ticket_encryption",
	"nfs_procedure", "nfs.version", "sip.method", "sip.uri", "sip.protocol", "sip.stat_code", "sip.stat_msg",
	"sip.request_line", "sip.response_line", "snmp.version", "snmp.community", "snmp.pdu_type", "snmp.usm",
	"quic.version", "quic.sni", "quic.ua", "quic.cyu.hash", "quic.cyu.string", "mqtt.type", "mqtt.flags",
	"mqtt.qos", "mqtt.protocol_version", "mqtt.connect.clientid", "mqtt.publish.topic", "mqtt.publish.message",
	"modbus", "dnp3_func", "dnp3_ind", "dnp3_obj", "dnp3_data", "enip_command", "cip_service",
	"rfb.name", "rfb.sectype", "rfb.secresult", "ike.exchtype", "ike.spi.initiator", "ike.spi.responder",
	"ike.chosen_sa_attribute", "ike.vendor", "ike.key_exchange_payload", "ike.nonce_payload",
	"ldap.request.operation", "ldap.responses.operation", "ldap.responses.count", "ldap.request.dn",
	"ldap.responses.dn", "ldap.responses.result_code", "ldap.responses.message", "ldap.request.attribute_type",
	"ldap.responses.attribute_type", "pgsql.query", "websocket.payload", "websocket.opcode", "websocket.mask",
	"websocket.flags", "bittorrent-dht.query.type", "dhcp.leasetime", "dhcp.rebinding_time", "dhcp.renewal_time",
	"tftp.file", "mdns.query", "transform",
}
