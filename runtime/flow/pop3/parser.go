package pop3

import (
	"bytes"
	"strconv"

	"github.com/rulec/rulec/runtime/flow/pending"
)

// DefaultMaxTx is Suricata 8's app-layer.protocols.pop3.max-tx.
const DefaultMaxTx = 256

// maxPending bounds the bytes a direction holds while a message's end
// has not come (a multi-line response waits for its ".\r\n"): past it the
// parse ends, counted in Truncated.
const maxPending = 256 << 10

// Parser follows one POP3 session.
type Parser struct {
	// MaxTx bounds the transactions held: one more closes every open one
	// with too_many_transactions and ends the parse, as Suricata's parser
	// errors out.
	MaxTx int
	// Failed: the parse ended (bytes that are not POP3, too many
	// transactions, a message past maxPending); TLS: the server accepted
	// STLS, what follows is TLS.
	Failed, TLS bool
	// Truncated counts the directions whose pending message passed
	// maxPending.
	Truncated uint64

	txs      []*Tx // open, and those completed by the last Feed
	seq      uint64
	pend     pending.Dirs
	gap      [2]bool
	retrData int  // bytes of a RETR body still to skip
	authNext bool // the client's next line is a SASL blob
	changed  []*Tx
}

// NewParser returns a parser with Suricata 8's defaults.
func NewParser() *Parser { return &Parser{MaxTx: DefaultMaxTx} }

// Feed parses one direction's next bytes and returns the transactions
// they changed (a command, a response, a completion), valid until the
// next Feed. The transactions completed by the Feed before are released
// first, as Suricata frees a transaction once it is done and logged.
// b is not kept.
func (p *Parser) Feed(toServer bool, b []byte) []*Tx {
	if p.Failed || p.TLS {
		return nil
	}
	p.txs, p.changed = pending.Retire(p.txs, func(tx *Tx) bool { return tx.Complete }), p.changed[:0]
	d := pending.Dir(toServer)
	data := p.pend.Join(d, b)
	var n int
	var ok bool
	if toServer {
		n, ok = p.request(data)
	} else {
		n, ok = p.response(data)
	}
	if !ok {
		p.Failed = true
		p.pend = pending.Dirs{}
		return p.changed
	}
	rest := data[n:]
	if len(rest) > maxPending {
		p.Truncated++
		p.Failed = true
		p.pend = pending.Dirs{}
		return p.changed
	}
	p.pend.Keep(d, rest)
	return p.changed
}

// Gap notes a hole in a direction: its pending bytes are dropped and, as
// Suricata, its data is skipped until a chunk starting with a message.
func (p *Parser) Gap(toServer bool) {
	d := pending.Dir(toServer)
	p.pend[d], p.gap[d] = nil, true
}

// Open returns the transactions not released, oldest first.
func (p *Parser) Open() []*Tx { return p.txs }

// Held is the bytes the parser holds, for the stream memcap.
func (p *Parser) Held() int {
	n := p.pend.Held()
	for _, tx := range p.txs {
		n += tx.size()
	}
	return n
}

func (p *Parser) touch(tx *Tx) {
	for _, c := range p.changed {
		if c == tx {
			return
		}
	}
	p.changed = append(p.changed, tx)
}

// newTx starts a transaction; past MaxTx it closes every open one with
// too_many_transactions and returns nil.
func (p *Parser) newTx() *Tx {
	if len(p.txs) > p.MaxTx {
		for _, tx := range p.txs {
			if !tx.Complete {
				tx.Complete = true
				tx.event("pop3.too_many_transactions")
				p.touch(tx)
			}
		}
		return nil
	}
	p.seq++
	tx := &Tx{ID: p.seq - 1}
	p.txs = append(p.txs, tx)
	return tx
}

// findRequest is the oldest transaction still waiting for its response.
func (p *Parser) findRequest() *Tx {
	for _, tx := range p.txs {
		if tx.Response == nil {
			return tx
		}
	}
	return nil
}

// request parses client bytes; n is what it consumed (the rest waits
// for more), ok false when they are not POP3.
func (p *Parser) request(in []byte) (n int, ok bool) {
	if len(in) == 0 {
		return 0, true
	}
	if p.gap[0] {
		if _, _, _, res := parseCommand(in); res != parsedOK {
			return len(in), true
		}
		p.gap[0] = false
	}
	start := 0
	for start < len(in) {
		if p.authNext {
			end, res := saslBlob(in[start:])
			switch res {
			case parsedMore:
				return start, true
			case parsedBad:
				return start, false
			}
			p.authNext = false
			if tx := p.newTx(); tx != nil {
				tx.Request = &Command{Name: saslData}
				p.touch(tx)
			}
			start += end
			continue
		}
		c, flags, used, res := parseCommand(in[start:])
		switch res {
		case parsedMore:
			return start, true
		case parsedBad:
			return start, false
		}
		tx := p.newTx()
		if tx == nil {
			return start, false
		}
		tx.flagEvents(flags)
		tx.Request = &c
		p.touch(tx)
		start += used
	}
	return len(in), true
}

