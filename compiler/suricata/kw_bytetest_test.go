package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestByteTest(t *testing.T) {
	payload := ir.Buffer{Name: ir.BufPayload}
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (byte_test:1,<,4,2; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: "<", Value: ir.Num{Val: 4},
			Opts: ir.ByteOpts{Bytes: 1, Offset: ir.Num{Val: 2}, Endian: "big"}}},
		{`alert tcp any any -> any any (content:"a"; byte_test:1,!&,0x80,0,relative,big; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: "&", Negated: true, Value: ir.Num{Val: 128},
			Opts: ir.ByteOpts{Bytes: 1, Relative: true, Endian: "big"}}},
		{`alert tcp any any -> any any (byte_test:4,>,0x01,44,relative,little; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: ">", Value: ir.Num{Val: 1},
			Opts: ir.ByteOpts{Bytes: 4, Offset: ir.Num{Val: 44}, Relative: true, Endian: "little"}}},
		{`alert tcp any any -> any any (byte_test:2, ! ,010,-3; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: "=", Negated: true, Value: ir.Num{Val: 8},
			Opts: ir.ByteOpts{Bytes: 2, Offset: ir.Num{Val: -3}, Endian: "big"}}},
		{`alert tcp any any -> any any (byte_test:2,!=,1,0,little,big,bitmask 0x3ff0; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: "=", Negated: true, Value: ir.Num{Val: 1},
			Opts: ir.ByteOpts{Bytes: 2, Endian: "big", Bitmask: 0x3ff0}}},
		{`alert http any any -> any any (http.content_len; byte_test:0,>=,16000,0,string,dec; sid:1;)`, &ir.ByteTest{
			Buffer: ir.Buffer{Name: "http.content_len"}, Op: ">=", Value: ir.Num{Val: 16000},
			Opts: ir.ByteOpts{Base: "dec"}}},
		{`alert tcp any any -> any any (byte_test:23,^,7,0,string; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: "^", Value: ir.Num{Val: 7},
			Opts: ir.ByteOpts{Bytes: 23, Base: "dec"}}},
		{`alert tcp any any -> any any (byte_test:3,<=,7,1,hex,string; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: "<=", Value: ir.Num{Val: 7},
			Opts: ir.ByteOpts{Bytes: 3, Offset: ir.Num{Val: 1}, Base: "hex"}}},
		{`alert tcp any any -> any any (byte_test:4,=,1,0,dce; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: "=", Value: ir.Num{Val: 1},
			Opts: ir.ByteOpts{Bytes: 4, Endian: "dce"}}},
		{`alert tcp any any -> any any (byte_extract:2,1,len; byte_extract:1,0,off; byte_test:2,>,len,off,relative; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: ">", Value: ir.Num{Var: "len"},
			Opts: ir.ByteOpts{Bytes: 2, Offset: ir.Num{Var: "off"}, Relative: true, Endian: "big"}}},
		{`alert tcp any any -> any any (content:"x"; http_uri; byte_test:1,=,1,0,relative; sid:1;)`, &ir.ByteTest{
			Buffer: ir.Buffer{Name: "http.uri"}, Op: "=", Value: ir.Num{Val: 1},
			Opts: ir.ByteOpts{Bytes: 1, Relative: true, Endian: "big"}}},
		{`alert tcp any any -> any any (content:"x"; http_uri; byte_test:1,=,1,0; sid:1;)`, &ir.ByteTest{
			Buffer: payload, Op: "=", Value: ir.Num{Val: 1},
			Opts: ir.ByteOpts{Bytes: 1, Endian: "big"}}},
	})
}

func TestByteTestErrors(t *testing.T) {
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (byte_test:1,<,4; sid:1;)`, diag.ErrBadValue, "byte_test: bad byte_test, want bytes"},
		{`alert tcp any any -> any any (byte_test:1,!!,4,0; sid:1;)`, diag.ErrBadValue, `bad byte_test operator "!!"`},
		{`alert tcp any any -> any any (byte_test:1,,4,0; sid:1;)`, diag.ErrBadValue, `bad byte_test operator ""`},
		{`alert tcp any any -> any any (byte_test:1,!=<,4,0; sid:1;)`, diag.ErrBadValue, "operator"},
		{`alert tcp any any -> any any (byte_test:9,=,4,0; sid:1;)`, diag.ErrBadRange, "more than 8 bytes without string"},
		{`alert tcp any any -> any any (byte_test:24,=,4,0,string,dec; sid:1;)`, diag.ErrBadRange, "more than 23 bytes with string"},
		{`alert tcp any any -> any any (byte_test:-1,=,4,0; sid:1;)`, diag.ErrBadRange, "byte_test byte count -1 out of range"},
		{`alert tcp any any -> any any (byte_test:x1,=,4,0; sid:1;)`, diag.ErrBadValue, `"x1" is neither a number nor a byte_extract variable`},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,hex; sid:1;)`, diag.ErrConflict, "base hex without string"},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,string,hex,dec; sid:1;)`, diag.ErrConflict, "two bases, hex and dec"},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,dce,little; sid:1;)`, diag.ErrConflict, "dce cannot be combined"},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,dce,string; sid:1;)`, diag.ErrConflict, "dce cannot be combined"},
		{`alert http any any -> any any (byte_test:2,=,4,0,dce; sid:1;)`, diag.ErrConflict, "dce: dcerpc buffer in a http rule"},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,relativ; sid:1;)`, diag.ErrBadValue, `bad byte_test option "relativ"`},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,RELATIVE; sid:1;)`, diag.ErrBadValue, `bad byte_test option "RELATIVE"`},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,relative,; sid:1;)`, diag.ErrBadValue, `bad byte_test option ""`},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,bitmask; sid:1;)`, diag.ErrBadValue, "byte_test bitmask, want bitmask N"},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,bitmask 0x1ffffffff; sid:1;)`, diag.ErrBadRange, "bitmask 8589934591 out of range"},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,bitmask 0; sid:1;)`, diag.ErrBadRange, "bitmask 0 out of range"},
		{`alert tcp any any -> any any (byte_test:2,=,4,0,bitmask 0xzz; sid:1;)`, diag.ErrBadValue, `bad byte_test bitmask "0xzz"`},
		{`alert tcp any any -> any any (byte_test:2,=,4,65536; sid:1;)`, diag.ErrBadRange, "byte_test offset 65536 out of range [-65535, 65535]"},
		{`alert tcp any any -> any any (byte_test:2,=,-1,0; sid:1;)`, diag.ErrBadRange, "byte_test value -1 out of range"},
		{`alert tcp any any -> any any (byte_test:2,=,09,0; sid:1;)`, diag.ErrBadValue, `bad byte_test value "09"`},
		{`alert tcp any any -> any any (byte_test:2,=,len,0; sid:1;)`, diag.ErrBadValue, `byte_test value: "len" is neither a number nor a byte_extract variable`},
		{`alert tcp any any -> any any (byte_test:2,=,1,off; sid:1;)`, diag.ErrBadValue, `byte_test offset: "off" is neither`},
	})
}
