package inspect

import (
	"github.com/rulec/rulec/runtime/filehash"
	"net/netip"
	"time"

	"github.com/rulec/rulec/runtime/decode"
)

// Dir is a packet's or a buffer's direction within its flow.
type Dir uint8

const (
	ToServer Dir = 1
	ToClient Dir = 2
)

// Flow is one connection (TCP) or pseudo-connection (UDP, ICMP), keyed by
// its 5-tuple in both directions. The client is the side that sent the
// first packet (for TCP, the SYN when it was seen).
type Flow struct {
	ID                     uint64 // stable, non-zero; the EVE flow_id
	Proto                  uint8
	Client, Server         netip.Addr
	ClientPort, ServerPort uint16
	App                    string    // detected app-layer protocol: "http", "dns", "tls", ...
	AppOrig                string    // the protocol before a protocol change (a CONNECT tunnel's "http")
	Established            bool      // TCP: three-way handshake seen; UDP: packets seen both ways
	Reassembled            bool      // TCP: data comes as KindStream units; else packet by packet
	Pkts, Bytes            [3]uint64 // indexed by Dir: packets and bytes per direction
	Bits                   map[string]bool
	Ints                   map[string]uint32 // flowint variables
	// Vars are the flow's string variables (pcre flow: captures) and
	// Floats its float ones (entropy values by buffer), in the order
	// first set, as EVE logs them.
	Vars   []Var
	Floats []FloatVar
	// TxMatched is engine state: for each rule, the last transaction it
	// matched, so a rule alerts once per transaction.
	TxMatched   map[int]uint64
	Start, Last time.Time
	// VLANs are the VLAN ids of the flow's first packet, outermost first.
	VLANs []uint16
	// MACs are, by Dir, the Ethernet addresses seen on the client's side
	// (ToServer: sources of its packets, destinations of the server's)
	// and on the server's, in the order seen, when the EVE output wants
	// them (Suricata's MacSet, bounded by MaxMACs).
	MACs [3][][6]byte
	// ICMP: the type and code of the flow's first packet, for its EVE
	// record (ICMP and ICMPv6 flows).
	ICMPType, ICMPCode uint8
	TCPFlags           [3]uint8 // TCP flags seen, by Dir
	// AppDir is, by Dir, the protocol detection found in the direction's
	// data: "" while unknown, "failed" when it gave up, else App.
	AppDir [3]string
	// DepthReached: TCP, by Dir: the stream depth was reached, so no more
	// of the direction's data is inspected as stream or app layer.
	DepthReached [3]bool
	// KernelBypassed is engine state, by Dir: the classifier was told to stop
	// copying the direction for userspace rules.
	KernelBypassed [3]bool
	// PastDepth is engine state, by Dir: a packet came after the stream
	// depth was reached.
	PastDepth [3]bool
	// StreamSize is, by Dir, the TCP sequence space a side has used:
	// its next in-order sequence number less its initial one (Suricata's
	// stream_size).
	StreamSize [3]uint32
	// Alerted and Action are engine state for the flow's EVE record: an
	// alert was raised on the flow; "drop" or "pass" once a rule decided
	// the whole flow.
	Alerted bool
	Action  string
	// ActionByPolicy: an exception policy, not a rule, set Action.
	ActionByPolicy bool
	// NoPayload: the flow's payload is no longer inspected (Suricata's
	// FLOW_NOPAYLOAD_INSPECTION): TLS application data started under the
	// track-only or bypass encryption handling. Packet rules that need
	// payload skip its packets, and its stream is not inspected.
	NoPayload bool
	// Bypassed: the flow is bypassed (Suricata's local bypass): nothing
	// of it is inspected or parsed any more.
	Bypassed bool
	// Exceptions are the exception policies applied to the flow, one per
	// target, for its EVE record.
	Exceptions []Exception
	End        End // how the flow ended, once it did
	// NoLogTx is engine state: the transactions a config rule kept out
	// of the app-layer logs.
	NoLogTx []uint64
	// DropLogged is engine state: a drop record was written for the
	// flow, by Dir.
	DropLogged [3]bool
}

// Exception is an exception policy applied to a flow: its target
// ("stream_midstream", ...) and the policy, as EVE names them.
type Exception struct{ Target, Policy string }

