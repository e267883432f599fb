package smtp

import "bytes"

// Bounds of what one message's MIME state keeps; what is past them is
// dropped and counted in Parser.Truncated.
const (
	maxHeaders     = 1024
	maxHeaderValue = 64 << 10
	maxURLs        = 1024
	maxBoundaries  = 64
	// maxDecodedLine is Suricata's SMTP_MIME_MAX_DECODED_LINE_LENGTH: a
	// decoded line this long is searched for URLs without waiting for
	// its end.
	maxDecodedLine = 8192
)

// MIME anomalies, as Suricata's MIME_ANOM_* warnings.
const (
	anomInvalidBase64 = 1 << iota
	anomInvalidQP
	anomLongLine
	anomLongEncLine
	anomLongHeaderName
	anomLongHeaderValue
	anomLongBoundary
	anomLongFilename
)

// anomEvents names the events of the anomaly bits, in bit order.
var anomEvents = [...]string{"mime_invalid_base64", "mime_invalid_qp", "mime_long_line", "mime_long_enc_line",
	"mime_long_header_name", "mime_long_header_value", "mime_long_boundary", "mime_long_filename"}

// RFC 2045 limits Suricata warns past.
const (
	maxLineLen       = 998
	maxEncLineLen    = 76
	maxHeaderNameLen = 75
	warnHeaderValue  = 2000
	maxBoundaryLen   = 254
)

type mimeStage uint8

const (
	mimeStart mimeStage = iota
	mimeHeader
	mimeBody
)

type encoding uint8

const (
	encPlain encoding = iota
	encBase64
	encQP
)

type contentType uint8

const (
	ctMessage contentType = iota
	ctPlain
	ctHTML
	ctUnknown
)

type mimeResult uint8

const (
	mimeNeedsMore mimeResult = iota
	mimeFileOpen
	mimeFileClose
	mimeFileChunk
)

// Mime is the MIME state of one mail (Suricata's MimeStateSMTP).
type Mime struct {
	cfg     *Config
	schemes []string
	stage   mimeStage
	// Headers are the message's main headers (the first MainHeaders) and
	// then those of the part being read.
	Headers     []Header
	MainHeaders int
	filename    []byte
	// Attachments are the file names the parts declared; URLs the URLs
	// found in text parts, in the order found.
	Attachments [][]byte
	URLs        [][]byte
	boundaries  [][]byte
	enc         encoding
	dec         *b64Decoder
	ctype       contentType
	decodedLine []byte
	bufeol      [2]byte
	bufeolen    int
	// file receives the decoded bytes of the attachment being read.
	file func([]byte)
	// truncated counts what the bounds dropped.
	truncated *uint64
}

// Main returns the first main header of that (lowercase) name.
func (m *Mime) Main(name string) ([]byte, bool) {
	for _, h := range m.Headers[:m.MainHeaders] {
		if equalLower(h.Name, name) {
			return h.Value, true
		}
	}
	return nil, false
}

// MainAll returns every main header of that (lowercase) name.
func (m *Mime) MainAll(name string) [][]byte {
	var out [][]byte
	for _, h := range m.Headers[:m.MainHeaders] {
		if equalLower(h.Name, name) {
			out = append(out, h.Value)
		}
	}
	return out
}

// HeadersDone reports whether the message's main headers were all read.
func (m *Mime) HeadersDone() bool { return m.MainHeaders > 0 }

func (m *Mime) addHeader(name, value []byte) uint32 {
	var w uint32
	if len(name) > maxHeaderNameLen {
		w |= anomLongHeaderName
	}
	if len(value) > warnHeaderValue {
		w |= anomLongHeaderValue
	}
	if len(m.Headers) >= maxHeaders {
		*m.truncated++
		return w
	}
	m.Headers = append(m.Headers, Header{Name: bytes.Clone(name), Value: m.bounded(nil, value)})
	return w
}

func (m *Mime) bounded(dst, add []byte) []byte {
	if room := maxHeaderValue - len(dst); len(add) > room {
		*m.truncated++
		add = add[:max(room, 0)]
	}
	return append(dst, add...)
}

