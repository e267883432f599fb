package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestByteJump(t *testing.T) {
	payload := ir.Buffer{Name: ir.BufPayload}
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (content:"a"; byte_jump:4,58,relative,little; sid:1;)`, &ir.ByteJump{
			Buffer: payload, Multiplier: 1,
			Opts: ir.ByteOpts{Bytes: 4, Offset: ir.Num{Val: 58}, Relative: true, Endian: "little"}}},
		{`alert tcp any any -> any any (content:"exec"; byte_jump:0,0,relative,post_offset -13; sid:1;)`, &ir.ByteJump{
			Buffer: payload, Multiplier: 1, PostOffset: -13,
			Opts: ir.ByteOpts{Relative: true, Endian: "big"}}},
		{`alert http any any -> any any (http.uri.raw; content:"IFS"; byte_jump:0,0,relative,post_offset -12; sid:1;)`, &ir.ByteJump{
			Buffer: ir.Buffer{Name: "http.uri.raw"}, Multiplier: 1, PostOffset: -12,
			Opts: ir.ByteOpts{Relative: true, Endian: "big"}}},
		{`alert tcp any any -> any any (byte_jump:2,0x10,multiplier 2,align,from_beginning,bitmask 0x0ff0; sid:1;)`, &ir.ByteJump{
			Buffer: payload, Multiplier: 2, Align: true, FromBeginning: true,
			Opts: ir.ByteOpts{Bytes: 2, Offset: ir.Num{Val: 16}, Endian: "big", Bitmask: 0xff0}}},
		{`alert tcp any any -> any any (byte_jump:3,-2,string,oct,from_end,post_offset 5; sid:1;)`, &ir.ByteJump{
			Buffer: payload, Multiplier: 1, FromEnd: true, PostOffset: 5,
			Opts: ir.ByteOpts{Bytes: 3, Offset: ir.Num{Val: -2}, Base: "oct"}}},
		{`alert tcp any any -> any any (byte_jump:10,0,string; sid:1;)`, &ir.ByteJump{
			Buffer: payload, Multiplier: 1, Opts: ir.ByteOpts{Bytes: 10, Base: "dec"}}},
		{`alert tcp any any -> any any (byte_jump:4,0,dce; sid:1;)`, &ir.ByteJump{
			Buffer: payload, Multiplier: 1, Opts: ir.ByteOpts{Bytes: 4, Endian: "dce"}}},
		{`alert tcp any any -> any any (byte_extract:1,0,skip; byte_jump:1,skip,relative; sid:1;)`, &ir.ByteJump{
			Buffer: payload, Multiplier: 1, Opts: ir.ByteOpts{Bytes: 1, Offset: ir.Num{Var: "skip"}, Relative: true, Endian: "big"}}},
	})
}

func TestByteJumpErrors(t *testing.T) {
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (byte_jump:4; sid:1;)`, diag.ErrBadValue, "byte_jump: bad byte_jump, want bytes,offset"},
		{`alert tcp any any -> any any (byte_jump:4,0,from_beginning,from_end; sid:1;)`, diag.ErrConflict, "from_beginning and from_end are exclusive"},
		{`alert tcp any any -> any any (byte_jump:4,0,dce,from_end; sid:1;)`, diag.ErrConflict, "dce cannot be combined with from_beginning"},
		{`alert tcp any any -> any any (byte_jump:4,0,dce,big; sid:1;)`, diag.ErrConflict, "dce cannot be combined with string, big or little"},
		{`alert tcp any any -> any any (byte_jump:9,0; sid:1;)`, diag.ErrBadRange, "more than 8 bytes without string"},
		{`alert tcp any any -> any any (byte_jump:24,0,string; sid:1;)`, diag.ErrBadRange, "more than 23 bytes with string"},
		{`alert tcp any any -> any any (byte_jump:4,0,dec; sid:1;)`, diag.ErrConflict, "base dec without string"},
		{`alert tcp any any -> any any (byte_jump:4,0,multiplier 0; sid:1;)`, diag.ErrBadRange, "byte_jump multiplier 0 out of range"},
		{`alert tcp any any -> any any (byte_jump:4,0,multiplier x; sid:1;)`, diag.ErrBadValue, `bad byte_jump multiplier "x"`},
		{`alert tcp any any -> any any (byte_jump:4,0,multiplier; sid:1;)`, diag.ErrBadValue, `bad byte_jump option "multiplier"`},
		{`alert tcp any any -> any any (byte_jump:4,0,post_offset 2147483648; sid:1;)`, diag.ErrBadRange, "post_offset 2147483648 out of range"},
		{`alert tcp any any -> any any (byte_jump:4,0,align 4; sid:1;)`, diag.ErrBadValue, `bad byte_jump option "align 4"`},
		{`alert tcp any any -> any any (byte_jump:4,0,from_start; sid:1;)`, diag.ErrBadValue, `bad byte_jump option "from_start"`},
		{`alert tcp any any -> any any (byte_jump:4,-65536; sid:1;)`, diag.ErrBadRange, "byte_jump offset -65536 out of range"},
		{`alert tcp any any -> any any (byte_jump:4,skip; sid:1;)`, diag.ErrBadValue, `byte_jump offset: "skip" is neither`},
		{`alert dns any any -> any any (byte_jump:4,0,dce; sid:1;)`, diag.ErrConflict, "dce: dcerpc buffer in a dns rule"},
	})
}
