package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestBase64Decode(t *testing.T) {
	payload := ir.Buffer{Name: ir.BufPayload}
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (content:"a"; base64_decode:offset 0,relative; sid:1;)`, &ir.Base64Decode{Buffer: payload, Relative: true}},
		{`alert tcp any any -> any any (content:"a"; base64_decode:bytes 64, offset 3, relative; sid:1;)`, &ir.Base64Decode{Buffer: payload, Bytes: 64, Offset: 3, Relative: true}},
		{`alert tcp any any -> any any (base64_decode:bytes 11, offset 0; sid:1;)`, &ir.Base64Decode{Buffer: payload, Bytes: 11}},
		{`alert tcp any any -> any any (base64_decode:bytes 11 offset 2 relative; sid:1;)`, &ir.Base64Decode{Buffer: payload, Bytes: 11, Offset: 2, Relative: true}},
		{`alert tcp any any -> any any (base64_decode; sid:1;)`, &ir.Base64Decode{Buffer: payload}},
		{`alert tcp any any -> any any (base64_decode:relative; sid:1;)`, &ir.Base64Decode{Buffer: payload, Relative: true}},
		{`alert http any any -> any any (http.uri; content:"q="; base64_decode:bytes 100, offset 0, relative; sid:1;)`, &ir.Base64Decode{
			Buffer: ir.Buffer{Name: "http.uri"}, Bytes: 100, Relative: true}},
		{`alert tcp any any -> any any (content:"q="; http_uri; base64_decode; sid:1;)`, &ir.Base64Decode{Buffer: ir.Buffer{Name: "http.uri"}}},
	})
	r := mustCompile(t, `alert tcp any any -> any any (content:"a"; base64_decode:relative; base64_data; content:"b"; sid:1;)`)
	if b := r.Matchers[2].Buf().Name; b != "base64_data" {
		t.Errorf("content after base64_data in %s", b)
	}
}

func TestBase64DecodeErrors(t *testing.T) {
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (base64_decode:offset 0, bytes 4; sid:1;)`, diag.ErrBadValue, "want [bytes N][, offset N][, relative]"},
		{`alert tcp any any -> any any (base64_decode:bytes -1; sid:1;)`, diag.ErrBadValue, "base64_decode: bad base64_decode"},
		{`alert tcp any any -> any any (base64_decode:bytes; sid:1;)`, diag.ErrBadValue, "want [bytes N]"},
		{`alert tcp any any -> any any (base64_decode:relative, bytes 4; sid:1;)`, diag.ErrBadValue, "want [bytes N]"},
		{`alert tcp any any -> any any (base64_decode:Relative; sid:1;)`, diag.ErrBadValue, "want [bytes N]"},
		{`alert tcp any any -> any any (base64_decode:bytes 4294967296; sid:1;)`, diag.ErrBadRange, "base64_decode bytes 4294967296 out of range"},
		{`alert tcp any any -> any any (base64_decode:offset 99999999999; sid:1;)`, diag.ErrBadRange, "base64_decode offset 99999999999 out of range"},
	})
}
