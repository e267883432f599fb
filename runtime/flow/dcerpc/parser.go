package dcerpc

import (
	"encoding/binary"
	"fmt"

	"github.com/rulec/rulec/runtime/flow/frame"
	"github.com/rulec/rulec/runtime/flow/pending"
)

// Defaults of Suricata's app-layer.protocols.dcerpc settings.
const (
	DefaultMaxStub = 1 << 20 // max-stub-size: stub bytes kept per transaction and direction
	DefaultMaxTx   = 1024    // max-tx: open transactions per flow
	maxContexts    = 64      // presentation contexts kept per flow (Suricata's bound)
)

// Context is a presentation context a bind or alter_context proposed.
type Context struct {
	ID        uint16
	UUID      UUID
	Version   uint16
	Minor     uint16
	FirstFrag bool // the proposing PDU had the first-fragment flag
	Acked     bool
	Result    uint16 // the ack's result, 0 when accepted
	index     uint16 // position in its bind, which its ack's results follow
	callID    uint32
}

// Tx is one call: a bind and its ack, or a request and its response.
type Tx struct {
	ID            uint64 // from 1, in creation order
	CallID        uint32
	ContextID     uint16
	Opnum         uint16
	RequestSeen   bool // a request PDU was read (Suricata's first_request_seen)
	Little        bool // byte order of the PDU that opened the transaction
	ReqType       uint8
	RespType      uint8
	ReqDone       bool
	RespDone      bool
	Stub          [2][]byte // request (0) and response (1) stub data, reassembled
	StubTruncated bool
}

// Parser reads one TCP connection's DCE/RPC PDUs.
type Parser struct {
	// MaxStub bounds each transaction's stub data per direction; MaxTx
	// the transactions kept open.
	MaxStub, MaxTx int
	// Frames take each side's PDU frames (hdr, pdu, data) as Suricata's
	// parser marks them; a nil Marker marks none.
	Frames   [2]frame.Marker
	fed      [2]uint64 // bytes fed per side
	pending  [2][]byte // an incomplete PDU per direction
	contexts []Context
	txs      []*Tx
	seq      uint64
	err      error
	// StubTruncated counts stub bytes dropped by MaxStub, TxEvicted
	// transactions closed early by MaxTx.
	StubTruncated, TxEvicted uint64
}

// NewParser returns a parser with Suricata's default bounds.
func NewParser() *Parser { return &Parser{MaxStub: DefaultMaxStub, MaxTx: DefaultMaxTx} }

// Side is a direction of the connection: 0 to the server, 1 to the client.
type Side int

// Sides.
const (
	ToServer Side = 0
	ToClient Side = 1
)

// Feed parses data of one direction; fn is called with the transaction
// of each request or response PDU read, once its stub data is added.
// PDUs are read by their type whichever way they travel, as Suricata
// does.
// After an error the parser reads nothing more (Suricata stops parsing
// the flow).
func (p *Parser) Feed(s Side, data []byte, fn func(*Tx)) error {
	if p.err != nil {
		return p.err
	}
	p.fed[s] += uint64(len(data))
	buf := data
	if len(p.pending[s]) > 0 {
		p.pending[s] = append(p.pending[s], data...)
		buf = p.pending[s]
	}
	for len(buf) >= HeaderLen {
		h := parseHeader(buf)
		if h.Version != 5 || h.Minor > 1 {
			return p.fail(fmt.Errorf("version %d.%d: %w", h.Version, h.Minor, ErrVersion))
		}
		n := int(h.FragLen)
		if n < HeaderLen {
			return p.fail(fmt.Errorf("fragment length %d: %w", n, ErrMalformed))
		}
		if len(buf) < n {
			break
		}
		if n == HeaderLen {
			// a PDU of its header alone: Suricata's parser steps over it
			buf = buf[n:]
			continue
		}
		if m := p.Frames[s]; m != nil {
			off := p.fed[s] - uint64(len(buf))
			m.Open("hdr", off, HeaderLen, -1)
			m.Open("pdu", off, int64(n), -1)
			m.Open("data", off+HeaderLen, int64(n-HeaderLen), -1)
		}
		if err := p.pdu(&h, buf[HeaderLen:n], fn); err != nil {
			return p.fail(err)
		}
		buf = buf[n:]
	}
	p.pending[s] = append(p.pending[s][:0], buf...)
	return nil
}