// HasException reports whether a policy for target was applied.
func (f *Flow) HasException(target string) bool {
	for _, e := range f.Exceptions {
		if e.Target == target {
			return true
		}
	}
	return false
}

// End is how a flow ended, for its EVE flow record.
type End struct {
	Reason   string // "timeout", "forced", "shutdown", "tcp_reuse"
	State    string // "new", "established", "closed"
	TCPState string // TCP flows: Suricata's TCP state name
	// TCP flows, by direction: a gap was skipped in the stream, and the
	// urgent bytes taken out of band (urgent policy oob).
	Gap       [3]bool
	UrgentOOB [3]int
}

// Packet is one decoded IP packet.
type Packet struct {
	TS           time.Time
	Frame        []byte // the whole frame, from the Ethernet header
	Link         decode.Link
	Src, Dst     netip.Addr
	Proto        uint8
	Sport, Dport uint16
	TTL          uint8
	TCPFlags     uint8
	IType, ICode uint8
	VLANs        []uint16
	Payload      []byte
	// Where the headers are in Frame, as decode.Packet has them, for the
	// header buffers (ipv4.hdr, tcp.hdr, ...).
	Family                uint8
	NetOff, L4Off, NetEnd int
	L4                    decode.Transport
	// IgnoreChecksums: the capture's checksums are not validated (Suricata's
	// -k none); the checksum keywords take them as valid.
	IgnoreChecksums bool
	// Events are the decoder and defragmentation events the packet
	// raised (Suricata's decode-event names).
	Events decode.Events
	// StreamEvents are the events the TCP tracker raised on the packet
	// (Suricata's stream-event names).
	StreamEvents StreamEvents
	// AppEvents are the events the app layer raised on the packet while
	// detecting or changing the flow's protocol.
	AppEvents AppEvents
	Flow      *Flow // the flow the tracker put the packet in
	// NoInspect: an exception policy took the packet out of inspection;
	// DropReason, when set, says it dropped the packet (inline), with
	// the EVE drop reason.
	NoInspect  bool
	DropReason string
	// ProtoDetect, by Dir: protocol detection finished for the direction
	// on this packet (Suricata's PKT_PROTO_DETECT_TS/TC_DONE), or, when
	// it finished on data the packet did not carry, this is the next
	// packet of the direction.
	ProtoDetect [3]bool
	// Established is Suricata's FLOW_PKT_ESTABLISHED, what flow:established
	// tests: the flow was established when the packet arrived (TCP: its
	// session had passed the handshake or was picked up midstream; the
	// ACK completing a handshake only when it carries data), or, another
	// protocol, the packet completed it.
	Established bool
	// StreamAdded (TCP) is Suricata's PKT_STREAM_ADD: the payload went
	// into its direction's reassembled stream, where the payload rules
	// inspect it. A reassembled flow's packet whose data the stream did
	// not take (on a SYN without TCP Fast Open, before the handshake,
	// after a reset) has its payload inspected as a packet.
	StreamAdded bool
}

// Kind says what produced a unit.
type Kind uint8

const (
	KindPacket Kind = iota + 1 // one packet's payload ("payload" buffer)
	KindStream                 // a reassembled TCP chunk ("payload" buffer)
	KindApp                    // an app-layer event (HTTP, DNS, TLS buffers)
	KindFrame                  // an app-layer frame (its frame buffer, "frame:ssh.record.pdu")
	// KindState is a transaction's progress as a packet's detection sees
	// it (Codes: ir.FieldTLSClientState, ...), for app-layer-state rules
	// only.
	KindState
	// KindPseudo is Suricata's flow end pseudo packet of one direction
	// (PKT_PSEUDO_STREAM_END): no packet, no buffers; the rules that are
	// not packet rules run on it.
	KindPseudo
)

// Stage is how far an HTTP transaction has come.
type Stage uint8

const (
	// RequestLine: the request line is complete, its headers are not
	// (Suricata's HTP_REQUEST_PROGRESS_LINE): the unit has the line's
	// buffers only.
	RequestLine Stage = iota + 1
	RequestHeaders
	RequestBody
	// ResponseLine: the status line is complete, the response's headers
	// are not (HTP_RESPONSE_PROGRESS_LINE).
	ResponseLine
	ResponseHeaders
	ResponseBody
)

