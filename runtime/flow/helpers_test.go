package flow

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/inspect"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// record is a unit as the test keeps it: buffers are copied because they
// are only valid during the callback.
type record struct {
	kind     inspect.Kind
	dir      inspect.Dir
	flow     *inspect.Flow
	est      bool     // the flow was established when the unit was emitted
	app      string   // the flow's app-layer protocol when the unit was emitted
	log      string   // StreamLog
	payloads []string // the payload's instances
	flowID   uint64
	packet   *inspect.Packet // a copy of the unit's packet
	samePkt  *inspect.Packet // the unit's packet itself, valid during its frame
	buffers  map[string]string
	fields   map[string]map[string]any
	events   []string
	dce      *inspect.DCE
	tx       uint64
	codes    map[string][]int64
	guess    uint64 // the guessed transaction's Tx, 0 when none
}

var bufferNames = []string{"payload", "http.method", "http.uri", "http.uri.raw", "http.request_line", "http.host", "http.stat_code", "http.request_body",
	"http.response_body", "file.data", "http.header", "http.user_agent", "http.header_names", "http.connection", "http.protocol", "dns.query", "tls.sni", "ja3.hash", "ja3s.hash", "ssh.software", "dcerpc.stub_data",
	"smtp.helo", "smtp.mail_from", "email.subject", "email.cc", "file.name", "file.magic", "file.md5",
	"ftp.command", "ftp.command_data", "ftp.reply"}

type sink struct{ units []record }

// clonePacket copies a unit's packet, which the tracker reuses for the
// next one.
func clonePacket(p *inspect.Packet) *inspect.Packet {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

func (s *sink) emit(u *inspect.Unit) {
	r := record{kind: u.Kind, dir: u.Dir, flow: u.Flow, est: u.Flow.Established, app: u.Flow.App, log: string(u.StreamLog), flowID: u.Flow.ID, packet: clonePacket(u.Packet), samePkt: u.Packet, buffers: map[string]string{}, fields: u.Sections(), events: u.Events, dce: u.DCE, tx: u.Tx, codes: u.Codes}
	for _, n := range bufferNames {
		if b, ok := u.Buffer(n); ok {
			r.buffers[n] = string(b)
		}
	}
	if u.Guess != nil {
		r.guess = u.Guess.Tx
	}
	u.Instances("payload", func(b []byte) bool {
		r.payloads = append(r.payloads, string(b))
		return false
	})
	s.units = append(s.units, r)
}

func (s *sink) of(kind inspect.Kind) []record {
	var out []record
	for _, u := range s.units {
		if u.kind == kind {
			out = append(out, u)
		}
	}
	return out
}

// stream joins the payloads of one direction's KindStream units.
func (s *sink) stream(dir inspect.Dir) string {
	var b strings.Builder
	for _, u := range s.of(inspect.KindStream) {
		if u.dir == dir {
			b.WriteString(strings.Join(u.payloads, ""))
		}
	}
	return b.String()
}

// withBuffer returns the units that have the named buffer.
func (s *sink) withBuffer(name string) []record {
	var out []record
	for _, u := range s.units {
		if _, ok := u.buffers[name]; ok {
			out = append(out, u)
		}
	}
	return out
}

func newTracker(cfg Config) (*Tracker, *sink) {
	s := &sink{}
	return NewTracker(cfg, s.emit), s
}

// feed runs frames through the tracker one millisecond apart and fails
// on a decode error.
func feed(t testing.TB, tr *Tracker, frames ...[]byte) {
	t.Helper()
	for _, f := range frames {
		if _, err := tr.Frame(nextTS(tr), f); err != nil {
			t.Fatalf("frame: %v", err)
		}
	}
}

func nextTS(tr *Tracker) time.Time {
	if tr.now.IsZero() {
		return t0
	}
	return tr.now.Add(time.Millisecond)
}

const (
	fin = 0x01
	syn = 0x02
	rst = 0x04
	psh = 0x08
	ack = 0x10
)

// conn builds the frames of one TCP connection, tracking sequence numbers.
type conn struct {
	cli, srv     netip.Addr
	cport, sport uint16
	cseq, sseq   uint32
	vlans        []uint16
}

func newConn(cli, srv string, cport, sport uint16) *conn {
	return &conn{cli: netip.MustParseAddr(cli), srv: netip.MustParseAddr(srv), cport: cport, sport: sport, cseq: 1000, sseq: 0xfffffff0}
}

func (c *conn) frame(toServer bool, flags uint8, seq, ackNo uint32, payload string) []byte {
	s := pktgen.Spec{Src: c.cli, Dst: c.srv, Proto: 6, Sport: c.cport, Dport: c.sport, TCPFlags: flags, Seq: seq, Ack: ackNo, VLANs: c.vlans, Payload: []byte(payload)}
	if !toServer {
		s.Src, s.Dst, s.Sport, s.Dport = s.Dst, s.Src, s.Dport, s.Sport
	}
	return pktgen.Build(s)
}

// handshake is SYN, SYN/ACK, ACK.
func (c *conn) handshake() [][]byte {
	out := [][]byte{c.frame(true, syn, c.cseq, 0, ""), c.frame(false, syn|ack, c.sseq, c.cseq+1, ""), c.frame(true, ack, c.cseq+1, c.sseq+1, "")}
	c.cseq++
	c.sseq++
	return out
}

// c2s and s2c send the next in-order data segment of a direction.
func (c *conn) c2s(data string) []byte {
	f := c.frame(true, psh|ack, c.cseq, c.sseq, data)
	c.cseq += uint32(len(data))
	return f
}

func (c *conn) s2c(data string) []byte {
	f := c.frame(false, psh|ack, c.sseq, c.cseq, data)
	c.sseq += uint32(len(data))
	return f
}

// sAck and cAck are the server's and the client's bare ACK of what the
// other side sent so far: in IDS mode the app layer parses a direction's
// bytes once they are acknowledged.
func (c *conn) sAck() []byte { return c.frame(false, ack, c.sseq, c.cseq, "") }
func (c *conn) cAck() []byte { return c.frame(true, ack, c.cseq, c.sseq, "") }

// c2sAt sends client data at an offset from the next sequence number,
// without advancing it (out-of-order and retransmitted segments).
func (c *conn) c2sAt(off int, data string) []byte {
	return c.frame(true, psh|ack, c.cseq+uint32(off), c.sseq, data)
}

// close is FIN from both sides and the last ACK.
func (c *conn) close() [][]byte {
	out := [][]byte{c.frame(true, fin|ack, c.cseq, c.sseq, ""), c.frame(false, fin|ack, c.sseq, c.cseq+1, ""), c.frame(true, ack, c.cseq+1, c.sseq+1, "")}
	c.cseq++
	c.sseq++
	return out
}

func udp(src, dst string, sport, dport uint16, payload []byte) []byte {
	return pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr(src), Dst: netip.MustParseAddr(dst), Proto: 17, Sport: sport, Dport: dport, Payload: payload})
}

func concat(parts ...any) [][]byte {
	var out [][]byte
	for _, p := range parts {
		switch v := p.(type) {
		case []byte:
			out = append(out, v)
		case [][]byte:
			out = append(out, v...)
		default:
			panic(fmt.Sprintf("concat: %T", p))
		}
	}
	return out
}

func contains(s, sub string) bool { return bytes.Contains([]byte(s), []byte(sub)) }