// saslBlob reads a base64 line the client sends after AUTH.
func saslBlob(b []byte) (n int, res parsed) {
	i := 0
	for i < len(b) && isBase64(b[i]) {
		i++
	}
	rest := b[i:]
	switch {
	case len(rest) < 2 && bytes.HasPrefix(crlf, rest):
		return 0, parsedMore
	case !bytes.HasPrefix(rest, crlf):
		return 0, parsedBad
	}
	return i + 2, parsedOK
}

func isBase64(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '+' || c == '/' || c == '='
}

// response parses server bytes as Suricata's parse_response.
func (p *Parser) response(in []byte) (n int, ok bool) {
	start := in
	if p.retrData > 0 {
		if len(in) < p.retrData {
			p.retrData -= len(in)
			return len(in), true
		}
		start = in[p.retrData:]
		p.retrData = 0
		p.complete(p.findRequest())
	}
	if len(start) == 0 {
		return len(in), true
	}
	if p.gap[1] {
		if _, _, _, ok := parseResponse(start); !ok {
			return len(in), true
		}
		p.gap[1] = false
	}
	for len(start) > 0 {
		off := len(in) - len(start)
		if bytes.HasPrefix(start, []byte("+ \r\n")) {
			// an empty server challenge
			if tx := p.findRequest(); tx != nil {
				tx.Response = &Response{OK: true}
				p.complete(tx)
				if tx.Request != nil && tx.Request.Keyword == KwAUTH {
					p.authNext = true
				}
			}
			start = start[4:]
			continue
		}
		multiline, retr := false, false
		if tx := p.findRequest(); tx != nil && tx.Request != nil {
			switch c := tx.Request; c.Keyword {
			case KwLIST, KwUIDL:
				multiline = len(c.Args) == 0
			case KwTOP:
				multiline = true
			case KwRETR:
				multiline, retr = true, true
			}
		}
		eol := bytes.Index(start, crlf)
		if eol < 0 {
			return off, true
		}
		header, body := start[:eol], start[eol+2:]
		switch {
		case retr && bytes.HasPrefix(header, []byte("+OK ")) && bytes.HasSuffix(header, []byte("octets")):
			// the body's size: skip it rather than look for its end in it
			size := octets(header[4:])
			done := min(size, len(body))
			p.retrData = size - done
			start = body[done:]
		case bytes.HasPrefix(header, []byte("-ERR")):
			multiline = false
		}
		if multiline {
			// Suricata looks for ".\r\n" anywhere from here, the first
			// line included
			end := bytes.Index(start, []byte(".\r\n"))
			if end < 0 {
				return len(in) - len(start), true
			}
			if retr && p.retrData == 0 {
				start = start[end+3:]
				p.complete(p.findRequest())
			}
		}
		if len(start) == 0 {
			return len(in), true
		}
		if !bytes.Contains(start, crlf) {
			return len(in) - len(start), true
		}
		r, flags, used, ok := parseResponse(start)
		if !ok {
			return len(in) - len(start), false
		}
		tx := p.findRequest()
		if tx == nil {
			// a response before any command: the greeting
			if tx = p.newTx(); tx == nil {
				return len(in) - len(start), false
			}
		}
		tx.flagEvents(flags)
		authOK := false
		if r.OK && tx.Request != nil {
			switch tx.Request.Keyword {
			case KwSTLS:
				p.TLS = true
			case KwRETR:
				r.Data = nil
			case KwAUTH:
				authOK = true
			}
		}
		tx.Response = &r
		p.complete(tx)
		p.authNext = p.authNext || authOK
		start = start[used:]
	}
	return len(in), true
}

func (p *Parser) complete(tx *Tx) {
	if tx != nil {
		tx.Complete = true
		p.touch(tx)
	}
}

// octets reads the size a RETR response announces: up to 10 digits, 0
// when there are none or they overflow 32 bits.
func octets(b []byte) int {
	i := 0
	for i < len(b) && i < 10 && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	v, err := strconv.ParseUint(string(b[:i]), 10, 32)
	if err != nil {
		return 0
	}
	return int(v)
}

// Probe reports whether a direction's first bytes are POP3 as Suricata's
// probing parser decides (on the POP3 port): at least 5 bytes holding a
// whole command line from the client, a whole response line from the
// server. more: too few bytes to tell.
func Probe(toServer bool, b []byte) (ok, more bool) {
	if len(b) < 5 {
		return false, true
	}
	if toServer {
		_, _, _, res := parseCommand(b)
		return res == parsedOK, false
	}
	_, _, _, ok = parseResponse(b)
	return ok, false
}
