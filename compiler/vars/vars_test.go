package vars

import (
	"errors"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	"github.com/rulec/rulec/grammar/suricata"
)

func TestResolveAddr(t *testing.T) {
	v := Defaults()
	v.Addr["LOOP"] = "[$LOOP2]"
	v.Addr["LOOP2"] = "$LOOP"
	r := NewResolver(v)
	cases := []struct {
		expr, want string
		err        error
	}{
		{"any", "any", nil},
		{"$HOME_NET", "[10.0.0.0/8,172.16.0.0/12,192.168.0.0/16]", nil},
		{"[10.0.0.0/8,!10.0.0.0/9]", "[10.128.0.0/9]", nil},
		{"[!10.0.0.0/1,!::/1]", "[128.0.0.0/1,8000::/1]", nil},
		{"1.2.3.4/24", "[1.2.3.0/24]", nil},
		{"1.2.3.0/255.255.255.0", "[1.2.3.0/24]", nil},
		{"[1.2.3.4,1.2.3.5]", "[1.2.3.4/31]", nil},
		{"10.0.0.1-10.0.0.2", "[10.0.0.1/32,10.0.0.2/32]", nil},
		{"[$HOME_NET,!192.168.0.0/16,![10.0.0.0/8]]", "[172.16.0.0/12]", nil},
		{"$NOPE", "", diag.ErrUnknownVar},
		{"$HTTP_PORTS", "", diag.ErrUnknownVar},
		{"!any", "", diag.ErrBadRange},
		{"10.0.0.9-10.0.0.1", "", diag.ErrBadRange},
		{"[1.2.3.4,!1.2.3.0/24]", "", diag.ErrBadRange},
		{"1.2.3.4/33", "", diag.ErrBadRange},
		{"1.2.3", "", diag.ErrBadValue},
		{"$LOOP", "", diag.ErrBadValue},
	}
	for _, c := range cases {
		e, err := suricata.ParseAddr(c.expr)
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		set, err := r.Addr(e)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%s: err = %v, want %v", c.expr, err, c.err)
			}
			continue
		}
		if err != nil || set.String() != c.want {
			t.Errorf("%s = %s, %v; want %s", c.expr, set, err, c.want)
		}
	}
	e, _ := suricata.ParseAddr("$EXTERNAL_NET")
	ext, _ := r.Addr(e)
	if ext.String() == "" || ext.Union(mustAddr(t, r, "$HOME_NET")).String() != "any" {
		t.Errorf("EXTERNAL_NET ∪ HOME_NET != any: %s", ext)
	}
}

func mustAddr(t *testing.T, r *Resolver, s string) ir.AddrSet {
	e, _ := suricata.ParseAddr(s)
	set, err := r.Addr(e)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func TestResolvePort(t *testing.T) {
	r := NewResolver(Defaults())
	cases := []struct {
		expr, want string
		err        error
	}{
		{"any", "any", nil},
		{"80", "[80]", nil},
		{"1024:", "[1024:65535]", nil},
		{":1023", "[0:1023]", nil},
		{"[!3389,1024:65535]", "[1024:3388,3390:65535]", nil},
		{"$FILE_DATA_PORTS", "[80,110,143]", nil},
		{"!$HTTP_PORTS", "[0:79,81:65535]", nil},
		{"[80,!80]", "", diag.ErrBadRange},
		{"90:80", "", diag.ErrBadRange},
		{"70000", "", diag.ErrBadRange},
		{"$HOME_NET", "", diag.ErrUnknownVar},
	}
	for _, c := range cases {
		e, err := suricata.ParsePort(c.expr)
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		set, err := r.Port(e)
		if c.err != nil {
			if !errors.Is(err, c.err) {
				t.Errorf("%s: err = %v, want %v", c.expr, err, c.err)
			}
			continue
		}
		if err != nil || set.String() != c.want {
			t.Errorf("%s = %s, %v; want %s", c.expr, set, err, c.want)
		}
	}
}

func TestParseYAML(t *testing.T) {
	doc := "%YAML 1.1\n---\nvars:\n  address-groups:\n    HOME_NET: \"[10.10.0.0/16]\"\n  port-groups:\n    HTTP_PORTS: 8080\n"
	v, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if v.Addr["HOME_NET"] != "[10.10.0.0/16]" || v.Port["HTTP_PORTS"] != "8080" || v.Addr["EXTERNAL_NET"] != "!$HOME_NET" {
		t.Errorf("vars = %+v", v)
	}
}

func TestResolveDepthAcrossVariables(t *testing.T) {
	v := Defaults()
	half := suricata.MaxDepth / 2
	v.Addr["INNER"] = strings.Repeat("[", half) + "10.0.0.0/8" + strings.Repeat("]", half)
	v.Addr["OUTER"] = strings.Repeat("[", half) + "$INNER" + strings.Repeat("]", half)
	v.Port["P"] = strings.Repeat("[", suricata.MaxDepth) + "80" + strings.Repeat("]", suricata.MaxDepth)
	r := NewResolver(v)
	if _, err := r.Addr(parsedAddr(t, "$INNER")); err != nil {
		t.Fatalf("$INNER: %v", err)
	}
	if _, err := r.Addr(parsedAddr(t, "$OUTER")); !errors.Is(err, diag.ErrLimit) {
		t.Errorf("$OUTER nests %d lists and 2 variables: err = %v, want limit", 2*half, err)
	}
	pe, err := suricata.ParsePort("$P")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Port(pe); !errors.Is(err, diag.ErrLimit) {
		t.Errorf("$P: err = %v, want limit", err)
	}
}

func parsedAddr(t *testing.T, s string) *suricata.AddrExpr {
	t.Helper()
	e, err := suricata.ParseAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
