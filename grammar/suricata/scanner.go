package suricata

import (
	"bytes"
	"sort"
	"strings"

	"github.com/rulec/rulec/diag"
)

// segment maps a run of a logical rule back to its physical line.
type segment struct {
	off  int // offset in the logical text
	line int
	col  int // 1-based column of the segment's first byte
}

// source is one logical rule: physical lines joined across trailing
// backslashes, with the map back to positions.
type source struct {
	file string
	text string
	segs []segment
}

func (s *source) pos(off int) diag.Pos {
	i := sort.Search(len(s.segs), func(i int) bool { return s.segs[i].off > off }) - 1
	if i < 0 {
		i = 0
	}
	sg := s.segs[i]
	return diag.Pos{File: s.file, Line: sg.line, Col: sg.col + off - sg.off}
}

// ParseFile parses every rule of a file. Rules that fail to parse are
// reported in the returned list (up to its cap) and left out; the rest are
// returned in file order. Comment lines that read as a rule become disabled
// rules; other comments are ignored.
func ParseFile(name string, src []byte) ([]*Rule, *diag.List) {
	var (
		rules []*Rule
		errs  = &diag.List{}
		cur   strings.Builder
		segs  []segment
	)
	line := 0
	for len(src) > 0 {
		var raw []byte
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			raw, src = src[:i], src[i+1:]
		} else {
			raw, src = src, nil
		}
		line++
		raw = bytes.TrimSuffix(raw, []byte{'\r'})
		col := 1
		if cur.Len() == 0 {
			trimmed := bytes.TrimLeft(raw, " \t")
			col += len(raw) - len(trimmed)
			raw = trimmed
		}
		segs = append(segs, segment{off: cur.Len(), line: line, col: col})
		body := bytes.TrimRight(raw, " \t")
		if bytes.HasSuffix(body, []byte{'\\'}) && len(src) > 0 {
			cur.Write(body[:len(body)-1])
			continue
		}
		cur.Write(raw)
		s := &source{file: name, text: cur.String(), segs: segs}
		cur.Reset()
		segs = nil
		if r, err := parseLogical(s); err != nil {
			errs.Add(err)
		} else if r != nil {
			rules = append(rules, r)
		}
	}
	return rules, errs
}

// parseLogical parses one logical line: nothing for blanks and plain
// comments, a disabled rule for a commented-out rule, a rule otherwise.
func parseLogical(s *source) (*Rule, *diag.Diagnostic) {
	text := s.text
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	if text[0] != '#' {
		return parseRule(s, 0)
	}
	off := 1
	for off < len(text) && (text[off] == '#' || text[off] == ' ' || text[off] == '\t') {
		off++
	}
	word := text[off:]
	if i := strings.IndexAny(word, " \t"); i >= 0 {
		word = word[:i]
	}
	if !isAction(word) {
		return nil, nil
	}
	r, err := parseRule(s, off)
	if err != nil {
		return nil, nil
	}
	r.Disabled = true
	return r, nil
}