// processHeaders reads the headers of the part (or message) that just
// ended: its file name, transfer encoding, boundary and content type
// (mime_smtp_process_headers). encap reports a message/* part.
func (m *Mime) processHeaders() (w uint32, encap bool) {
	for _, h := range m.Headers[m.MainHeaders:] {
		switch {
		case equalLower(h.Name, "content-disposition"):
			if len(m.filename) == 0 {
				if v, ok := findToken(h.Value, "filename"); ok {
					w |= m.setFilename(v)
				}
			}
		case equalLower(h.Name, "content-transfer-encoding"):
			switch {
			case equalLower(h.Value, "base64"):
				m.enc, m.dec = encBase64, &b64Decoder{}
			case equalLower(h.Value, "quoted-printable"):
				m.enc = encQP
			}
		case equalLower(h.Name, "content-type"):
			if len(m.filename) == 0 {
				if v, ok := findToken(h.Value, "name"); ok {
					w |= m.setFilename(v)
				}
			}
			if v, ok := findToken(h.Value, "boundary"); ok {
				if len(v) > maxBoundaryLen {
					w |= anomLongBoundary
				}
				if len(m.boundaries) < maxBoundaries {
					m.boundaries = append(m.boundaries, append([]byte("--"), v...))
				} else {
					*m.truncated++
				}
			}
			ct := h.Value
			if i := bytes.IndexByte(ct, ';'); i >= 0 {
				ct = ct[:i]
			}
			switch string(ct) {
			case "text/plain":
				m.ctype = ctPlain
			case "text/html":
				m.ctype = ctHTML
			default:
				encap = encap || bytes.HasPrefix(ct, []byte("message/"))
				m.ctype = ctUnknown
			}
		}
	}
	return w, encap
}

func (m *Mime) setFilename(v []byte) uint32 {
	var w uint32
	if len(v) > maxTokenLen {
		w, v = anomLongFilename, v[:maxTokenLen]
	}
	m.filename = append(m.filename, v...)
	m.Attachments = append(m.Attachments, bytes.Clone(v))
	return w
}

// endHeaders ends a header block on its empty line.
func (m *Mime) endHeaders() (mimeResult, uint32) {
	w, encap := m.processHeaders()
	if m.MainHeaders == 0 {
		m.MainHeaders = len(m.Headers)
	}
	if encap {
		m.restart()
		return mimeNeedsMore, w
	}
	m.stage = mimeBody
	return mimeFileOpen, w
}

// parseLine reads one line of the message: line without its delimiter,
// full with it (mime_smtp_parse_line).
func (m *Mime) parseLine(line, full []byte) (mimeResult, uint32) {
	var w uint32
	switch m.stage {
	case mimeStart, mimeHeader:
		switch {
		case len(line) == 0:
			return m.endHeaders()
		case m.stage == mimeHeader && (line[0] == ' ' || line[0] == '\t'):
			if n := len(m.Headers); n > 0 {
				m.Headers[n-1].Value = m.bounded(m.Headers[n-1].Value, line[1:])
			}
		default:
			if name, value, ok := parseHeaderLine(line); ok {
				m.stage = mimeHeader
				w |= m.addHeader(name, value)
			}
		}
		return mimeNeedsMore, w
	}
	if n := len(m.boundaries); n > 0 {
		if b := m.boundaries[n-1]; bytes.HasPrefix(line, b) {
			return m.endPart(line, b), 0
		}
	}
	if len(m.filename) == 0 {
		if m.ctype == ctUnknown {
			return mimeNeedsMore, 0
		}
		switch m.enc {
		case encPlain, encQP:
			m.findURLs(full)
		case encBase64:
			if m.cfg.DecodeBase64 && m.dec != nil {
				if len(line) > maxEncLineLen {
					w |= anomLongEncLine
				}
				dec, ok := m.dec.decode(nil, line)
				if !ok {
					w |= anomInvalidBase64
				} else {
					m.findURLs(dec)
				}
			}
		}
		return mimeNeedsMore, w
	}
	switch m.enc {
	case encPlain:
		m.findURLs(full)
		if m.bufeolen > 0 {
			// Suricata appends both bytes of its end-of-line buffer
			m.file(m.bufeol[:])
		}
		m.file(line)
		m.bufeolen = copy(m.bufeol[:], full[len(line):])
	case encBase64:
		if m.cfg.DecodeBase64 && m.dec != nil {
			if len(line) > maxEncLineLen {
				w |= anomLongEncLine
			}
			dec, ok := m.dec.decode(nil, line)
			if ok {
				m.findURLs(dec)
				m.file(dec)
			} else {
				w |= anomInvalidBase64
			}
		}
	case encQP:
		if m.cfg.DecodeQP {
			w |= m.quotedPrintable(line, full)
		}
	}
	return mimeFileChunk, w
}

// restart readies the state for the next part's headers (Suricata 8.0's
// MimeStateSMTP restart): the part's headers, encoding, decoder, file
// name, content type and pending line are dropped.
func (m *Mime) restart() {
	m.stage = mimeStart
	m.Headers = m.Headers[:m.MainHeaders]
	m.enc, m.dec = encPlain, nil
	m.filename = m.filename[:0]
	m.bufeolen = 0
	m.ctype = ctMessage
	m.decodedLine = m.decodedLine[:0]
}

// endPart ends the part on its boundary line; a closing boundary
// ("--b--") ends the multipart.
func (m *Mime) endPart(line, b []byte) mimeResult {
	if m.enc == encBase64 && m.cfg.DecodeBase64 && m.dec != nil && m.dec.nb > 0 {
		if dec := m.dec.flush(nil); len(dec) > 0 {
			m.file(dec)
		}
	}
	toClose := len(m.filename) > 0
	if len(line) >= len(b)+2 && line[len(b)] == '-' && line[len(b)+1] == '-' {
		m.boundaries = m.boundaries[:len(m.boundaries)-1]
	}
	m.restart()
	if toClose {
		return mimeFileClose
	}
	return mimeNeedsMore
}

