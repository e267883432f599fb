package suricata

import (
	"bytes"
	"strings"

	"github.com/rulec/rulec/diag"
)

// source is one logical rule: physical lines joined across trailing
// backslashes, with the map back to positions.
type source struct {
	text  string
	lines *diag.LineMap
}

func (s *source) pos(off int) diag.Pos { return s.lines.Pos(off) }

// ParseFile parses every rule of a file. Rules that fail to parse are
// reported in the returned list (up to its cap) and left out; the rest are
// returned in file order. Comment lines that read as a rule become disabled
// rules; other comments are ignored.
func ParseFile(name string, src []byte) ([]*Rule, *diag.List) {
	var (
		rules []*Rule
		errs  = &diag.List{}
		cur   strings.Builder
		lines = &diag.LineMap{File: name}
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
		lines.Add(cur.Len(), line, col)
		body := bytes.TrimRight(raw, " \t")
		if bytes.HasSuffix(body, []byte{'\\'}) && len(src) > 0 {
			cur.Write(body[:len(body)-1])
			continue
		}
		cur.Write(raw)
		s := &source{text: cur.String(), lines: lines}
		cur.Reset()
		lines = &diag.LineMap{File: name}
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