func (p *Parser) fail(err error) error {
	p.err = err
	p.pending = [2][]byte{}
	return err
}

// Held is the bytes the parser holds: incomplete PDUs and the stub data
// of open transactions.
func (p *Parser) Held() int {
	n := len(p.pending[0]) + len(p.pending[1])
	for _, tx := range p.txs {
		n += len(tx.Stub[0]) + len(tx.Stub[1])
	}
	return n
}

// Contexts are the presentation contexts proposed so far.
func (p *Parser) Contexts() []Context { return p.contexts }

// Accepted calls fn with the contexts bound to tx's context id that
// their ack accepted.
func (p *Parser) Accepted(tx *Tx, fn func(Context)) {
	for _, c := range p.contexts {
		if c.Acked && c.Result == 0 && c.ID == tx.ContextID {
			fn(c)
		}
	}
}

func (p *Parser) pdu(h *Header, body []byte, fn func(*Tx)) error {
	switch h.Type {
	case TypeBind, TypeAlterContext:
		return p.bind(h, body)
	case TypeBindAck, TypeAlterContextAck:
		if err := p.bindAck(h, body); err != nil {
			return err
		}
		tx := p.txByCall(h.CallID, ToClient, h.Type)
		if tx == nil {
			tx = p.newTx(h)
		}
		tx.RespType, tx.RespDone = h.Type, true
		p.retire()
	case TypeRequest:
		if len(body) < 8 {
			return fmt.Errorf("request of %d bytes: %w", len(body), ErrMalformed)
		}
		tx := p.txByCall(h.CallID, ToServer, h.Type)
		if tx == nil {
			tx = p.newTx(h)
		}
		o := h.order()
		tx.ReqType, tx.ContextID, tx.Opnum, tx.RequestSeen = h.Type, o.Uint16(body[4:]), o.Uint16(body[6:]), true
		p.stub(tx, ToServer, h, body[8:])
		fn(tx)
		p.retire()
	case TypeResponse:
		tx := p.txByCall(h.CallID, ToClient, h.Type)
		if tx == nil {
			tx = p.newTx(h)
		}
		tx.RespType = h.Type
		// Suricata's response stub data starts right after the PDU
		// header, with the response's alloc hint and context id
		p.stub(tx, ToClient, h, body)
		fn(tx)
		p.retire()
	}
	return nil
}

// stub adds a fragment's stub data to tx; the last fragment, or an
// unfragmented PDU, completes its direction.
func (p *Parser) stub(tx *Tx, s Side, h *Header, data []byte) {
	if len(data) == 0 {
		return
	}
	if frag := h.Flags & (FlagFirstFrag | FlagLastFrag); frag == 0 || frag&FlagLastFrag != 0 {
		if s == ToServer {
			tx.ReqDone = true
		} else {
			tx.RespDone = true
		}
	}
	room := max(p.MaxStub-len(tx.Stub[s]), 0)
	if len(data) > room {
		p.StubTruncated += uint64(len(data) - room)
		tx.StubTruncated = true
		data = data[:room]
	}
	tx.Stub[s] = append(tx.Stub[s], data...)
}

// txByCall finds the open transaction of a call whose PDU types pair
// with typ, as Suricata's get_tx_by_call_id.
func (p *Parser) txByCall(callID uint32, s Side, typ uint8) *Tx {
	for _, tx := range p.txs {
		if tx.CallID != callID {
			continue
		}
		if s == ToServer && !tx.ReqDone && respFor(typ) == tx.RespType {
			return tx
		}
		if s == ToClient && !tx.RespDone && reqFor(typ) == tx.ReqType {
			return tx
		}
	}
	return nil
}

