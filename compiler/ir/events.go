package ir

// Event layers: where an engine event is raised.
const (
	EventDecoder  = "decoder"   // the packet decoder and defragmentation, on the packet
	EventStream   = "stream"    // the TCP stream engine
	EventAppLayer = "app-layer" // an app-layer parser, on the transaction
)

// Event matches an engine event by Suricata's name ("ipv6.frag_overlap",
// "http.request_field_too_long"): decode-event, stream-event and
// app-layer-event.
type Event struct {
	Layer string
	Name  string
}

func (m *Event) Kind() string { return m.Layer + "-event" }
func (m *Event) Buf() Buffer  { return Buffer{Name: m.Layer + ".events"} }

// RaisedEvents are the events rulec's engines raise, by layer, with
// Suricata's names: the shared ids of the decoder (runtime/decode), the
// stream engine and the parsers (runtime/flow/...), which the runtime
// checks its own lists against. A rule on any other event could never
// match; the compiler reports it unsupported.
var RaisedEvents = map[string][]string{
	EventDecoder: {
		"vlan.too_many_layers",
		"ipv4.pkt_too_small", "ipv4.hlen_too_small", "ipv4.iplen_smaller_than_hlen", "ipv4.trunc_pkt", "ipv4.wrong_ip_version",
		"ipv4.opt_invalid", "ipv4.opt_invalid_len", "ipv4.opt_malformed", "ipv4.opt_pad_required", "ipv4.opt_eol_required",
		"ipv4.opt_duplicate", "ipv4.opt_unknown", "ipv4.icmpv6",
		"ipv6.pkt_too_small", "ipv6.trunc_pkt", "ipv6.trunc_exthdr", "ipv6.wrong_ip_version",
		"ipv6.exthdr_dupl_fh", "ipv6.exthdr_useless_fh", "ipv6.exthdr_dupl_rh", "ipv6.exthdr_dupl_hh", "ipv6.exthdr_dupl_dh",
		"ipv6.exthdr_dupl_ah", "ipv6.frag_invalid_length", "ipv6.data_after_none_header",
		"ipv6.hopopts_unknown_opt", "ipv6.hopopts_only_padding", "ipv6.dstopts_unknown_opt", "ipv6.dstopts_only_padding",
		"ipv6.exthdr_invalid_optlen", "ipv6.zero_len_padn", "ipv6.rh_type_0", "ipv6.fh_non_zero_reserved_field",
		"ipv6.exthdr_ah_res_not_null", "ipv6.icmpv4",
		"tcp.pkt_too_small", "tcp.hlen_too_small", "tcp.invalid_optlen", "udp.pkt_too_small", "udp.hlen_invalid", "udp.hlen_too_small", "udp.len_invalid",
		"gre.pkt_too_small",
		"ppp.vju_pkt_too_small", "ppp.ip4_pkt_too_small", "ppp.ip6_pkt_too_small", "ppp.wrong_type", "ppp.unsup_proto",
		"pppoe.pkt_too_small",
		"icmpv4.pkt_too_small", "icmpv6.pkt_too_small", "esp.pkt_too_small", "sctp.pkt_too_small",
		"ipv4.frag_pkt_too_large", "ipv4.frag_overlap", "ipv4.frag_ignored",
		"ipv6.frag_pkt_too_large", "ipv6.frag_overlap", "ipv6.frag_ignored",
	},
	EventStream: {
		"pkt_broken_ack", "rst_but_no_session", "fin_but_no_session", "rst_invalid_ack", "rst_with_data", "suspected_rst_inject",
		"3whs_syn_flood",
	},
	EventAppLayer: {
		"http.request_field_too_long", "http.response_field_too_long",
		"http.request_too_many_headers", "http.response_too_many_headers",
		"http.duplicate_content_length_field_in_request", "http.duplicate_content_length_field_in_response",
		"http.request_auth_unrecognized", "http.request_chunk_extension", "http.response_chunk_extension",
		"http.request_body_unexpected", "http.too_many_encoding_layers", "http.double_encoded_uri", "http.failed_protocol_change",
		// SMTP; unable_to_match_reply_with_request, max_reply_line_len_exceeded
		// and mime_parse_failed are never raised, as by Suricata 8, and
		// max_command_line_len_exceeded (a parameter past 65,535 bytes) cannot
		// be past the 4,096-byte line limit
		"smtp.invalid_reply", "smtp.unable_to_match_reply_with_request", "smtp.max_command_line_len_exceeded",
		"smtp.max_reply_line_len_exceeded", "smtp.invalid_pipelined_sequence", "smtp.bdat_chunk_len_exceeded",
		"smtp.no_server_welcome_message", "smtp.tls_rejected", "smtp.data_command_rejected",
		"smtp.mime_parse_failed", "smtp.mime_invalid_base64", "smtp.mime_invalid_qp", "smtp.mime_long_line",
		"smtp.mime_long_enc_line", "smtp.mime_long_header_name", "smtp.mime_long_header_value",
		"smtp.mime_long_boundary", "smtp.mime_long_filename", "smtp.duplicate_fields", "smtp.unparsable_content",
		"smtp.truncated_line",
		"ftp.request_command_too_long", "ftp.response_command_too_long", "ftp.too_many_transactions",
		"ftp.file_before_port", "ftp.file_without_name",
		"pop3.too_many_transactions", "pop3.request_too_long", "pop3.incorrect_argument_count",
		"pop3.unknown_command", "pop3.response_too_long",
		"http2.invalid_frame_data", "http2.invalid_header", "http2.invalid_frame_length", "http2.long_frame_data",
		"http2.stream_id_reuse", "http2.too_many_streams", "http2.authority_host_mismatch", "http2.userinfo_in_uri",
		"http2.reassembly_limit_reached", "http2.dns_request_too_long", "http2.dns_response_too_long",
		"http2.data_stream_zero", "http2.too_many_frames", "http2.invalid_http1_settings",
		// DNS; malformed_data and not_a_request, which Suricata puts on the
		// flow's previous transaction, are not raised
		"dns.invalid_additionals", "dns.invalid_authorities", "dns.not_a_response", "dns.z_flag_set",
		"dns.invalid_opcode", "dns.name_too_long", "dns.infinite_loop", "dns.too_many_labels",
		// TLS; heartbeat_message, invalid_tls_header and
		// certificate_invalid_subject, _issuer and _validity are never
		// raised, as by Suricata 8, nor too_many_records_in_packet (a
		// parser loop guard)
		"tls.invalid_sslv2_header", "tls.invalid_tls_header", "tls.invalid_record_version",
		"tls.invalid_record_type", "tls.invalid_record_length", "tls.invalid_handshake_message",
		"tls.heartbeat_message", "tls.invalid_heartbeat_message", "tls.too_many_records_in_packet", "tls.overflow_heartbeat_message",
		"tls.dataleak_heartbeat_mismatch", "tls.handshake_invalid_length", "tls.multiple_sni_extensions",
		"tls.invalid_sni_type", "tls.invalid_sni_length", "tls.invalid_alert_message",
		"tls.invalid_certificate", "tls.certificate_invalid_length", "tls.certificate_invalid_version",
		"tls.certificate_invalid_serial", "tls.certificate_invalid_algorithmidentifier",
		"tls.certificate_invalid_x509name", "tls.certificate_invalid_date",
		"tls.certificate_invalid_extensions", "tls.certificate_invalid_der",
		"tls.certificate_invalid_subject", "tls.certificate_invalid_issuer",
		"tls.certificate_invalid_validity", "tls.error_message_encountered", "tls.invalid_ssl_record",
		// on the packet, while detecting the flow's protocol
		"applayer_mismatch_protocol_both_directions", "applayer_no_tls_after_starttls", "applayer_unexpected_protocol",
	},
}
