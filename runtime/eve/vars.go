package eve

import (
	"math"
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

// addVars writes the variables of the record's flow and packet as
// Suricata's eve-log metadata (on by default) does: "metadata" with the
// flow's "flowbits", "flowints", "entropy" and "flowvars" and the
// packet's "pktvars", and "traffic" with the ids and labels its
// traffic/id/ and traffic/label/ flowbits name. Flowbits and flowints
// are in sorted order, the other variables in the order first set;
// rulec's own markers (names starting with NUL) are not variables.
func addVars(m *orderedObject, f *inspect.Flow, pkt []inspect.Var) {
	meta := &orderedObject{}
	if f != nil {
		addFlowVars(m, meta, f)
	}
	if len(pkt) > 0 {
		meta.add("pktvars", varList(pkt))
	}
	if len(meta.keys) > 0 {
		m.add("metadata", meta)
	}
}

// varList is variables as EVE's flowvars and pktvars arrays show them:
// one object each, of its name (or key) and printable value.
func varList(vars []inspect.Var) []*orderedObject {
	out := make([]*orderedObject, len(vars))
	for i, v := range vars {
		k := v.Name
		if v.Name == "" {
			k = printable(v.Key)
		}
		out[i] = &orderedObject{}
		out[i].add(k, printable(v.Value))
	}
	return out
}

func addFlowVars(m, meta *orderedObject, f *inspect.Flow) {
	if len(f.Bits) == 0 && len(f.Ints) == 0 && len(f.Vars) == 0 && len(f.Floats) == 0 {
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
	if len(f.Floats) > 0 {
		o := &orderedObject{}
		for _, v := range f.Floats {
			o.add(v.Name, floatValue(v.Value))
		}
		meta.add("entropy", o)
	}
	if len(f.Vars) > 0 {
		meta.add("flowvars", varList(f.Vars))
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
}

// floatValue is a float as Suricata's JSON writes one: null when not a
// finite number.
func floatValue(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}
