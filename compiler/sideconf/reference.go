package sideconf

import (
	"strings"

	"github.com/rulec/rulec/diag"
)

// ParseReference reads "config reference: system url-prefix" lines into
// a map from the system name, folded to lower case, to its URL prefix.
func ParseReference(file string, src []byte) (map[string]string, *diag.List) {
	out := map[string]string{}
	ds := &diag.List{}
	for _, l := range lines(file, src) {
		v, off, ok := configEntry(l, "reference")
		if !ok {
			ds.Add(diag.Errorf(l.at(leading(l.text)), diag.ErrSyntax, "want \"config reference: system url\""))
			continue
		}
		fields := strings.Fields(v)
		if len(fields) != 2 || !validName(fields[0]) {
			ds.Add(diag.Errorf(l.at(off+leading(v)), diag.ErrSyntax, "want a system name and one URL, got %q", strings.TrimSpace(v)))
			continue
		}
		out[strings.ToLower(fields[0])] = fields[1]
	}
	return out, ds
}
