package http

import (
	"bytes"

	"github.com/rulec/rulec/runtime/inspect"
)

// Parser parses one connection. It is not safe for concurrent use.
type Parser struct {
	cfg     Config
	emit    func(*Tx, Stage)
	req     side
	resp    side
	pending []*Tx // requests waiting for their response, oldest first
	nextID  uint64
	headMem int // memcap charge of the head being parsed
	// connected: a CONNECT request got a 2xx response; what follows in
	// both directions is the tunnel's.
	connected bool
	// h2c: a 101 response switched to HTTP/2 cleartext (Upgrade: h2c);
	// h2cRest the response bytes after its head, HTTP/2's first ones.
	h2c     *Tx
	h2cRest []byte
	// RefuseChange: the flow is changing protocol already (its data is
	// the first after SMTP's STARTTLS); a change the parser would ask for
	// (101 Upgrade, CONNECT) is refused with http.failed_protocol_change,
	// as Suricata refuses a change during another.
	RefuseChange bool
	// holding: finished transactions keep their bodies (in held) until
	// HoldBodies(false), as units reporting them wait to be inspected.
	holding bool
	held    []*Tx
}

// Connected reports whether a CONNECT request got a 2xx response: the
// bytes after it are the tunnelled protocol's, not HTTP's.
func (p *Parser) Connected() bool { return p.connected }

// H2C returns, once, the transaction whose 101 response switched the
// connection to HTTP/2 (Upgrade: h2c), and the bytes of the Feed that
// followed the response head: the server's first HTTP/2 bytes.
func (p *Parser) H2C() (*Tx, []byte) {
	tx, rest := p.h2c, p.h2cRest
	p.h2c, p.h2cRest = nil, nil
	return tx, rest
}

// NewParser returns a parser reporting each transaction stage to emit.
// A Tx stays valid and unchanged by later data until its next stage; with
// cfg.Bodies, a finished transaction's bodies go back to the pool once
// its last stage was emitted.
func NewParser(cfg Config, emit func(*Tx, Stage)) *Parser {
	def := DefaultConfig()
	if cfg.MaxHeaderBytes <= 0 {
		cfg.MaxHeaderBytes = def.MaxHeaderBytes
	}
	if cfg.FieldLimit <= 0 || cfg.FieldLimit > cfg.MaxHeaderBytes {
		cfg.FieldLimit = min(def.FieldLimit, cfg.MaxHeaderBytes)
	}
	if cfg.MaxHeaders <= 0 {
		cfg.MaxHeaders = def.MaxHeaders
	}
	return &Parser{cfg: cfg, emit: emit, resp: side{resp: true}}
}

func (p *Parser) side(dir inspect.Dir) *side {
	if dir == inspect.ToClient {
		return &p.resp
	}
	return &p.req
}

// Feed parses the next in-order bytes of one direction. It returns an
// error once, when that direction stops being parseable; later bytes of
// that direction are ignored.
func (p *Parser) Feed(dir inspect.Dir, b []byte) error {
	s := p.side(dir)
	for len(b) > 0 && s.err == nil {
		s.openFrame()
		n := len(b)
		b = p.step(s, b)
		s.advance(n - len(b))
		if s.err != nil {
			return s.err
		}
	}
	p.startLine(s)
	return nil
}

// startLine reports a message whose start line is complete while its
// headers are not, once per message: Suricata inspects the line's
// buffers at that progress (HTP_REQUEST_PROGRESS_LINE: http.method,
// http.uri, http.uri.raw, http.request_line; HTP_RESPONSE_PROGRESS_LINE:
// http.stat_code, http.stat_msg, http.response_line). The head, once
// complete, goes on with the same transaction. An interim (1xx) status
// line is not reported.
func (p *Parser) startLine(s *side) {
	if s.state != stHead || !s.gotLine || s.bare || s.skipping || s.lineTx != nil || s.err != nil {
		return
	}
	i := bytes.IndexByte(s.buf, '\n')
	if i < 0 {
		return
	}
	line := bytes.Clone(trimCR(s.buf[:i]))
	if !s.resp {
		tx := p.newTx()
		tx.Request.Line = line
		tx.Method, tx.URI, tx.Request.Protocol = parseRequestLine(line)
		tx.requestLineBuffers(&p.cfg)
		s.lineTx = tx
		p.emit(tx, RequestLine)
		return
	}
	proto, code, reason, status, ok := parseStatusLine(line)
	if !ok || status >= 100 && status < 200 {
		return
	}
	tx := p.front()
	tx.Response.Line, tx.Response.Protocol = line, proto
	tx.Status, tx.StatusText, tx.Reason, tx.HasResponse = status, code, reason, true
	tx.responseLineBuffers()
	s.lineTx = tx
	p.emit(tx, ResponseLine)
}

