package bodyproc

import (
	"bytes"
	"errors"
	"fmt"
)

// MULTIPART bodies (multipart/form-data) give ARGS_POST for plain parts,
// FILES for parts with a filename, MULTIPART_PART_HEADERS for every part's
// header lines, and the MULTIPART_* flags for what ModSecurity's strict
// parser objects to. A body whose final boundary never comes is an error,
// after its complete parts are reported.
func init() { register("MULTIPART", parseMultipart) }

// Flags a multipart body can raise.
const (
	FlagBoundaryQuoted       = "MULTIPART_BOUNDARY_QUOTED"
	FlagBoundaryWhitespace   = "MULTIPART_BOUNDARY_WHITESPACE"
	FlagDataBefore           = "MULTIPART_DATA_BEFORE"
	FlagDataAfter            = "MULTIPART_DATA_AFTER"
	FlagHeaderFolding        = "MULTIPART_HEADER_FOLDING"
	FlagInvalidHeaderFolding = "MULTIPART_INVALID_HEADER_FOLDING"
	FlagLFLine               = "MULTIPART_LF_LINE"
	FlagCRLFLFLines          = "MULTIPART_CRLF_LF_LINES"
	FlagMissingSemicolon     = "MULTIPART_MISSING_SEMICOLON"
	FlagInvalidQuoting       = "MULTIPART_INVALID_QUOTING"
	FlagInvalidPart          = "MULTIPART_INVALID_PART"
	FlagUnmatchedBoundary    = "MULTIPART_UNMATCHED_BOUNDARY"
	FlagFileLimitExceeded    = "MULTIPART_FILE_LIMIT_EXCEEDED"
	FlagStrictError          = "MULTIPART_STRICT_ERROR"
	FlagDuplicatePartHeader  = "MULTIPART_DUPLICATE_PART_HEADER"
)

// StrictFlags are the flags that also raise MULTIPART_STRICT_ERROR.
var StrictFlags = []string{
	FlagBoundaryQuoted, FlagBoundaryWhitespace, FlagDataBefore, FlagDataAfter, FlagHeaderFolding,
	FlagInvalidHeaderFolding, FlagLFLine, FlagMissingSemicolon, FlagInvalidQuoting, FlagInvalidPart,
	FlagFileLimitExceeded, FlagDuplicatePartHeader,
}

var errMultipart = errors.New("invalid multipart body")

type part struct {
	headers [][2]string // name, value as written
	content []byte      // a slice of the body
}

type mpState uint8

const (
	preamble mpState = iota
	partHeaders
	partBody
	epilogue
)

func parseMultipart(body []byte, contentType string, s Sink) error {
	boundary, err := Boundary(contentType, s.Flag)
	if err != nil {
		return err
	}
	delim := append([]byte("--"), boundary...)
	var (
		state    = preamble
		cur      *part
		lf, crlf bool
		whole    = body
		start    int // offset of the current part's content in whole
	)
	finish := func() {
		if cur == nil {
			return
		}
		c := cur.content
		switch {
		case bytes.HasSuffix(c, []byte("\r\n")):
			c = c[:len(c)-2]
		case bytes.HasSuffix(c, []byte("\n")):
			c = c[:len(c)-1]
		}
		cur.content = c
		emitPart(cur, s)
		cur = nil
	}
	for len(body) > 0 {
		line, term := nextLine(body)
		body = body[len(line)+len(term):]
		switch string(term) {
		case "\n":
			lf = true
		case "\r\n":
			crlf = true
		}
		if bytes.HasPrefix(line, delim) {
			rest := line[len(delim):]
			final := bytes.HasPrefix(rest, []byte("--"))
			if final {
				rest = rest[2:]
			}
			if len(bytes.TrimRight(rest, " \t")) == 0 && state != epilogue {
				finish()
				if final {
					state = epilogue
				} else {
					state, cur = partHeaders, &part{}
				}
				continue
			}
			if state != epilogue {
				s.Flag(FlagUnmatchedBoundary)
			}
		}
		switch state {
		case preamble:
			if len(line) > 0 {
				s.Flag(FlagDataBefore)
			}
		case partHeaders:
			if len(line) == 0 {
				state, start = partBody, len(whole)-len(body)
				continue
			}
			headerLine(cur, line, s)
		case partBody:
			cur.content = whole[start : len(whole)-len(body)]
		case epilogue:
			if len(bytes.TrimSpace(line)) > 0 {
				s.Flag(FlagDataAfter)
			}
		}
	}
	if lf {
		s.Flag(FlagLFLine)
		if crlf {
			s.Flag(FlagCRLFLFLines)
		}
	}
	if state != epilogue {
		if state == partBody {
			finish()
		}
		return fmt.Errorf("%w: final boundary missing", errMultipart)
	}
	return nil
}

// nextLine returns the first line of b and its terminator ("\r\n", "\n"
// or none at the end).
func nextLine(b []byte) (line, term []byte) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil
	}
	if i > 0 && b[i-1] == '\r' {
		return b[:i-1], b[i-1 : i+1]
	}
	return b[:i], b[i : i+1]
}

// headerLine adds one header line (or a folded continuation) to p.
func headerLine(p *part, line []byte, s Sink) {
	if line[0] == ' ' || line[0] == '\t' {
		if len(p.headers) == 0 {
			s.Flag(FlagInvalidHeaderFolding)
			return
		}
		s.Flag(FlagHeaderFolding)
		h := &p.headers[len(p.headers)-1]
		h[1] += " " + string(bytes.TrimSpace(line))
		return
	}
	name, value, ok := bytes.Cut(line, []byte(":"))
	if !ok {
		s.Flag(FlagInvalidPart)
		return
	}
	for _, h := range p.headers {
		if bytes.EqualFold([]byte(h[0]), bytes.TrimSpace(name)) {
			s.Flag(FlagDuplicatePartHeader)
		}
	}
	p.headers = append(p.headers, [2]string{string(bytes.TrimSpace(name)), string(bytes.TrimSpace(value))})
}

// emitPart reports a complete part.
func emitPart(p *part, s Sink) {
	var disposition string
	found := false
	for _, h := range p.headers {
		if equalFold(h[0], "Content-Disposition") {
			disposition, found = h[1], true
		}
	}
	if !found {
		s.Flag(FlagInvalidPart)
		return
	}
	params, err := Disposition(disposition, s.Flag)
	if err != nil {
		s.Flag(FlagInvalidPart)
		return
	}
	name, hasName := params["name"]
	if !hasName {
		s.Flag(FlagInvalidPart)
	}
	for _, h := range p.headers {
		s.PartHeader(name, h[0]+": "+h[1])
	}
	filename, isFile := params["filename"]
	if fn, ok := params["filename*"]; ok && !isFile {
		filename, isFile = fn, true
	}
	if isFile {
		s.File(name, filename, len(p.content))
		return
	}
	s.Arg(name, string(p.content))
}

func equalFold(a, b string) bool { return bytes.EqualFold([]byte(a), []byte(b)) }
