package flow

import (
	"github.com/rulec/rulec/runtime/filehash"
	"time"

	"github.com/rulec/rulec/runtime/flow/dcerpc"
	"github.com/rulec/rulec/runtime/flow/dns"
	"github.com/rulec/rulec/runtime/flow/ftp"
	"github.com/rulec/rulec/runtime/flow/smtp"
	"github.com/rulec/rulec/runtime/flow/tls"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/defrag"
	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

// Config sets the tracker's bounds and behaviour.
type Config struct {
	// MaxFlows bounds the flow table. When it is full the tracker enters
	// emergency mode (Suricata's: the emergency timeouts apply until
	// EmergencyRecovery percent of the table is free again) and, if no
	// flow timed out, ends a flow: the least recently used closed or new
	// one, an established one only when there is none.
	MaxFlows int
	// FlowMemcap bounds the memory of the flow table (Suricata's
	// flow.memcap), at flowCost bytes a flow; it lowers MaxFlows when
	// smaller.
	FlowMemcap int
	// EmergencyRecovery is the percentage of the table that must be free
	// to leave emergency mode.
	EmergencyRecovery int
	// TCPTimeouts and OtherTimeouts end flows idle that long, in packet
	// time (Suricata's flow-timeouts for tcp, and for udp, icmp and
	// others).
	TCPTimeouts, OtherTimeouts Timeouts
	// MaxStreamBuffer is how many reassembled bytes of one direction are
	// held before they are emitted as a KindStream unit.
	MaxStreamBuffer int
	// StreamDepth bounds the bytes per direction emitted as KindStream
	// units (Suricata's stream.reassembly.depth); 0 means no bound.
	// App-layer parsing goes on past it.
	StreamDepth int
	// MaxOutOfOrder bounds out-of-order bytes buffered per direction;
	// MaxOutOfOrderTotal bounds them across flows (Suricata's
	// stream.reassembly.memcap). Past either, the oldest hole is skipped.
	MaxOutOfOrder, MaxOutOfOrderTotal int
	// StreamMemcap bounds the in-order stream bytes held across flows
	// until they make a KindStream unit (Suricata's stream.memcap); past
	// it, new data is inspected as it arrives, unit by segment.
	StreamMemcap int
	// HTTPMemcap bounds what the HTTP parsers of all flows hold: heads,
	// bodies and transactions waiting for their response (Suricata's
	// app-layer.protocols.http.memcap); past it, heads and bodies are cut.
	HTTPMemcap int
	// Midstream reassembles TCP flows whose handshake was not seen
	// (Suricata's stream.midstream, false by default).
	Midstream bool
	// AsyncOneside follows TCP sessions seen one way only (Suricata's
	// stream.async-oneside, false by default): a session picked up at
	// its SYN/ACK, or a SYN answered by the client's ACK, is reassembled
	// and established without the other side.
	AsyncOneside bool
	// StreamInline (Suricata's stream.inline: yes) parses TCP app-layer
	// data as it arrives in IDS mode too, instead of once the other side
	// acknowledged it; "auto" (the default) is inline in IPS mode only.
	StreamInline bool
	// UrgentPolicy is what the stream makes of urgent data
	// (stream.reassembly.urgent.policy; Suricata's default suricata.yaml
	// has oob); OOBLimit applies past the out-of-band budget of a
	// direction (stream.reassembly.urgent.oob-limit-policy).
	UrgentPolicy, OOBLimit Urgent
	// HostOS is the overlap policy of each host (host-os-policy): a
	// retransmission overlapping stream data its receiver has not
	// acknowledged yet rewrites that data where the receiver's policy
	// takes the new data (IDS mode; inline, accepted data stays).
	HostOS HostOS
	// StreamLog is the size of the stream payload shown with alerts on
	// stream data and transactions (the alert output's
	// payload-buffer-size; 0: none kept): each direction keeps its
	// stream from where Suricata would still hold it, gaps shown as
	// "[N bytes missing]".
	StreamLog int
	// TxStream, when set, is how many of a TCP direction's last stream
	// bytes (since its last gap) its transaction units carry as their
	// payload buffer, for rules mixing payload and app-layer matchers
	// (Suricata inspects their payload part on the raw stream).
	TxStream int
	// TxStreamFor, when set, says which transaction units need the
	// window: those of a flow's app-layer protocol (inspect.Flow.App) and
	// direction that such a rule inspects; nil: all.
	TxStreamFor func(app string, d inspect.Dir) bool
	// IPS: packets are processed inline (Suricata's IPS mode); exception
	// policies default to drop-flow when midstream pick-up is off.
	IPS bool
	// ExceptionPolicy is Suricata's exception-policy master switch and
	// MidstreamExceptionPolicy its stream.midstream-policy, by their
	// suricata.yaml names ("" when not set); see MidstreamPolicy.
	ExceptionPolicy, MidstreamExceptionPolicy string
	// IgnoreChecksums marks every packet's checksums as not validated
	// (Suricata's -k none): the checksum keywords take them as valid.
	IgnoreChecksums bool
	// JA3 says whether the EVE tls records carry the JA3 fingerprints
	// (Suricata's app-layer.protocols.tls.ja3-fingerprints); Auto is
	// resolved from the rules by the caller, as Suricata enables them when
	// a rule inspects them. JA4 is its ja4-fingerprints, read for
	// compatibility: Suricata 8 logs JA4 whenever the record's fields
	// take it.
	JA3, JA4 Toggle
	// TLSLog chooses the fields of the EVE tls record (outputs: eve-log:
	// types: tls: extended, custom, session-resumption); zero Fields take
	// Suricata's default suricata.yaml's.
	TLSLog tls.LogConfig
	// TLSEncryption is what happens to a TLS flow once its application
	// data starts (app-layer.protocols.tls.encryption-handling).
	TLSEncryption Encryption
	// SSHEncryption is the same for SSH once both sides sent NEWKEYS
	// (app-layer.protocols.ssh.encryption-handling).
	SSHEncryption Encryption
	// Hassh says whether SSH records carry the HASSH fingerprints
	// (app-layer.protocols.ssh.hassh), Auto as JA3's.
	Hassh Toggle
	// HTTP2Off turns the HTTP/2 parser off (app-layer.protocols.http2.enabled
	// no): HTTP/2 is neither detected nor upgraded to from HTTP/1 (h2c).
	HTTP2Off bool
	// Frames are the app-layer frame types rules inspect, by their
	// frame keyword names ("ssh.record.pdu", "smtp.stream"): parsers mark
	// those only, as Suricata enables a frame type when a rule uses it.
	Frames map[string]bool
	// HTTP bounds HTTP parsing.
	HTTP http.Config
	// Filestore: a rule has the filestore keyword. With a FileStore, HTTP
	// bodies are then kept past their limit, for such a rule matching a
	// body's file to lift the limit (http.Config.StoreDepth).
	Filestore bool
	// FileHashes are the digests computed of every file (for the file
	// hash keywords, force-hash and the file store); the fileinfo record
	// shows them.
	FileHashes filehash.Kinds
	// FileStore, when set, stores files (Suricata's file-store output).
	FileStore *FileStore
	// DCERPCMaxStub bounds the stub data a DCE/RPC transaction keeps per
	// direction (app-layer.protocols.dcerpc.max-stub-size).
	DCERPCMaxStub int
	// TLSStates: app-layer-state rules compare TLS progress; the packets
	// that make a TLS flow's detection run carry a KindState unit.
	TLSStates bool
	// GuessTx is Suricata's detect.guess-applayer-tx: the packet and
	// stream units of an HTTP flow carry the transaction their direction
	// is inspecting when it is the flow's newest (inspect.GuessedTx), for
	// the alerts of packet rules to name it, at most GuessTxLimit times a
	// transaction (detect.stream-tx-log-limit).
	GuessTx      bool
	GuessTxLimit int
	// SMTP is Suricata's app-layer.protocols.smtp settings: MIME decoding,
	// URL extraction, transaction and file bounds.
	SMTP smtp.Config
	// FTP is Suricata's app-layer.protocols.ftp settings.
	FTP ftp.Config
	// Defrag bounds IP reassembly, which the tracker's caller runs
	// (runtime/defrag); zero fields take Suricata's defaults.
	Defrag defrag.Config
	// Decoder is the decoder's configuration (which UDP ports carry
	// Teredo, VXLAN and Geneve), which the tracker's caller decodes with.
	Decoder decode.Config
	// DNSLog is the EVE dns output's settings (outputs: eve-log: types:
	// dns:): record version, requests, responses, record types, formats.
	DNSLog dns.LogConfig
	// MACs keeps each flow's Ethernet addresses (inspect.Flow.MACs) for
	// the EVE ether object (outputs: eve-log: ethernet).
	MACs bool
}

// Toggle is a setting Suricata takes as yes, no or auto.
type Toggle uint8

const (
	Auto Toggle = iota
	On
	Off
)

// Encryption is Suricata's encryption-handling: what happens to a flow
// once its encrypted application data starts.
type Encryption uint8

const (
	// TrackOnly (the default) keeps parsing the flow but ends the
	// inspection of its payload: packet rules that need payload and
	// stream rules no longer run on it.
	TrackOnly Encryption = iota
	// Bypass ends all inspection and parsing of the flow (Suricata's
	// local bypass; the classifier stops copying it).
	Bypass
	// Full inspects the flow as any other.
	Full
)

// Timeouts are idle timeouts by flow phase, normal and in emergency mode.
// A closed timeout applies to TCP only.
type Timeouts struct {
	New, Established, Closed                            time.Duration
	EmergencyNew, EmergencyEstablished, EmergencyClosed time.Duration
}

// flowCost is the memory one flow takes, for FlowMemcap: its state, TCP
// reassembly state, parser and map entry, without the buffers the stream
// and app-layer memcaps count (measured: about 4 KB for an HTTP flow).
const flowCost = 4096

// DefaultConfig returns Suricata's defaults.
func DefaultConfig() Config {
	return Config{
		MaxFlows:          65536,
		FlowMemcap:        128 << 20,
		EmergencyRecovery: 30,
		TCPTimeouts: Timeouts{New: 60 * time.Second, Established: 600 * time.Second, Closed: 60 * time.Second,
			EmergencyNew: 5 * time.Second, EmergencyEstablished: 100 * time.Second, EmergencyClosed: 10 * time.Second},
		OtherTimeouts: Timeouts{New: 30 * time.Second, Established: 300 * time.Second,
			EmergencyNew: 10 * time.Second, EmergencyEstablished: 100 * time.Second},
		MaxStreamBuffer:    4096,
		StreamDepth:        1 << 20,
		MaxOutOfOrder:      256 << 10,
		MaxOutOfOrderTotal: 32 << 20,
		StreamMemcap:       16 << 20,
		HTTPMemcap:         64 << 20,
		HTTP:               http.DefaultConfig(),
		DCERPCMaxStub:      dcerpc.DefaultMaxStub,
		SMTP:               smtp.DefaultConfig(),
		UrgentPolicy:       UrgentOOB,
		OOBLimit:           UrgentDrop,
		FTP:                ftp.DefaultConfig(),
		GuessTxLimit:       defaultGuessTxLimit,
		Decoder:            decode.DefaultConfig(),
	}
}

// Share returns the bounds of one of n trackers that run side by side
// (the workers of one capture), so that together they stay within c's:
// the flow table and every memcap divided by n.
func (c Config) Share(n int) Config {
	if n <= 1 {
		return c
	}
	c = withDefaults(c)
	for _, v := range []*int{&c.MaxFlows, &c.FlowMemcap, &c.StreamMemcap, &c.HTTPMemcap, &c.MaxOutOfOrderTotal} {
		*v = max(*v/n, 1)
	}
	return c
}
