package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestIsDataAt(t *testing.T) {
	payload := ir.Buffer{Name: ir.BufPayload}
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (content:"a"; isdataat:!1,relative; sid:1;)`, &ir.IsDataAt{
			Buffer: payload, At: ir.Num{Val: 1}, Negated: true, Relative: true}},
		{`alert http any any -> any any (http.host; isdataat:5394; sid:1;)`, &ir.IsDataAt{
			Buffer: ir.Buffer{Name: "http.host"}, At: ir.Num{Val: 5394}}},
		{`alert tcp any any -> any any (isdataat:65535,relative,rawbytes; sid:1;)`, &ir.IsDataAt{
			Buffer: payload, At: ir.Num{Val: 65535}, Relative: true, RawBytes: true}},
		{`alert tcp any any -> any any (isdataat:0 , rawbytes; sid:1;)`, &ir.IsDataAt{Buffer: payload, RawBytes: true}},
		{`alert tcp any any -> any any (byte_extract:1,0,n; isdataat:!n,relative; sid:1;)`, &ir.IsDataAt{
			Buffer: payload, At: ir.Num{Var: "n"}, Negated: true, Relative: true}},
		{`alert tcp any any -> any any (content:"a"; http_cookie; isdataat:2,relative; sid:1;)`, &ir.IsDataAt{
			Buffer: ir.Buffer{Name: "http.cookie"}, At: ir.Num{Val: 2}, Relative: true}},
	})
}

func TestIsDataAtErrors(t *testing.T) {
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (isdataat:65536; sid:1;)`, diag.ErrBadRange, "isdataat: isdataat 65536 out of range [0, 65535]"},
		{`alert tcp any any -> any any (isdataat:-1; sid:1;)`, diag.ErrBadRange, "isdataat -1 out of range"},
		{`alert tcp any any -> any any (isdataat:len; sid:1;)`, diag.ErrBadValue, `"len" is neither a number nor a byte_extract variable`},
		{`alert tcp any any -> any any (isdataat:!; sid:1;)`, diag.ErrBadValue, `"" is neither`},
		{`alert tcp any any -> any any (isdataat:1,rawbytes,relative; sid:1;)`, diag.ErrBadValue, "want [!]N|var[,relative][,rawbytes]"},
		{`alert tcp any any -> any any (isdataat:1,relative,relative; sid:1;)`, diag.ErrBadValue, "want [!]N|var"},
		{`alert tcp any any -> any any (isdataat:1,within; sid:1;)`, diag.ErrBadValue, "want [!]N|var"},
		{`alert tcp any any -> any any (isdataat; sid:1;)`, diag.ErrBadValue, "isdataat needs a value"},
	})
}
