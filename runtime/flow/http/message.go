package http

import "bytes"

// head parses a complete head, or at the end of a stream the part of one
// that arrived.
func (p *Parser) head(s *side, head []byte, complete bool) {
	head = head[s.lead:]
	p.headMem, s.bufMem = s.bufMem, 0
	s.resetHead()
	if s.resp {
		p.responseHead(s, head, complete)
	} else {
		p.requestHead(s, head, complete)
	}
}

// maxPending bounds the requests waiting for a response; past it the
// oldest is given up.
const maxPending = 256

func (p *Parser) newTx() *Tx {
	tx := &Tx{ID: p.nextID, dumpReq: p.cfg.DumpRequestHeaders, dumpResp: p.cfg.DumpResponseHeaders}
	p.nextID++
	if len(p.pending) == maxPending {
		p.retire(p.pending[0])
		p.pending[0] = nil
		p.pending = p.pending[1:]
	}
	p.pending = append(p.pending, tx)
	return tx
}

func (p *Parser) requestHead(s *side, head []byte, complete bool) {
	tx := s.lineTx
	if tx == nil {
		tx = p.newTx()
	}
	s.lineTx = nil
	tx.mem, p.headMem = tx.mem+p.headMem, 0
	tx.Events, s.events = s.events, nil
	m := &tx.Request
	m.Line, m.RawHead = splitHead(head)
	var dupCL bool
	m.Headers, dupCL = parseHeaders(m.RawHead)
	if dupCL {
		tx.raise(EventRequestDupCL)
	}
	if auth, ok := m.Get("Authorization"); ok && !authRecognized(auth) {
		tx.raise(EventAuthUnrecognized)
	}
	tx.Method, tx.URI, m.Protocol = parseRequestLine(m.Line)
	tx.requestBuffers(&p.cfg)
	s.tx = tx
	te, _ := m.Get("Transfer-Encoding")
	cl, hasCL := m.Get("Content-Length")
	n, validCL := contentLength(cl)
	tx.reqNoBody = complete && !hasToken(te, "chunked") && !(hasCL && validCL && n > 0)
	connect := bytes.EqualFold(tx.Method, []byte("CONNECT"))
	if tx.reqNoBody && !connect && len(m.Protocol) > 0 {
		if s.taken = unexpectedBody(s.after); s.taken > 0 {
			tx.reqNoBody = false
			tx.raise(EventRequestBodyUnexpected)
		}
	}
	p.emit(tx, RequestHeaders)
	if !complete {
		return
	}
	s.limit = p.bodyLimit(m, s.resp)
	switch {
	case connect:
		m.Complete, s.state = true, stTunnel
	case s.taken > 0:
		p.unexpected(s, s.after[:s.taken])
	case hasToken(te, "chunked"):
		s.state = stChunkSize
	case hasCL && validCL && n > 0:
		s.state, s.remain = stLength, n
		p.reserve(s, min(n, int64(s.limit)))
	default:
		m.Complete = true
	}
}

// looksLikeStatus reports whether a response stream can start with a
// status line; it waits for enough bytes to tell.
func looksLikeStatus(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) < 4 {
		return true
	}
	return hasPrefixFold(data, "HTTP")
}

// headlessResponse takes a response without status line (HTTP/0.9) as a
// body running to the end of the stream.
func (p *Parser) headlessResponse(s *side) {
	tx := p.front()
	tx.HasResponse = true
	tx.responseBuffers()
	s.tx, s.state, s.limit = tx, stClose, p.cfg.keep(true)
	s.resetHead()
}

// uriNotSeen is the URI libhtp gives the request of a response without
// one.
var uriNotSeen = []byte("/libhtp::request_uri_not_seen")

// front is the oldest transaction without a response; a response without
// a request gets a transaction of its own, whose request libhtp takes as
// complete, with the URI uriNotSeen and nothing else.
func (p *Parser) front() *Tx {
	if len(p.pending) == 0 {
		tx := p.newTx()
		tx.Unseen, tx.unreported = true, true
		tx.URI, tx.reqNoBody, tx.Request.Complete = uriNotSeen[:len(uriNotSeen):len(uriNotSeen)], true, true
		tx.requestBuffers(&p.cfg)
	}
	return p.pending[0]
}

// emitResponse reports a response stage; the request of a response
// without one is reported after it, once: Suricata inspects that
// transaction's request side on the client's next packet, when the
// response's events are raised.
func (p *Parser) emitResponse(tx *Tx, st Stage) {
	p.emit(tx, st)
	if tx.unreported {
		tx.unreported = false
		p.emit(tx, RequestHeaders)
	}
}

