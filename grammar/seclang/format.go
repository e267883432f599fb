package seclang

import "strings"

// Format prints d as one line in canonical form: the name, then each
// argument separated by one space, quoted when it was quoted or must be.
// Parsing the result gives back the same directive, positions aside.
func Format(d *Directive) string {
	var b strings.Builder
	b.WriteString(d.Name)
	for _, a := range d.Args {
		b.WriteByte(' ')
		writeArg(&b, a)
	}
	if s := b.String(); strings.HasSuffix(s, `\`) {
		return s + " " // a trailing backslash would join the next line
	}
	return b.String()
}

func writeArg(b *strings.Builder, a Arg) {
	if !a.Quoted && a.Value != "" && a.Value[0] != '"' && a.Value[0] != '\'' && strings.IndexFunc(a.Value, isSpaceRune) < 0 {
		b.WriteString(a.Value)
		return
	}
	q := byte('"')
	if !fitsQuotes(a.Value, q) {
		q = '\''
	}
	b.WriteByte(q)
	for i := 0; i < len(a.Value); i++ {
		if a.Value[i] == q {
			b.WriteByte('\\')
		}
		b.WriteByte(a.Value[i])
	}
	b.WriteByte(q)
}

// fitsQuotes reports whether v can be written between q quotes: the scanner
// reads a backslash pair as two literal bytes, so neither a q nor the end of
// v may follow an odd run of backslashes.
func fitsQuotes(v string, q byte) bool {
	run := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			run++
			continue
		case q:
			if run%2 == 1 {
				return false
			}
		}
		run = 0
	}
	return run%2 == 0
}

func isSpaceRune(r rune) bool { return r < 0x80 && isSpace(byte(r)) }
