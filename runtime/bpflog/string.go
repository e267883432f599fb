package bpflog

import (
	"fmt"
	"strings"
)

// TimeFormat is the layout of a record's time in String.
const TimeFormat = "2006-01-02T15:04:05.000000Z07:00"

// String renders the record on one line:
//
//	2026-11-25T10:00:00.123456Z info rule=7 runtime exec 4242 "runc" 10.0.0.1 port=80
//
// without "rule=" for records about no rule; an unset argument slot is "-".
func (r Record) String() string {
	var b strings.Builder
	b.WriteString(r.Time.Format(TimeFormat))
	b.WriteByte(' ')
	b.WriteString(r.Level.String())
	if r.Rule != NoRule {
		fmt.Fprintf(&b, " rule=%d", r.Rule)
	}
	b.WriteByte(' ')
	b.WriteString(r.Msg)
	for _, a := range r.Args {
		b.WriteByte(' ')
		switch v := a.(type) {
		case nil:
			b.WriteByte('-')
		case string:
			fmt.Fprintf(&b, "%q", v)
		case Port:
			fmt.Fprintf(&b, "port=%d", v)
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}
