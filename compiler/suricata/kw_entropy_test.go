package suricata

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestEntropy(t *testing.T) {
	for _, c := range []struct {
		opts          string
		buf, v        string
		offset, bytes int
		cmp           ir.FloatCmp
	}{
		{`file.data; entropy: value > 4;`, "file.data", "file_data", 0, 0, ir.FloatCmp{Op: ">", A: 4}},
		{`file.data; entropy: value >= 4;`, "file.data", "file_data", 0, 0, ir.FloatCmp{Op: ">=", A: 4}},
		{`entropy: value 4-5;`, ir.BufPayload, "content", 0, 0, ir.FloatCmp{Op: "<>", A: 4, B: 5}},
		{`entropy: value !4-5;`, ir.BufPayload, "content", 0, 0, ir.FloatCmp{Op: "!<>", A: 4, B: 5}},
		{`http.uri; entropy: value != 4;`, "http.uri", "http_uri", 0, 0, ir.FloatCmp{Op: "!=", A: 4}},
		{`http.request_body; entropy: value = 4;`, "http.request_body", "http_client_body", 0, 0, ir.FloatCmp{Op: "=", A: 4}},
		{`http.host; entropy: bytes 4, offset 30, value <7.5;`, "http.host", "http_host", 30, 4, ir.FloatCmp{Op: "<", A: 7.5}},
		{`entropy: offset 10, value > 4.14;`, ir.BufPayload, "content", 10, 0, ir.FloatCmp{Op: ">", A: 4.14}},
		{`entropy: value 1e1;`, ir.BufPayload, "content", 0, 0, ir.FloatCmp{Op: "=", A: 10}},
		{`file.data; pkt_data; entropy: value 7;`, ir.BufPayload, "content", 0, 0, ir.FloatCmp{Op: "=", A: 7}},
	} {
		r := mustCompile(t, `alert http any any -> any any (`+c.opts+` sid:1;)`)
		e, ok := r.Matchers[len(r.Matchers)-1].(*ir.Entropy)
		want := ir.Entropy{Buffer: ir.Buffer{Name: c.buf}, Var: c.v, Offset: c.offset, Bytes: c.bytes, Value: c.cmp}
		if !ok || fmt.Sprint(*e) != fmt.Sprint(want) {
			t.Errorf("%s: %+v, want %+v", c.opts, r.Matchers[len(r.Matchers)-1], want)
		}
	}
	for _, c := range []struct {
		opts string
		err  error
		want string
	}{
		{`entropy: value ? 7.0;`, diag.ErrBadValue, "entropy value"},
		{`entropy: bytes 100;`, diag.ErrMissing, "needs a value"},
		{`entropy: offset 100;`, diag.ErrMissing, "needs a value"},
		{`entropy: bytes 1, offset 10, value 7.0, extra;`, diag.ErrBadValue, "at most"},
		{`entropy: value 7, value 8;`, diag.ErrConflict, "twice"},
		{`entropy: offset 70000, value 8;`, diag.ErrBadRange, "offset"},
		{`entropy: size 1, value 8;`, diag.ErrBadValue, "entropy option"},
		{`entropy: value 5-4;`, diag.ErrBadRange, "empty"},
		{`entropy: value !4;`, diag.ErrBadValue, "entropy value"},
		{`entropy: value 5.;`, diag.ErrBadValue, "entropy value"},
	} {
		line := `alert http any any -> any any (` + c.opts + ` sid:1;)`
		mustFail(t, line, c.err, c.want)
		_, errs := compileOne(t, line)
		if at := fmt.Sprintf("t.rules:1:%d", strings.Index(line, "entropy: ")+len("entropy: ")+1); !strings.Contains(errs.Items[0].Error(), at) {
			t.Errorf("%s: %v, want the position %s", c.opts, errs.Items[0], at)
		}
	}
}

func TestFloatCmpHolds(t *testing.T) {
	for _, c := range []struct {
		s    string
		v    float64
		want bool
	}{
		{"> 4", 4.15, true}, {">= 4", 4, true}, {">= 5", 4.15, false}, {"4-5", 4.15, true}, {"4-5", 5, false},
		{"!4-5", 4.15, false}, {"!4-5", 5, true}, {"< 4", 4.15, false}, {"!= 4", 4.15, true}, {"= 4", 4.15, false},
		{"4<>5", 4.5, true}, {"inf", math.Inf(1), true}, {"-inf", 0, false}, {".5", 0.5, true},
	} {
		cmp, err := parseFloatCmp("v", c.s)
		if err != nil || cmp.Holds(c.v) != c.want {
			t.Errorf("%q holds %v: %v (%+v, %v), want %v", c.s, c.v, cmp.Holds(c.v), cmp, err, c.want)
		}
	}
}
