package ftp

import "bytes"

// lines splits one direction into lines as Suricata's FTP parser does: a
// line ends at LF (a CR before it is dropped); a line reaching max bytes
// is cut there and what follows it in the same data is dropped; a cut
// line without its LF yet, or one with its LF that made no transaction,
// also drops the next data that holds an LF, whole.
type lines struct {
	partial []byte // the start of a line whose LF has not come, under max bytes
	cut     bool   // data up to the next LF is dropped
}

// lineFunc takes a line: its bytes without the delimiter (max bytes of a
// cut line), whether its LF was seen and whether it was cut; it reports
// whether the line made a transaction. The line is valid during the call
// only.
type lineFunc func(line []byte, lf, cut bool) bool

// feed calls fn with each line of b.
func (l *lines) feed(b []byte, max int, fn lineFunc) {
	if l.cut {
		if bytes.IndexByte(b, '\n') >= 0 {
			l.cut = false
		}
		return
	}
	if len(l.partial) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if len(l.partial)+len(b) >= max {
				l.partial = append(l.partial, b[:max-len(l.partial)]...)
				l.cut = true
				fn(l.partial, false, true)
				l.partial = l.partial[:0]
				return
			}
			l.partial = append(l.partial, b...)
			return
		}
		n := len(l.partial) + i + 1
		l.partial = append(l.partial, b[:min(i+1, max+1-len(l.partial))]...)
		done := l.line(l.partial, n, max, b[i+1:], fn)
		l.partial = l.partial[:0]
		if done {
			return
		}
		b = b[i+1:]
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if len(b) >= max {
				l.cut = true
				fn(b[:max], false, true)
				return
			}
			l.partial = append(l.partial, b...)
			return
		}
		if l.line(b, i+1, max, b[i+1:], fn) {
			return
		}
		b = b[i+1:]
	}
}

// line hands fn a line of n bytes (its LF included) starting at b, rest
// following it; it reports whether the line was cut, which drops rest.
func (l *lines) line(b []byte, n, max int, rest []byte, fn lineFunc) bool {
	if n >= max {
		if !fn(b[:max], true, true) {
			// Suricata keeps the cut flag of a line no transaction took
			l.cut = bytes.IndexByte(rest, '\n') < 0
		}
		return true
	}
	end := n - 1
	if end > 0 && b[end-1] == '\r' {
		end--
	}
	fn(b[:end], true, false)
	return false
}

// held is the bytes kept for a line whose end has not come.
func (l *lines) held() int { return cap(l.partial) }