func respFor(t uint8) uint8 {
	switch t {
	case TypeRequest:
		return TypeResponse
	case TypeBind:
		return TypeBindAck
	case TypeAlterContext:
		return TypeAlterContextAck
	}
	return 99
}

func reqFor(t uint8) uint8 {
	switch t {
	case TypeResponse:
		return TypeRequest
	case TypeBindAck:
		return TypeBind
	case TypeAlterContextAck:
		return TypeAlterContext
	}
	return 99
}

func (p *Parser) newTx(h *Header) *Tx {
	if len(p.txs) >= p.MaxTx {
		p.txs = p.txs[1:]
		p.TxEvicted++
	}
	p.seq++
	tx := &Tx{ID: p.seq, CallID: h.CallID, Little: h.Little(), ReqType: TypeRequest, RespType: TypeResponse}
	p.txs = append(p.txs, tx)
	return tx
}

// retire drops the transactions both of whose directions are done.
func (p *Parser) retire() {
	p.txs = pending.Retire(p.txs, func(tx *Tx) bool { return tx.ReqDone && tx.RespDone })
}

// bind reads a bind or alter_context: its presentation contexts replace
// those of the same id, unacked.
func (p *Parser) bind(h *Header, body []byte) error {
	if len(body) < 12 {
		return fmt.Errorf("bind of %d bytes: %w", len(body), ErrMalformed)
	}
	n := int(body[8])
	items := body[12:]
	if len(items) < 44*n {
		return fmt.Errorf("bind of %d contexts in %d bytes: %w", n, len(items), ErrMalformed)
	}
	o, little := h.order(), h.Little()
	for i := range n {
		it := items[44*i:]
		c := Context{ID: o.Uint16(it), UUID: wireUUID(it[4:], little), Version: o.Uint16(it[20:]),
			Minor: o.Uint16(it[22:]), FirstFrag: h.Flags&FlagFirstFrag != 0, index: uint16(i), callID: h.CallID}
		p.putContext(c)
	}
	tx := p.newTx(h)
	tx.ReqType, tx.ReqDone = h.Type, true
	return nil
}

func (p *Parser) putContext(c Context) {
	for i := range p.contexts {
		if p.contexts[i].ID == c.ID {
			p.contexts[i] = c
			return
		}
	}
	if len(p.contexts) < maxContexts {
		p.contexts = append(p.contexts, c)
	}
}

// bindAck reads a bind_ack or alter_context_resp: its i-th result
// answers the i-th context of the same call's bind. Suricata reads these
// fields little endian whatever the data representation.
func (p *Parser) bindAck(h *Header, body []byte) error {
	le := binary.LittleEndian
	if len(body) < 10 {
		return fmt.Errorf("bind_ack of %d bytes: %w", len(body), ErrMalformed)
	}
	sec := int(le.Uint16(body[8:]))
	off := 10 + sec
	if pad := (sec + 2) % 4; pad != 0 {
		off += 4 - pad
	}
	if len(body) < off+4 {
		return fmt.Errorf("bind_ack of %d bytes: %w", len(body), ErrMalformed)
	}
	n := int(body[off])
	res := body[off+4:]
	if len(res) < 24*n {
		return fmt.Errorf("bind_ack of %d results in %d bytes: %w", n, len(res), ErrMalformed)
	}
	for i := range n {
		r := le.Uint16(res[24*i:])
		for j := len(p.contexts) - 1; j >= 0; j-- {
			c := &p.contexts[j]
			if c.index == uint16(i) && c.callID == h.CallID {
				c.Result, c.Acked = r, true
			}
		}
	}
	return nil
}