// Gap tells the parser n bytes of one direction were lost. Inside a body
// of known length it is skipped; elsewhere the direction stops.
func (p *Parser) Gap(dir inspect.Dir, n int) error {
	s := p.side(dir)
	if s.err != nil {
		return nil
	}
	defer s.advance(n)
	switch s.state {
	case stLength, stChunkData:
		if int64(n) > s.remain {
			s.err = errGap
			return s.err
		}
		s.remain -= int64(n)
		s.tx.message(s).BodyLen += int64(n)
		p.afterData(s)
	case stClose, stTunnel:
	default:
		s.err = errGap
		return s.err
	}
	return nil
}

// End tells the parser one direction's stream is over: a body running to
// the end completes, and a cut head or body is reported as it stands.
func (p *Parser) End(dir inspect.Dir) {
	s := p.side(dir)
	if s.err != nil {
		return
	}
	switch s.state {
	case stHead:
		if len(s.buf) > 0 {
			if s.buf[len(s.buf)-1] != '\n' {
				s.buf = append(s.buf, '\n')
			}
			if _, ok := s.headEnd(s.buf); !ok && s.gotLine {
				s.scan = len(s.buf)
			}
			if s.gotLine {
				p.head(s, s.buf[:s.scan], false)
			}
		}
	case stClose:
		p.bodyDone(s, true)
	case stLength, stChunkSize, stChunkData, stChunkEnd, stTrailer:
		p.bodyDone(s, false)
	}
	s.advance(0)
	s.state = stTunnel
	s.resetHead()
}

func (p *Parser) step(s *side, b []byte) []byte {
	switch s.state {
	case stHead:
		return p.feedHead(s, b)
	case stLength, stChunkData:
		n := int(min(s.remain, int64(len(b))))
		p.keep(s, b[:n])
		s.tx.message(s).BodyLen += int64(n)
		s.remain -= int64(n)
		p.afterData(s)
		return b[n:]
	case stChunkSize:
		line, rest, ok, err := s.line(b, p.cfg.MaxHeaderBytes)
		if s.err = err; !ok {
			return nil
		}
		size, valid := chunkSize(line)
		if valid && bytes.IndexByte(line, ';') >= 0 {
			s.tx.raise(pick(s.resp, EventRequestChunkExtension, EventResponseChunkExtension))
		}
		switch {
		case !valid:
			s.err = errChunk
		case size == 0:
			s.state = stTrailer
		default:
			s.remain, s.state = size, stChunkData
		}
		return rest
	case stChunkEnd:
		_, rest, ok, err := s.line(b, p.cfg.MaxHeaderBytes)
		if s.err = err; ok {
			s.state = stChunkSize
		}
		return rest
	case stTrailer:
		line, rest, ok, err := s.line(b, p.cfg.MaxHeaderBytes)
		if s.err = err; ok && len(line) == 0 {
			p.bodyDone(s, true)
		}
		return rest
	case stClose:
		p.keep(s, b)
		s.tx.message(s).BodyLen += int64(len(b))
		return nil
	case stTunnel:
		if s.resp && p.h2c != nil {
			p.h2cRest = append(p.h2cRest, b...)
		}
	}
	return nil
}

// afterData moves on once a length body or a chunk's data is consumed.
func (p *Parser) afterData(s *side) {
	switch {
	case s.remain > 0:
	case s.state == stChunkData:
		s.state = stChunkEnd
	default:
		p.bodyDone(s, true)
	}
}

// feedHead reads a head line by line within the limits; once it is
// complete it is parsed and the bytes after it are returned.
func (p *Parser) feedHead(s *side, b []byte) []byte {
	if s.resp && !s.gotLine && !looksLikeStatus(s.probe(b)) {
		p.headlessResponse(s)
		return b
	}
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line = b[:i+1]
		}
		b = b[len(line):]
		head, rest, done := p.takeLine(s, line)
		if !done {
			continue
		}
		if len(rest) > 0 {
			b = append(bytes.Clone(rest), b...)
		}
		s.after = b
		p.head(s, head, true)
		b, s.after, s.taken = b[s.taken:], nil, 0
		return b
	}
	return nil
}

func (tx *Tx) message(s *side) *Message {
	if s.resp {
		return &tx.Response
	}
	return &tx.Request
}