func (p *Parser) responseHead(s *side, head []byte, complete bool) {
	s.lineTx = nil
	line, raw := splitHead(head)
	proto, code, reason, status, _ := parseStatusLine(line)
	if status >= 100 && status < 200 && status != 101 && complete {
		p.cfg.Memcap.give(p.headMem)
		p.headMem = 0
		return
	}
	tx := p.front()
	tx.mem, p.headMem = tx.mem+p.headMem, 0
	tx.Events, s.events = append(tx.Events, s.events...), nil
	m := &tx.Response
	m.Line, m.RawHead, m.Protocol = line, raw, proto
	var dupCL bool
	m.Headers, dupCL = parseHeaders(raw)
	if dupCL {
		tx.raise(EventResponseDupCL)
	}
	if enc, ok := m.Get("Content-Encoding"); ok && codingLayers(enc) > maxCodings {
		tx.raise(EventTooManyEncodingLayers)
	}
	tx.Status, tx.StatusText, tx.Reason, tx.HasResponse = status, code, reason, true
	tx.responseBuffers()
	s.tx = tx
	te, _ := m.Get("Transfer-Encoding")
	cl, hasCL := m.Get("Content-Length")
	n, validCL := contentLength(cl)
	connect := bytes.EqualFold(tx.Method, []byte("CONNECT"))
	tunnel := status == 101 || connect && status >= 200 && status < 300
	bodiless := bytes.EqualFold(tx.Method, []byte("HEAD")) || status > 0 && status < 200 || status == 204 || status == 304
	tx.respNoBody = complete && (tunnel || bodiless || !hasToken(te, "chunked") && hasCL && validCL && n == 0)
	refused := p.RefuseChange && (status == 101 && upgradeAsked(m) || connect && tunnel && tx.ID == 0)
	if refused {
		tx.raise(EventFailedProtocolChange)
	}
	p.emitResponse(tx, ResponseHeaders)
	if !complete {
		p.finish(s)
		return
	}
	s.limit = p.bodyLimit(m, s.resp)
	switch {
	case tunnel:
		m.Complete = true
		p.connected = p.connected || connect && !refused
		if status == 101 && !refused && h2cAsked(m) {
			p.h2c = tx
		}
		s.state, p.req.state = stTunnel, stTunnel
		p.finish(s)
	case bodiless:
		m.Complete = true
		p.finish(s)
	case hasToken(te, "chunked"):
		s.state = stChunkSize
	case hasCL && validCL:
		if n == 0 {
			m.Complete = true
			p.finish(s)
			return
		}
		s.state, s.remain = stLength, n
		p.reserve(s, min(n, int64(s.limit)))
	default:
		s.state = stClose
	}
}

// bodyLimit is how many body bytes of m to keep: encoded bodies shrink
// when decoded.
func (p *Parser) bodyLimit(m *Message, resp bool) int {
	if enc, ok := m.Get("Content-Encoding"); ok && !bytes.EqualFold(trimSpace(enc), []byte("identity")) {
		return max(p.cfg.EncodedLimit, p.cfg.keep(resp))
	}
	return p.cfg.keep(resp)
}

// bodyDone decodes a finished (or cut) body and reports it.
func (p *Parser) bodyDone(s *side, complete bool) {
	tx := s.tx
	m := tx.message(s)
	limit, keep := p.cfg.Limit(s.resp), p.cfg.keep(s.resp)
	enc, _ := m.Get("Content-Encoding")
	m.Body, m.Complete = s.raw[:min(len(s.raw), keep)], complete
	if len(enc) > 0 && p.cfg.Memcap.take(keep) {
		m.Body = decodeBody(enc, s.raw, keep, p.cfg.Bodies)
		kept := 0
		if !aliases(m.Body, s.raw) {
			kept = min(cap(m.Body), keep)
		}
		p.cfg.Memcap.give(keep - kept)
		tx.mem += kept
	}
	m.full = nil
	if len(m.Body) > limit {
		m.full, m.Body = m.Body, m.Body[:limit]
	}
	if aliases(m.Body, s.raw) {
		tx.mem += s.rawMem
	} else {
		p.cfg.Memcap.give(s.rawMem)
		p.cfg.Bodies.put(s.raw)
	}
	s.raw, s.rawMem, s.remain, s.state = nil, 0, 0, stHead
	if s.resp {
		tx.responseBodyBuffers(&p.cfg, limit)
		p.emitResponse(tx, ResponseBody)
		p.finish(s)
		return
	}
	tx.requestBodyBuffers(&p.cfg, limit)
	p.emit(tx, RequestBody)
	s.tx = nil
}

// aliases reports whether a and b share their first byte.
func aliases(a, b []byte) bool {
	return cap(a) > 0 && cap(b) > 0 && &a[:1][0] == &b[:1][0]
}

// firstBody is the most room made for a body before its bytes arrive, so
// that a length announced and not sent holds little.
const firstBody = 4 << 10

// reserve makes room for a body of n bytes to keep; when the memcap
// refuses, none of it is kept.
func (p *Parser) reserve(s *side, n int64) {
	s.raw = nil
	if !p.grow(&s.raw, int(min(n, firstBody)), s.limit, 1, &s.rawMem, p.cfg.Bodies) {
		s.limit = 0
	}
}

// finish retires the transaction whose response is complete.
func (p *Parser) finish(s *side) {
	if len(p.pending) > 0 && p.pending[0] == s.tx {
		p.retire(s.tx)
		p.recycle(s.tx)
		p.pending[0] = nil
		p.pending = p.pending[1:]
	}
	s.tx = nil
}

// unexpected makes body, the lines libhtp reads as the body of a request
// that announced none, the request's body.
func (p *Parser) unexpected(s *side, body []byte) {
	s.state, s.remain = stLength, int64(len(body))
	p.reserve(s, int64(min(len(body), s.limit)))
	p.step(s, body)
}

// upgradeAsked reports whether a 101 response's Upgrade makes Suricata
// ask for a protocol change: to HTTP/2 (h2c) or WebSocket.
func upgradeAsked(m *Message) bool {
	v, ok := m.Get("Upgrade")
	v = trimSpace(v)
	return ok && (bytes.Equal(v, []byte("h2c")) || bytes.EqualFold(v, []byte("websocket")))
}

// h2cAsked reports whether a 101 response's Upgrade is h2c (exactly).
func h2cAsked(m *Message) bool {
	v, ok := m.Get("Upgrade")
	return ok && bytes.Equal(trimSpace(v), []byte("h2c"))
}
