package vars

import (
	"fmt"
	"slices"

	"github.com/rulec/rulec/grammar/suricata"
)

// decoderSettings keeps the scalar enabled and ports settings of the UDP
// encapsulations' decoders; a sequence or mapping has no value for
// Suricata's SCConfGetNode(...)->val, which ignores it.
func decoderSettings(d map[string]map[string]any) map[string]string {
	out := map[string]string{}
	for _, name := range []string{"teredo", "vxlan", "geneve"} {
		for _, key := range []string{"enabled", "ports"} {
			switch x := d[name][key].(type) {
			case string:
				out["decoder."+name+"."+key] = x
			case bool, int:
				out["decoder."+name+"."+key] = fmt.Sprint(x)
			}
		}
	}
	return out
}

// maxExpand bounds the port variables PortList expands into their
// entries.
const maxExpand = 16

// PortList reads a port expression as Suricata's decoders read their
// ports setting with DetectPortParse: each entry of the list (variables
// expanded into theirs) is resolved and gives the first port of each of
// its ranges; the ports come out sorted, once each.
func (v *Vars) PortList(text string) ([]uint16, error) {
	e, err := suricata.ParsePort(text)
	if err != nil {
		return nil, err
	}
	r := NewResolver(v)
	var out []uint16
	var walk func(e *suricata.PortExpr, depth int) error
	walk = func(e *suricata.PortExpr, depth int) error {
		if !e.Negated && depth < maxExpand {
			switch {
			case e.IsList:
				for _, it := range e.List {
					if err := walk(it, depth+1); err != nil {
						return err
					}
				}
				return nil
			case e.Var != "":
				if def, ok := v.Port[e.Var]; ok {
					inner, err := suricata.ParsePort(def)
					if err != nil {
						return fmt.Errorf("$%s: %w", e.Var, err)
					}
					return walk(inner, depth+1)
				}
			}
		}
		s, err := r.Port(e)
		if err != nil {
			return err
		}
		for _, rg := range s.Ranges() {
			out = append(out, rg[0])
		}
		return nil
	}
	if err := walk(e, 0); err != nil {
		return nil, err
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