// Unit is one inspection: everything a rule may look at, at one moment of
// a flow.
type Unit struct {
	TS     time.Time
	Kind   Kind
	Flow   *Flow
	Dir    Dir
	Packet *Packet // the packet that completed the unit, when there is one
	Tx     uint64  // app units: the transaction's sequence number in its flow, from 1
	// ConfigTx is a transaction whose config (logging disabled by a
	// config rule) Tx takes too: a DNS response's request.
	ConfigTx uint64
	Stage    Stage // HTTP units: the transaction stage the unit completes
	// StreamLog is the unit's direction of its TCP stream as an alert's
	// payload shows it (flow.Config.StreamLog), on stream, app and frame
	// units; nil when not kept.
	StreamLog []byte
	// Through is the last stage whose buffers are final on an HTTP unit:
	// Stage, or the body's stage when the message has no body.
	Through Stage
	// Fields is app-layer metadata for EVE (e.g. http: hostname, url,
	// http_method, status), by event section then key; read it with
	// Sections, which builds a lazy section.
	Fields map[string]map[string]any
	lazy   *lazySection
	// Codes are app-layer integers for the keywords that compare them
	// (dns.opcode, dns.rcode, dns.rrtype): a keyword holds when one value
	// does.
	Codes map[string][]int64
	// AppTx is the parsed app-layer transaction the unit reports, for
	// consumers that want it whole rather than as buffers (*http.Tx for
	// HTTP units); nil otherwise.
	AppTx any
	// Events are the app-layer events raised on the unit's transaction,
	// by Suricata's names ("http.request_field_too_long").
	Events []string
	// DCE is the DCE/RPC transaction of a dcerpc unit, else nil.
	DCE *DCE
	// Files are the files of the unit's transaction in its direction, for
	// the "files" array of alerts on the transaction.
	Files []FileInfo
	// Frame is the frame of a KindFrame unit, else nil.
	Frame *Frame
	// LogType is the eve-log types entry that enables the record the
	// unit carries when it is not the record's event type: http2 for an
	// HTTP/2 transaction's http record, doh2 on a DoH2 flow (whose dns
	// records are written in the flow's direction).
	LogType string
	// Guess is, on a packet or stream unit, the transaction an alert of
	// a packet rule names (Suricata's detect.guess-applayer-tx), or nil.
	Guess *GuessedTx
	// Lift, when set, is what a filestore rule matching the unit's files
	// does before the unit's rules act: their transaction's body limit is
	// lifted (HTTP: Suricata's HTP_STREAM_DEPTH_SET) and the unit refilled
	// with the body seen so. Nil when no more of the body was kept.
	Lift    func()
	buffers []Named // few per unit: a list beats a map
	multi   bool    // a buffer has more than one instance
	// shared are lists of buffers a producer shares among its units
	// (Share), after buffers; read-only.
	shared [2][]Named
}

// FileInfo is a file as an alert's "files" array shows it.
type FileInfo struct {
	Name   []byte
	Size   uint64
	Closed bool
	// Truncated: it ended before its end (a body limit, the stream's
	// end), Suricata's TRUNCATED state.
	Truncated bool
	// Sums are its digests, those computed (nil where not).
	Sums filehash.Sums
	// Data are its bytes rulec kept, valid during the unit's turn.
	Data []byte
	// Store: a filestore rule matched it; SIDs are those rules' sids.
	Store bool
	SIDs  []uint64
}

// State is the file's state as Suricata names it: CLOSED, TRUNCATED, or
// UNKNOWN while it is open.
func (f *FileInfo) State() string {
	switch {
	case f.Truncated:
		return "TRUNCATED"
	case f.Closed:
		return "CLOSED"
	}
	return "UNKNOWN"
}

// Named is one named buffer of a unit; Tag is its producer's to use.
type Named struct {
	Name string
	B    []byte
	Tag  uint8
}

// Endpoints returns the unit's addresses and ports as a rule header sees
// them: the packet's own for a packet unit, else the flow's in the unit's
// direction.
func (u *Unit) Endpoints() (src, dst netip.Addr, sport, dport uint16) {
	if p := u.Packet; p != nil && u.Kind == KindPacket {
		return p.Src, p.Dst, p.Sport, p.Dport
	}
	f := u.Flow
	if u.Dir == ToClient {
		return f.Server, f.Client, f.ServerPort, f.ClientPort
	}
	return f.Client, f.Server, f.ClientPort, f.ServerPort
}

