package http2

import "github.com/rulec/rulec/runtime/flow/pending"

// State is a stream's state as Suricata follows it; a transaction is
// complete from StateClosed on.
type State uint8

// The states, in Suricata's order.
const (
	StateIdle State = iota
	StateOpen
	StateReserved
	StateDataClient
	StateHalfClosedClient
	StateDataServer
	StateHalfClosedServer
	StateClosed
	// StateGlobal: a frame of stream 0, a transaction of its own.
	StateGlobal
	// StateTodrop: closed early, past the bound on streams.
	StateTodrop
)

// Tx is one stream, or one frame of stream 0.
type Tx struct {
	ID     uint64 // Suricata's tx_id: from 0 in the flow
	Stream uint32
	State  State
	// Frames by direction (0 to server), bounded by maxFrames.
	Frames [2][]Frame
	child  uint32 // the stream a PUSH_PROMISE reserved, while its header block continues
	Events []string
	// DoH: by direction, the stream carries a DNS message (content-type
	// application/dns-message), DNSData its body so far; DNS the message
	// of a GET's dns= query (to server) or a body once complete.
	DoH     [2]bool
	DNSData [2][]byte
	DNS     [2][]byte
}

// Complete reports whether the transaction is done.
func (tx *Tx) Complete() bool { return tx.State >= StateClosed }

// Events are the app-layer events of Suricata 8's HTTP/2 parser that
// rulec raises, by rule name.
var Events = []string{
	"http2.invalid_frame_data", "http2.invalid_header",
	"http2.invalid_frame_length", "http2.long_frame_data", "http2.stream_id_reuse",
	"http2.too_many_streams", "http2.authority_host_mismatch", "http2.userinfo_in_uri",
	"http2.reassembly_limit_reached", "http2.dns_request_too_long", "http2.dns_response_too_long",
	"http2.data_stream_zero", "http2.too_many_frames", "http2.invalid_http1_settings",
}

func (tx *Tx) event(name string) {
	tx.Events = pending.Event(tx.Events, "http2."+name)
}

// endStream follows the closing states on a HEADERS or DATA frame.
func (tx *Tx) endStream(h header, d int) {
	if h.ftype != TypeHeaders && h.ftype != TypeData {
		return
	}
	toClient := d == 1
	if h.flags&flagEndStream != 0 {
		switch tx.State {
		case StateHalfClosedClient, StateDataServer:
			if toClient {
				tx.State = StateClosed
			}
		case StateHalfClosedServer:
			if !toClient {
				tx.State = StateClosed
			}
		case StateClosed, StateGlobal:
		default:
			if toClient {
				tx.State = StateHalfClosedServer
			} else {
				tx.State = StateHalfClosedClient
			}
		}
		return
	}
	if h.ftype == TypeData {
		switch {
		case !toClient && tx.State < StateDataClient:
			tx.State = StateDataClient
		case toClient && tx.State < StateDataServer:
			tx.State = StateDataServer
		}
	}
}

// dnsMessage is application/dns-message.
const dnsMessage = "application/dns-message"

// headers notes what a header block tells the transaction: a DNS message
// body, a DoH GET's query, the authority's events.
func (tx *Tx) headers(fields []Field, d int) {
	var authority, host, path []byte
	accept := false
	for _, f := range fields {
		switch string(f.Name) {
		case "accept":
			accept = accept || string(f.Value) == dnsMessage
		case "content-type":
			if string(f.Value) == dnsMessage {
				tx.DoH[d] = true
			}
		case ":path":
			path = f.Value
		}
		switch {
		case equalFold(f.Name, ":authority"):
			authority = f.Value
			if containsByte(f.Value, '@') {
				tx.event("userinfo_in_uri")
			}
		case equalFold(f.Name, "host"):
			host = f.Value
		}
	}
	if authority != nil && host != nil && !equalFold(authority, string(host)) {
		tx.event("authority_host_mismatch")
	}
	if accept && path != nil {
		if q, ok := dohQuery(path); ok {
			tx.DNS[0] = q
		}
	}
}

func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		x, y := b[i], s[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// size is what the transaction holds, for the stream memcap.
func (tx *Tx) size() int {
	n := cap(tx.DNSData[0]) + cap(tx.DNSData[1]) + len(tx.DNS[0]) + len(tx.DNS[1])
	for _, fs := range tx.Frames {
		for _, f := range fs {
			n += 16 + 6*len(f.Settings) + 8*len(f.SizeUpdates)
			for _, h := range f.Fields {
				n += len(h.Name) + len(h.Value)
			}
		}
	}
	return n
}
