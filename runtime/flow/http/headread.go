package http

// probe is the start of a response stream so far with b, enough to tell
// whether it starts with a status line.
func (s *side) probe(b []byte) []byte {
	const enough = 64
	if len(s.buf) >= enough {
		return s.buf
	}
	return append(s.buf[:len(s.buf):len(s.buf)], b[:min(len(b), enough)]...)
}

// takeLine adds one line of a head, or the start of one (without '\n'),
// within the limits. When the line ends the head, it returns the head and
// the bytes read past it (a bare request line's first body line).
func (p *Parser) takeLine(s *side, line []byte) (head, rest []byte, done bool) {
	complete := line[len(line)-1] == '\n'
	content := line
	if complete {
		content = line[:len(line)-1]
	}
	if len(content) > 0 {
		if s.lineSeen == 0 {
			s.lineFirst = content[0]
		}
		s.lineLast = content[len(content)-1]
	}
	room := max(p.cfg.FieldLimit-s.lineSeen, 0)
	s.lineSeen += len(content)
	blank := s.lineSeen == 0 || s.lineSeen == 1 && s.lineFirst == '\r'
	if s.skipping {
		if !complete {
			return nil, nil, false
		}
		s.lineSeen = 0
		if !blank {
			return nil, nil, false
		}
		if !s.gotLine { // the memcap refused the start line
			p.cfg.Memcap.give(s.bufMem)
			s.bufMem = 0
			s.resetHead()
			return nil, nil, false
		}
		head = append(s.buf, '\r', '\n')
		s.buf = nil
		return head, nil, true
	}
	if len(content) > room {
		content = content[:room]
		s.event(EventRequestFieldTooLong, EventResponseFieldTooLong)
	}
	header := s.gotLine && !(complete && blank)
	over := header && (len(s.buf)+len(content)+2 > p.cfg.MaxHeaderBytes || s.lines >= p.cfg.MaxHeaders)
	if over || !p.grow(&s.buf, len(content)+2, p.cfg.MaxHeaderBytes+2, headCost, &s.bufMem, nil) {
		s.buf = s.buf[:s.lineStart]
		s.skipping = true
		if over {
			s.event(EventRequestTooManyHeaders, EventResponseTooManyHeaders)
		}
		if complete {
			s.lineSeen = 0
		}
		return nil, nil, false
	}
	s.buf = append(s.buf, content...)
	if !complete {
		return nil, nil, false
	}
	if s.lineSeen > p.cfg.FieldLimit && s.lineLast == '\r' {
		s.buf = append(s.buf, '\r') // a cut line keeps its line end
	}
	s.buf = append(s.buf, '\n')
	s.lineSeen = 0
	if header {
		s.lines++
	}
	end, ok := s.headEnd(s.buf)
	if !s.gotLine {
		s.buf, s.scan, s.lead = s.buf[:0], 0, 0 // a blank line before the start line
	}
	s.lineStart = len(s.buf)
	if !ok {
		return nil, nil, false
	}
	head, rest = s.buf[:end:end], s.buf[end:]
	s.buf = nil
	return head, rest, true
}
