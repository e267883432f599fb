package sideconf

import (
	"strings"

	"github.com/rulec/rulec/diag"
)

// line is one meaningful line of a side file: its text without the
// trailing comment-free whitespace, and where it starts.
type line struct {
	text string
	pos  diag.Pos // of the line's first character
}

// lines returns the lines that are neither blank nor comments.
func lines(file string, src []byte) []line {
	var out []line
	for i, t := range strings.Split(string(src), "\n") {
		t = strings.TrimRight(t, " \t\r")
		if s := strings.TrimSpace(t); s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		out = append(out, line{text: t, pos: diag.Pos{File: file, Line: i + 1, Col: 1}})
	}
	return out
}

// at is the position of byte off of l.
func (l line) at(off int) diag.Pos {
	p := l.pos
	p.Col += off
	return p
}

// configEntry splits "config KIND: REST" and returns REST and its offset;
// ok is false when the line is not one.
func configEntry(l line, kind string) (string, int, bool) {
	t := l.text
	rest := strings.TrimLeft(t, " \t")
	word, after, found := strings.Cut(rest, " ")
	if !found || word != "config" {
		return "", 0, false
	}
	after = strings.TrimLeft(after, " \t")
	name, value, found := strings.Cut(after, ":")
	if !found || strings.TrimSpace(name) != kind {
		return "", 0, false
	}
	return value, len(t) - len(value), true
}

// validName reports whether s is a classtype or reference system name:
// a letter, then letters, digits, '-' and '_'.
func validName(s string) bool {
	for i, c := range s {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-' || c == '_')) {
			return false
		}
	}
	return s != ""
}

// leading is the count of spaces and tabs s starts with.
func leading(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }
