package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestByteExtract(t *testing.T) {
	payload := ir.Buffer{Name: ir.BufPayload}
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (content:"|00 00 00 01|"; byte_extract:1,15,data_len; sid:1;)`, &ir.ByteExtract{
			Buffer: payload, Name: "data_len", Multiplier: 1,
			Opts: ir.ByteOpts{Bytes: 1, Offset: ir.Num{Val: 15}, Endian: "big"}}},
		{`alert tcp any any -> any any (content:"a"; byte_extract:2,-1,rec_len,relative,multiplier 4,little,align 4,bitmask 0x7ff; sid:1;)`, &ir.ByteExtract{
			Buffer: payload, Name: "rec_len", Multiplier: 4, Align: 4,
			Opts: ir.ByteOpts{Bytes: 2, Offset: ir.Num{Val: -1}, Relative: true, Endian: "little", Bitmask: 0x7ff}}},
		{`alert tcp any any -> any any (byte_extract:20,0,n,string; sid:1;)`, &ir.ByteExtract{
			Buffer: payload, Name: "n", Multiplier: 1, Opts: ir.ByteOpts{Bytes: 20, Base: "dec"}}},
		{`alert tcp any any -> any any (byte_extract:23,0,n,string,oct; sid:1;)`, &ir.ByteExtract{
			Buffer: payload, Name: "n", Multiplier: 1, Opts: ir.ByteOpts{Bytes: 23, Base: "oct"}}},
		{`alert tcp any any -> any any (byte_extract:14,0,n,string,hex,align 2; sid:1;)`, &ir.ByteExtract{
			Buffer: payload, Name: "n", Multiplier: 1, Align: 2, Opts: ir.ByteOpts{Bytes: 14, Base: "hex"}}},
		{`alert tcp any any -> any any (byte_extract:4,0,n,dce; sid:1;)`, &ir.ByteExtract{
			Buffer: payload, Name: "n", Multiplier: 1, Opts: ir.ByteOpts{Bytes: 4, Endian: "dce"}}},
		{`alert http any any -> any any (http.header; content:"x"; byte_extract:1,0,n,relative; sid:1;)`, &ir.ByteExtract{
			Buffer: ir.Buffer{Name: "http.header"}, Name: "n", Multiplier: 1,
			Opts: ir.ByteOpts{Bytes: 1, Relative: true, Endian: "big"}}},
	})
}

func TestByteExtractDefinesVariables(t *testing.T) {
	r := mustCompile(t, `alert tcp any any -> any any (byte_extract:1,15,data_len; isdataat:data_len; content:"a"; offset:data_len; sid:1;)`)
	if at := r.Matchers[1].(*ir.IsDataAt).At; at != (ir.Num{Var: "data_len"}) {
		t.Errorf("isdataat at = %+v", at)
	}
	if off := r.Matchers[2].(*ir.Content).Offset; off == nil || *off != (ir.Num{Var: "data_len"}) {
		t.Errorf("content offset = %+v", off)
	}
	mustFail(t, `alert tcp any any -> any any (isdataat:data_len; byte_extract:1,15,data_len; sid:1;)`, diag.ErrBadValue, `"data_len" is neither`)
}

func TestByteExtractErrors(t *testing.T) {
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (byte_extract:1,15; sid:1;)`, diag.ErrBadValue, "byte_extract: bad byte_extract, want bytes,offset,name"},
		{`alert tcp any any -> any any (byte_extract:1,0,n; byte_extract:2,0,n; sid:1;)`, diag.ErrConflict, `variable "n" defined twice`},
		{`alert tcp any any -> any any (byte_extract:1,0,12; sid:1;)`, diag.ErrBadValue, `bad byte_extract variable name, want one starting with a letter "12"`},
		{`alert tcp any any -> any any (byte_extract:1,0,; sid:1;)`, diag.ErrBadValue, "variable name"},
		{`alert tcp any any -> any any (byte_extract:x,0,n; sid:1;)`, diag.ErrBadValue, `bad byte_extract byte count "x"`},
		{`alert tcp any any -> any any (byte_extract:9,0,n; sid:1;)`, diag.ErrBadRange, "more than 8 bytes without string"},
		{`alert tcp any any -> any any (byte_extract:21,0,n,string; sid:1;)`, diag.ErrBadRange, "more than 20 bytes with string,dec"},
		{`alert tcp any any -> any any (byte_extract:15,0,n,string,hex; sid:1;)`, diag.ErrBadRange, "more than 14 bytes with string,hex"},
		{`alert tcp any any -> any any (byte_extract:24,0,n,string,oct; sid:1;)`, diag.ErrBadRange, "more than 23 bytes with string,oct"},
		{`alert tcp any any -> any any (byte_extract:1,65536,n; sid:1;)`, diag.ErrBadRange, "byte_extract offset 65536 out of range"},
		{`alert tcp any any -> any any (byte_extract:1,0,n,relative,relative; sid:1;)`, diag.ErrConflict, "relative given twice"},
		{`alert tcp any any -> any any (byte_extract:1,0,n,big,little; sid:1;)`, diag.ErrConflict, "endian given twice"},
		{`alert tcp any any -> any any (byte_extract:1,0,n,string,big; sid:1;)`, diag.ErrConflict, "big cannot be combined with string"},
		{`alert tcp any any -> any any (byte_extract:1,0,n,dce,string; sid:1;)`, diag.ErrConflict, "dce cannot be combined with string"},
		{`alert tcp any any -> any any (byte_extract:1,0,n,hex,string; sid:1;)`, diag.ErrConflict, "base hex without a preceding string"},
		{`alert tcp any any -> any any (byte_extract:1,0,n,string,hex,dec; sid:1;)`, diag.ErrConflict, "two bases, hex and dec"},
		{`alert tcp any any -> any any (byte_extract:1,0,n,multiplier 0; sid:1;)`, diag.ErrBadRange, "byte_extract multiplier 0 out of range [1, 65535]"},
		{`alert tcp any any -> any any (byte_extract:1,0,n,multiplier 65536; sid:1;)`, diag.ErrBadRange, "multiplier 65536 out of range"},
		{`alert tcp any any -> any any (byte_extract:1,0,n,align 3; sid:1;)`, diag.ErrBadValue, `bad byte_extract align, want 2 or 4 "3"`},
		{`alert tcp any any -> any any (byte_extract:1,0,n,align; sid:1;)`, diag.ErrBadValue, `bad byte_extract option "align"`},
		{`alert tcp any any -> any any (byte_extract:1,0,n,Relative; sid:1;)`, diag.ErrBadValue, `bad byte_extract option "Relative"`},
		{`alert tcp any any -> any any (byte_extract:1,0,n,bitmask 0; sid:1;)`, diag.ErrBadRange, "byte_extract bitmask 0 out of range"},
		{`alert http any any -> any any (byte_extract:1,0,n,dce; sid:1;)`, diag.ErrConflict, "dce: dcerpc buffer in a http rule"},
	})
}
