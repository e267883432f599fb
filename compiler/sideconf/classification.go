package sideconf

import (
	"strconv"
	"strings"

	"github.com/rulec/rulec/diag"
)

// Class is one classtype: its description (the EVE alert category) and
// the priority of rules that have no priority keyword.
type Class struct {
	Desc     string
	Priority int
}

// ParseClassification reads "config classification: name,description,
// priority" lines. Names are folded to lower case, as Suricata does; a
// later line for the same name replaces the earlier one.
func ParseClassification(file string, src []byte) (map[string]Class, *diag.List) {
	out := map[string]Class{}
	ds := &diag.List{}
	for _, l := range lines(file, src) {
		v, off, ok := configEntry(l, "classification")
		if !ok {
			ds.Add(diag.Errorf(l.at(leading(l.text)), diag.ErrSyntax, "want \"config classification: name,description,priority\""))
			continue
		}
		first, last := strings.Index(v, ","), strings.LastIndex(v, ",")
		if first < 0 || first == last {
			ds.Add(diag.Errorf(l.at(off+leading(v)), diag.ErrSyntax, "want name,description,priority"))
			continue
		}
		name := strings.TrimSpace(v[:first])
		if !validName(name) {
			ds.Add(diag.Errorf(l.at(off+leading(v)), diag.ErrBadValue, "classtype name %q", name))
			continue
		}
		desc := strings.TrimSpace(v[first+1 : last])
		prio, err := strconv.ParseUint(strings.TrimSpace(v[last+1:]), 10, 8)
		if err != nil || desc == "" || prio == 0 {
			ds.Add(diag.Errorf(l.at(off+last+1+leading(v[last+1:])), diag.ErrBadValue, "priority %q, want 1..255 after a description", strings.TrimSpace(v[last+1:])))
			continue
		}
		out[strings.ToLower(name)] = Class{Desc: desc, Priority: int(prio)}
	}
	return out, ds
}
