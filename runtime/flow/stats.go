package flow

import (
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/flow/http"
)

// Stats counts what the tracker saw and did.
type Stats struct {
	Frames       uint64 // frames given to Frame
	Packets      uint64 // IP packets decoded
	DecodeErrors uint64 // truncated or corrupt frames
	NonIP        uint64 // frames carrying no IP packet (ARP, LLDP, ...)
	Fragments    uint64 // IP fragments, inspected as IP packets without payload (runtime/defrag reassembles them)
	// DecodeEvents counts the decoder events frames raised, by
	// decode.Event.
	DecodeEvents [decode.NumEvents]uint64
	InvalidL4    uint64 // IP packets whose transport header is invalid, inspected as IP only
	Flows        uint64 // flows created
	ActiveFlows  int    // flows in the table now
	Evicted      uint64 // flows ended to stay within MaxFlows
	// EvictedEstablished counts the evicted flows that were established.
	EvictedEstablished uint64
	Emergencies        uint64 // times the full table entered emergency mode
	TimedOut           uint64 // flows ended by their idle timeout
	Reused             uint64 // TCP flows ended by a new SYN on their tuple
	// Midstream counts TCP packets met without a session (no SYN seen)
	// that the midstream exception policy applied to.
	Midstream uint64
	// Reversed counts midstream flows turned around by their first
	// data (an HTTP response going to the server).
	Reversed     uint64
	StreamChunks uint64 // KindStream units
	StreamBytes  uint64 // bytes in KindStream units
	Gaps         uint64 // holes skipped in reassembled streams
	GapBytes     uint64 // bytes those holes span
	// Rewrites counts retransmissions that replaced delivered stream
	// bytes, their receiver's host-os-policy taking the new data.
	Rewrites uint64
	// Normalised counts the packets IPS mode rewrote to the stream data
	// they overlapped (Tracker.Normalise).
	Normalised   uint64
	UrgentBytes  uint64 // urgent bytes left out of streams (urgent policy oob or gap)
	ParseErrors  uint64 // app-layer directions or messages that failed to parse
	HTTPRequests uint64 // HTTP request heads parsed
	// HTTPFieldTooLong and HTTPTooManyHeaders count HTTP heads cut by the
	// field limit, and by the header count or size limit.
	HTTPFieldTooLong, HTTPTooManyHeaders uint64
	DNSMessages                          uint64 // DNS messages parsed
	TLSHellos                            uint64 // TLS ClientHellos parsed
	Encrypted                            uint64 // TLS and SSH flows whose encrypted data started (encryption-handling applied)
	// DCERPCStubTruncated counts DCE/RPC stub bytes past DCERPCMaxStub,
	// not inspected.
	DCERPCStubTruncated uint64
	// SMTPTruncated counts what the SMTP parsers' bounds cut: header
	// values, headers, URLs, file bytes past the file limit, long lines.
	SMTPTruncated uint64
	// FTPTruncated counts what the FTP parsers' bounds cut: long lines,
	// reply lines and transactions past their bounds, ftp-data bytes past
	// the file limit's memory, expectations past their bounds.
	FTPTruncated uint64
	// FilesNotStored counts files the file store should have taken and
	// did not: bytes past rulec's file limits, no sha256, the store's
	// byte budget, a write error.
	FilesNotStored uint64
	// POP3Truncated counts the POP3 directions whose message waiting for
	// its end passed the parser's bound (the parse ends there).
	POP3Truncated uint64
	// HTTP2Truncated counts what the HTTP/2 parsers' bounds cut: frames
	// not kept, header blocks past the reassembly bound, skipped parts of
	// long frames.
	HTTP2Truncated uint64
	// FrameUnits counts the KindFrame units emitted; FramePieces the
	// inspections of a frame longer than the frame window, in pieces;
	// FrameBytesLost the bytes of frames marked after they had left the
	// window, not inspected; FramesStopped the flow directions whose
	// frames a gap or the stream memcap ended.
	FrameUnits, FramePieces, FrameBytesLost, FramesStopped uint64
	Units                                                  uint64 // units emitted
	// UnitsEarly counts the app units inspected before the next packet
	// of their direction because a flow held maxQueuedUnits.
	UnitsEarly uint64
	// Memory held now against the memcaps, in bytes.
	HTTPMemory                     int64
	StreamMemory, ReassemblyMemory int
}

// Limits counts what the tracker's bounds cut short, by name, for the
// run summary, stats and metrics.
func (t *Tracker) Limits() map[string]uint64 {
	s := &t.stats
	return map[string]uint64{
		"flow_evicted":             s.Evicted,
		"flow_evicted_established": s.EvictedEstablished,
		"flow_emergency_mode":      s.Emergencies,
		"http_field_too_long":      s.HTTPFieldTooLong,
		"http_too_many_headers":    s.HTTPTooManyHeaders,
		"memcap_http":              t.httpMem.Hits(),
		"dcerpc_stub_truncated":    s.DCERPCStubTruncated,
		"smtp_truncated":           s.SMTPTruncated,
		"ftp_truncated":            s.FTPTruncated,
		"file_store_not_stored":    s.FilesNotStored,
		"pop3_truncated":           s.POP3Truncated,
		"http2_truncated":          s.HTTP2Truncated,
		"memcap_stream":            t.streamHits,
		"frame_bytes_lost":         s.FrameBytesLost,
		"memcap_reassembly":        t.pool.Capped(),
		"inline_unkept":            t.pool.Unkept(),
	}
}

// countHTTPEvents counts the head events of the stage's direction.
func (t *Tracker) countHTTPEvents(tx *http.Tx, st http.Stage) {
	for _, ev := range tx.Events {
		switch {
		case st == http.RequestHeaders && ev == http.EventRequestFieldTooLong,
			st == http.ResponseHeaders && ev == http.EventResponseFieldTooLong:
			t.stats.HTTPFieldTooLong++
		case st == http.RequestHeaders && ev == http.EventRequestTooManyHeaders,
			st == http.ResponseHeaders && ev == http.EventResponseTooManyHeaders:
			t.stats.HTTPTooManyHeaders++
		}
	}
}

func (s *Stats) countEvents(ev decode.Events) {
	for _, e := range ev.List() {
		s.DecodeEvents[e]++
	}
}
