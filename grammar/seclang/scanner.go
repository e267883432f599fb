package seclang

import (
	"sort"
	"strings"

	"github.com/rulec/rulec/diag"
)

// logical is one directive's text: physical lines joined across trailing
// backslashes, with the map back to positions.
type logical struct {
	text  string
	lines *diag.LineMap
}

func (l *logical) pos(off int) diag.Pos { return l.lines.Pos(off) }

// splitLines calls fn for every logical line of src that is neither blank
// nor a comment. A comment that starts a logical line ends with its physical
// line, even when that line ends in a backslash.
func splitLines(file, src string, fn func(*logical)) {
	var (
		cur   []byte
		lines = &diag.LineMap{File: file}
		n     int
	)
	for len(src) > 0 {
		var raw string
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			raw, src = src[:i], src[i+1:]
		} else {
			raw, src = src, ""
		}
		n++
		raw = strings.TrimSuffix(raw, "\r")
		col := 1
		if lines.Empty() {
			trimmed := strings.TrimLeft(raw, " \t\v\f\r")
			if trimmed == "" || trimmed[0] == '#' {
				continue
			}
			col += len(raw) - len(trimmed)
			raw = trimmed
		}
		lines.Add(len(cur), n, col)
		if strings.HasSuffix(raw, `\`) {
			raw = raw[:len(raw)-1]
			if len(src) > 0 {
				cur = append(cur, raw...)
				continue
			}
		}
		text := raw
		if len(cur) > 0 {
			text = string(append(cur, raw...))
			cur = cur[:0]
		}
		if t := strings.TrimLeft(text, " \t\v\f\r"); t != "" && t[0] != '#' {
			fn(&logical{text: text, lines: lines})
		}
		lines = &diag.LineMap{File: file}
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// token is an argument together with what maps offsets in its value back to
// the logical line.
type token struct {
	Arg
	start int   // offset of the value's first byte in the logical text
	esc   []int // value offsets of quote characters that were escaped
}

// off returns the offset in the logical text of byte i of the value.
func (t *token) off(i int) int {
	n := sort.SearchInts(t.esc, i+1)
	return t.start + i + n
}

// tokenize splits a logical line into white-space separated words; the
// first is the directive name.
func tokenize(l *logical) ([]token, *diag.Diagnostic) {
	var toks []token
	text := l.text
	i := 0
	for {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
		if i >= len(text) {
			return toks, nil
		}
		c := text[i]
		if c != '"' && c != '\'' {
			start := i
			for i < len(text) && !isSpace(text[i]) {
				i++
			}
			toks = append(toks, token{Arg: Arg{Pos: l.pos(start), Value: text[start:i]}, start: start})
			continue
		}
		t, end, err := quoted(l, i)
		if err != nil {
			return nil, err
		}
		if end < len(text) && !isSpace(text[end]) {
			return nil, diag.Errorf(l.pos(end), diag.ErrSyntax, "unexpected %q after closing quote", text[end])
		}
		toks = append(toks, t)
		i = end
	}
}

// quoted reads the quoted argument opening at text[at]. A backslash before
// the quote character escapes it; a doubled backslash is kept as written
// but cannot escape the quote that follows it.
func quoted(l *logical, at int) (token, int, *diag.Diagnostic) {
	text := l.text
	q := text[at]
	t := token{Arg: Arg{Pos: l.pos(at), Quoted: true}, start: at + 1}
	var b []byte
	runStart := at + 1
	for i := at + 1; i < len(text); i++ {
		switch text[i] {
		case q:
			if t.esc == nil {
				t.Value = text[runStart:i]
			} else {
				t.Value = string(append(b, text[runStart:i]...))
			}
			return t, i + 1, nil
		case '\\':
			if i+1 >= len(text) {
				continue
			}
			switch text[i+1] {
			case q:
				b = append(b, text[runStart:i]...)
				t.esc = append(t.esc, len(b))
				runStart = i + 1
				i++
			case '\\':
				i++
			}
		}
	}
	return token{}, 0, diag.Errorf(l.pos(at), diag.ErrSyntax, "unterminated quoted argument")
}
