package suricata

func init() {
	registerBuffers("tls", []bufferDef{
		{name: "tls.sni", aliases: []string{"tls_sni"}},
		{name: "tls.cert_subject", aliases: []string{"tls_cert_subject"}},
		{name: "tls.cert_issuer", aliases: []string{"tls_cert_issuer"}},
		{name: "tls.cert_serial", aliases: []string{"tls_cert_serial"}},
		{name: "tls.cert_fingerprint", aliases: []string{"tls_cert_fingerprint"}},
		{name: "tls.certs"},
		{name: "tls.subjectaltname"},
		{name: "ja3.hash", aliases: []string{"ja3_hash"}},
		{name: "ja3.string", aliases: []string{"ja3_string"}},
		{name: "ja3s.hash", aliases: []string{"ja3s_hash"}},
		{name: "ja3s.string", aliases: []string{"ja3s_string"}},
		{name: "ja4.hash", aliases: []string{"ja4_hash"}},
		{name: "tls.alpn"},
		{name: "tls.random"},
		{name: "tls.random_time"},
		{name: "tls.random_bytes"},
	})
}