// Buffer returns the named buffer (a sticky-buffer name such as "payload",
// "http.uri", "dns.query"), or nil and false when the unit has none; of a
// multi-buffer, its first instance.
func (u *Unit) Buffer(name string) ([]byte, bool) {
	for i := range u.buffers {
		if u.buffers[i].Name == name {
			return u.buffers[i].B, true
		}
	}
	for _, l := range u.shared {
		for i := range l {
			if l[i].Name == name {
				return l[i].B, true
			}
		}
	}
	return nil, false
}

// SetBuffer sets a named buffer.
func (u *Unit) SetBuffer(name string, b []byte) {
	u.own()
	for i := range u.buffers {
		if u.buffers[i].Name == name {
			u.buffers[i].B = b
			return
		}
	}
	if u.buffers == nil {
		u.buffers = make([]Named, 0, 8)
	}
	u.buffers = append(u.buffers, Named{Name: name, B: b})
}

// Grow makes room for n more buffers, so that a producer that knows how
// many it sets fills the list without regrowing it.
func (u *Unit) Grow(n int) {
	u.own()
	if cap(u.buffers)-len(u.buffers) < n {
		nb := make([]Named, len(u.buffers), len(u.buffers)+n)
		copy(nb, u.buffers)
		u.buffers = nb
	}
}

// AddBuffer adds an instance of a multi-buffer (Suricata's tls.alpn,
// tls.certs, tls.subjectaltname): a rule's matchers on such a buffer hold
// when they hold together on one of its instances.
func (u *Unit) AddBuffer(name string, b []byte) {
	u.own()
	if _, ok := u.Buffer(name); ok {
		u.multi = true
	}
	u.buffers = append(u.buffers, Named{Name: name, B: b})
}

// Share gives u a list of buffers, after those it has, without copying
// it: a producer's units at several moments of one transaction share its
// lists. The list must not change while u is in use; multi says a name
// repeats in it (a multi-buffer with several instances), and its names
// must be other than u's buffers' and an earlier shared list's. Setting
// or adding a buffer later copies the shared lists into u's own first.
// A unit has at most two shared lists.
func (u *Unit) Share(l []Named, multi bool) {
	if len(l) == 0 {
		return
	}
	for i := range u.shared {
		if u.shared[i] == nil {
			u.shared[i] = l[:len(l):len(l)]
			u.multi = u.multi || multi
			return
		}
	}
	panic("inspect: a unit shares at most two lists")
}

// own copies the shared lists into u's own buffers, before they change.
func (u *Unit) own() {
	if u.shared[0] == nil {
		return
	}
	nb := make([]Named, 0, len(u.buffers)+len(u.shared[0])+len(u.shared[1])+4)
	nb = append(append(append(nb, u.buffers...), u.shared[0]...), u.shared[1]...)
	u.buffers, u.shared = nb, [2][]Named{}
}

// Multi reports whether a buffer of u has more than one instance.
func (u *Unit) Multi() bool { return u.multi }

// Instances calls fn on each instance of the named buffer, in the order
// they were added, until fn returns true; it reports whether one did.
func (u *Unit) Instances(name string, fn func([]byte) bool) bool {
	for i := range u.buffers {
		if u.buffers[i].Name == name && fn(u.buffers[i].B) {
			return true
		}
	}
	for _, l := range u.shared {
		for i := range l {
			if l[i].Name == name && fn(l[i].B) {
				return true
			}
		}
	}
	return false
}

// ClearBuffers removes every buffer of u, for its producer to set them
// anew.
func (u *Unit) ClearBuffers() {
	clear(u.buffers)
	u.buffers, u.multi, u.shared = u.buffers[:0], false, [2][]Named{}
}

// Reset empties u for reuse by the unit's producer, once its consumer is
// done with it; the buffer list keeps its storage.
func (u *Unit) Reset() {
	bufs := u.buffers
	clear(bufs)
	*u = Unit{buffers: bufs[:0]}
}
