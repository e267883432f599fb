package vars

import (
	"maps"
	"slices"
	"testing"
)

// TestDecoderSettings: a suricata.yaml's decoder settings of the UDP
// encapsulations are kept as written, only those it has (Suricata's
// built-in values apply to the others, not the default suricata.yaml's);
// a sequence is no value for Suricata; the defaults are the default
// suricata.yaml's.
func TestDecoderSettings(t *testing.T) {
	v, err := Parse([]byte("decoder:\n  teredo:\n    enabled: false\n  vxlan:\n    ports: 8472\n  geneve:\n    ports: [1, 2]\n  ipv4:\n    ipip:\n      enabled: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"decoder.teredo.enabled": "false", "decoder.vxlan.ports": "8472"}
	if !maps.Equal(v.Decoder, want) {
		t.Errorf("settings %v, want %v", v.Decoder, want)
	}
	v, err = Parse([]byte("vars:\n  port-groups:\n    HTTP_PORTS: \"8080\"\n"))
	if err != nil || len(v.Decoder) != 0 {
		t.Errorf("a yaml without decoder settings: %v, %v; want none", v.Decoder, err)
	}
	if d := Defaults().Decoder; d["decoder.teredo.ports"] != "$TEREDO_PORTS" || d["decoder.vxlan.enabled"] != "true" {
		t.Errorf("defaults %v, want the default suricata.yaml's", d)
	}
}

// TestPortList: a port setting gives the first port of each entry, as
// DetectPortParse's list: variables expand into their entries, a range
// gives its first port, a negation its complement's ranges.
func TestPortList(t *testing.T) {
	v := Defaults()
	v.Port["TUNNEL_PORTS"] = "[4789,4790]"
	for _, c := range []struct {
		expr string
		want []uint16
	}{
		{"$TEREDO_PORTS", []uint16{3544}},
		{"[3544, 1234]", []uint16{1234, 3544}},
		{"$TUNNEL_PORTS", []uint16{4789, 4790}},
		{"[$TUNNEL_PORTS,6081]", []uint16{4789, 4790, 6081}},
		{"1000:2000", []uint16{1000}},
		{"!3544", []uint16{0, 3545}},
	} {
		got, err := v.PortList(c.expr)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: %v %v, want %v", c.expr, got, err, c.want)
		}
	}
	for _, bad := range []string{"$NO_SUCH_PORTS", "[80,", "http"} {
		if got, err := v.PortList(bad); err == nil {
			t.Errorf("%s: %v, want an error", bad, got)
		}
	}
}
