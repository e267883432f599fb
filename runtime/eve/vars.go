package eve

import (
	"slices"
	"strings"

	"github.com/rulec/rulec/runtime/inspect"
)

// Flowbits with these prefixes are logged in the "traffic" object
// ("traffic/id/web" as id "web") rather than with the other flowbits.
const (
	trafficIDPrefix    = "traffic/id/"
	trafficLabelPrefix = "traffic/label/"
)

// addFlowVars writes the variables of the record's flow as Suricata's
// eve-log metadata (on by default) does: "metadata" with its "flowbits"
// and "flowints", and "traffic" with the ids and labels its traffic/id/
// and traffic/label/ flowbits name. Names are in sorted order; rulec's
// own markers (names starting with NUL) are not variables.
func addFlowVars(m *orderedObject, f *inspect.Flow) {
	if f == nil || len(f.Bits) == 0 && len(f.Ints) == 0 {
		return
	}
	var bits, ids, labels, ints []string
	for name, set := range f.Bits {
		switch {
		case !set || strings.HasPrefix(name, "\x00"):
		case strings.HasPrefix(name, trafficIDPrefix):
			ids = append(ids, name[len(trafficIDPrefix):])
		case strings.HasPrefix(name, trafficLabelPrefix):
			labels = append(labels, name[len(trafficLabelPrefix):])
		default:
			bits = append(bits, name)
		}
	}
	for name := range f.Ints {
		if !strings.HasPrefix(name, "\x00") {
			ints = append(ints, name)
		}
	}
	if len(bits)+len(ids)+len(labels)+len(ints) == 0 {
		return
	}
	meta := &orderedObject{}
	if len(bits) > 0 {
		slices.Sort(bits)
		meta.add("flowbits", bits)
	}
	if len(ints) > 0 {
		slices.Sort(ints)
		o := &orderedObject{}
		for _, n := range ints {
			o.add(n, f.Ints[n])
		}
		meta.add("flowints", o)
	}
	if len(ids)+len(labels) > 0 {
		traffic := &orderedObject{}
		if len(ids) > 0 {
			slices.Sort(ids)
			traffic.add("id", ids)
		}
		if len(labels) > 0 {
			slices.Sort(labels)
			traffic.add("label", labels)
		}
		m.add("traffic", traffic)
	}
	m.add("metadata", meta)
}