// quotedPrintable decodes one line of a quoted-printable attachment,
// carrying a soft line break or an escape split by the line's end to the
// next line, as Suricata does.
func (m *Mime) quotedPrintable(line, full []byte) uint32 {
	var w uint32
	if len(line) > maxEncLineLen {
		w |= anomLongEncLine
	}
	c, eolEqual := 0, false
	q := make([]byte, 0, len(full))
	switch {
	case m.bufeolen > 0 && m.bufeol[0] == '=':
		if len(line) >= 2 {
			h1, h2 := line[0], line[1]
			if m.bufeolen != 1 {
				h1, h2 = m.bufeol[1], line[0]
			}
			v1, ok1 := hexVal(h1)
			v2, ok2 := hexVal(h2)
			if ok1 && ok2 {
				q = append(q, v1<<4|v2)
			}
		}
		if len(q) == 0 {
			w |= anomInvalidQP
		}
		c = 3 - m.bufeolen
		m.bufeolen = 0
	case m.bufeolen > 0:
		q = append(q, m.bufeol[:m.bufeolen]...)
		m.bufeolen = 0
	}
	for c < len(line) {
		if line[c] != '=' {
			q = append(q, line[c])
			c++
			continue
		}
		if c == len(line)-1 && len(full) > len(line) {
			eolEqual = true
			break
		}
		if c+2 >= len(line) {
			if len(full) > len(line) {
				w |= anomInvalidQP
			} else {
				m.bufeolen = len(line) - c
				m.bufeol[0] = '='
				if m.bufeolen == 2 {
					m.bufeol[1] = line[c+1]
				}
			}
			break
		}
		v1, ok1 := hexVal(line[c+1])
		v2, ok2 := hexVal(line[c+2])
		if ok1 && ok2 {
			q = append(q, v1<<4|v2)
		} else {
			w |= anomInvalidQP
		}
		c += 3
	}
	switch {
	case len(line) == 0:
		m.bufeolen = copy(m.bufeol[:], full)
	case !eolEqual:
		q = append(q, full[len(line):]...)
	}
	m.findURLs(q)
	m.file(q)
	return w
}

// complete ends the message: the last unfinished line is searched for
// URLs.
func (m *Mime) complete() { m.findURLs([]byte("\n")) }

// findURLs searches decoded text for URLs line by line, holding an
// unfinished line until its end (mime_smtp_find_url_strings as of
// Suricata 8.0.6: the text up to the new bytes' last line end is
// searched, the rest held).
func (m *Mime) findURLs(in []byte) {
	if !m.cfg.ExtractURLs {
		return
	}
	input := in
	if len(m.decodedLine) > 0 {
		m.decodedLine = append(m.decodedLine, in...)
		input = m.decodedLine
	}
	if len(input) == 0 {
		return
	}
	if input[len(input)-1] == '\n' || len(input) > maxDecodedLine {
		m.extractURLs(input)
		m.decodedLine = m.decodedLine[:0]
		return
	}
	// the last line end among the new bytes
	if x := bytes.LastIndexByte(input[len(input)-len(in):], '\n'); x >= 0 {
		x += len(input) - len(in)
		m.extractURLs(input[:x])
		if len(m.decodedLine) > 0 {
			m.decodedLine = append(m.decodedLine[:0], m.decodedLine[x:]...)
		} else {
			m.decodedLine = append(m.decodedLine, in[x:]...)
		}
		return
	}
	if len(m.decodedLine) == 0 {
		m.decodedLine = append(m.decodedLine, in...)
	}
}

// extractURLs adds the URLs of each configured scheme in text: from the
// scheme to the first space, tab, quote, '<', '>' or ']'.
func (m *Mime) extractURLs(text []byte) {
	for _, s := range m.schemes {
		in := text
		for {
			start := indexFold(in, s)
			if start < 0 {
				break
			}
			url := in[start:]
			if end := bytes.IndexAny(url, " \"'<>]\t"); end >= 0 {
				url = url[:end]
			}
			if len(m.URLs) >= maxURLs {
				*m.truncated++
				return
			}
			v := url
			if !m.cfg.LogURLScheme {
				v = url[len(s):]
			}
			m.URLs = append(m.URLs, bytes.Clone(v))
			in = in[start+len(url):]
		}
	}
}

// indexFold finds s in b, ASCII case-insensitively.
func indexFold(b []byte, s string) int {
	if len(s) == 0 || len(s) > len(b) {
		return -1
	}
	for i := 0; i+len(s) <= len(b); i++ {
		if bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return i
		}
	}
	return -1
}
