package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

var testIface = [16]byte{0xaf, 0xa8, 0xbd, 0x80, 0x7d, 0x8a, 0x11, 0xc9, 0xbe, 0xf4, 0x08, 0x00, 0x2b, 0x10, 0x29, 0x89}

func TestDCERPCKeywords(t *testing.T) {
	const u = "afa8bd80-7d8a-11c9-bef4-08002b102989"
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (dcerpc.iface:` + u + `; sid:1;)`, &ir.DCEIface{UUID: testIface}},
		{`alert tcp any any -> any any (dce_iface:` + u + `,=1; sid:1;)`, &ir.DCEIface{UUID: testIface, Version: ir.Cmp{Op: "=", A: 1}}},
		{`alert tcp any any -> any any (dce_iface:` + u + `,any_frag; sid:1;)`, &ir.DCEIface{UUID: testIface, AnyFrag: true}},
		{`alert dcerpc any any -> any any (dce_iface:` + u + `,<2,any_frag; sid:1;)`, &ir.DCEIface{UUID: testIface, Version: ir.Cmp{Op: "<", A: 2}, AnyFrag: true}},
		{`alert tcp any any -> any any (dce_opnum:12; sid:1;)`, &ir.DCEOpnum{Any: []ir.Cmp{{Op: "=", A: 12}}}},
		{`alert tcp any any -> any any (dcerpc.opnum:12,24,62-64; sid:1;)`, &ir.DCEOpnum{Any: []ir.Cmp{{Op: "=", A: 12}, {Op: "=", A: 24}, {Op: "<=>", A: 62, B: 64}}}},
		{`alert tcp any any -> any any (dcerpc.opnum:>100; sid:1;)`, &ir.DCEOpnum{Any: []ir.Cmp{{Op: ">", A: 100}}}},
		{`alert tcp any any -> any any (dce_stub_data; content:"a"; sid:1;)`, &ir.Content{Buffer: ir.Buffer{Name: "dcerpc.stub_data"}, Pattern: []byte("a")}},
	})
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (dce_iface:afa8bd80-7d8a-11c9-bef4; sid:1;)`, diag.ErrBadValue, "uuid"},
		{`alert tcp any any -> any any (dce_iface:` + u + `,=1,=2; sid:1;)`, diag.ErrBadValue, "any_frag"},
		{`alert tcp any any -> any any (dce_opnum:64-62; sid:1;)`, diag.ErrBadRange, "empty"},
		{`alert udp any any -> any any (dce_stub_data; content:"a"; sid:1;)`, diag.ErrUnsupported, "DCE/RPC over UDP is not parsed"},
		{`alert smb any any -> any any (dce_opnum:1; sid:1;)`, diag.ErrUnsupported, "DCE/RPC over SMB needs the SMB parser"},
		{`alert http any any -> any any (dce_stub_data; content:"a"; sid:1;)`, diag.ErrConflict, ""},
	})
}
