package http

import (
	"bytes"
	"errors"
)

type state uint8

const (
	stHead      state = iota // start line and headers
	stLength                 // body of known length
	stChunkSize              // chunk-size line
	stChunkData              // chunk bytes
	stChunkEnd               // line end after chunk bytes
	stTrailer                // trailer lines after the last chunk
	stClose                  // body running to the end of the stream
	stTunnel                 // not parsed any more: a tunnel (CONNECT, 101) or the stream ended
)

var (
	errLineTooLong = errors.New("http: chunk or trailer line longer than the limit")
	errChunk       = errors.New("http: bad chunk size")
	errGap         = errors.New("http: gap outside a body")
)

// side is the parsing state of one direction.
type side struct {
	resp    bool
	state   state
	buf     []byte // partial head, or partial chunk-size or trailer line
	scan    int    // bytes of buf already searched for the end of the head
	lead    int    // empty lines before the start line
	gotLine bool   // the start line is complete
	bare    bool   // a request line without a protocol: headers are optional
	// The line being read: where it starts in buf, its bytes so far (kept
	// or not), its first and last byte.
	lineStart, lineSeen int
	lineFirst, lineLast byte
	lines               int      // header lines of the head so far
	skipping            bool     // past a head limit: read to the end of the head, keep nothing
	events              []string // events of the message being read
	bufMem, rawMem      int      // memcap charges of buf and raw
	chunkSeen           int      // bytes of a partial chunk-size or trailer line
	remain              int64
	raw                 []byte // body bytes kept (dechunked, still encoded)
	limit               int    // how many body bytes to keep
	tx                  *Tx
	lineTx              *Tx // the message reported at its start line, whose head is still being read
	err                 error
	frame               msgFrame
	// after is what arrived with a complete head, past it; the head's
	// parsing takes the first taken bytes of it (a request's unexpected
	// body).
	after []byte
	taken int
}

// headEnd finds the end of the head in data, resuming where the last call
// stopped.
func (s *side) headEnd(data []byte) (int, bool) {
	for {
		i := bytes.IndexByte(data[s.scan:], '\n')
		if i < 0 {
			return 0, false
		}
		start := s.scan
		s.scan += i + 1
		line := trimCR(data[start : s.scan-1])
		switch {
		case !s.gotLine:
			if len(trimSpace(line)) == 0 {
				s.lead = s.scan
				continue
			}
			s.gotLine = true
			s.bare = !s.resp && !hasProtocol(line)
		case len(line) == 0:
			return s.scan, true
		case s.bare:
			if bytes.IndexByte(line, ':') < 0 {
				s.scan = start
				return start, true
			}
			s.bare = false
		}
	}
}

// resetHead forgets a finished head.
func (s *side) resetHead() {
	s.buf, s.scan, s.lead, s.gotLine, s.bare = nil, 0, 0, false, false
	s.lineStart, s.lineSeen, s.lines, s.skipping = 0, 0, 0, false
}

// maxChunkLine is how much of a chunk-size or trailer line is held: the
// size and the start of its extensions. The rest of a longer line is read
// past, so a line sent without end holds no more than this.
const maxChunkLine = 64

// line returns the next complete line of a chunked body, buffering the
// start of a partial one; a line longer than limit is an error.
func (s *side) line(b []byte, limit int) (line, rest []byte, ok bool, err error) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		s.buf = append(s.buf, b[:min(len(b), max(maxChunkLine-len(s.buf), 0))]...)
		if s.chunkSeen += len(b); s.chunkSeen > limit {
			return nil, nil, false, errLineTooLong
		}
		return nil, nil, false, nil
	}
	line = b[:i]
	if s.chunkSeen > 0 {
		line = append(s.buf, line[:min(len(line), max(maxChunkLine-len(s.buf), 0))]...)
		s.buf = line[:0]
	}
	s.chunkSeen = 0
	return trimCR(line), b[i+1:], true, nil
}

// keep adds body bytes, up to the limit and as the memcap allows.
func (p *Parser) keep(s *side, b []byte) {
	n := min(s.limit-len(s.raw), len(b))
	if n <= 0 {
		return
	}
	if !p.growBody(s, n) {
		s.limit = len(s.raw)
		return
	}
	s.raw = append(s.raw, b[:n]...)
}

// growBody makes room for n more body bytes. Past the first reservation,
// a body of known length gets room for the rest of what was announced (up
// to the limit) at once instead of doubling towards it; when the memcap
// refuses that, only n.
func (p *Parser) growBody(s *side, n int) bool {
	if s.state == stLength && len(s.raw)+n > cap(s.raw) {
		rest := int(min(s.remain, int64(s.limit-len(s.raw))))
		if rest > n && p.grow(&s.raw, rest, len(s.raw)+rest, 1, &s.rawMem, p.cfg.Bodies) {
			return true
		}
	}
	return p.grow(&s.raw, n, s.limit, 1, &s.rawMem, p.cfg.Bodies)
}
