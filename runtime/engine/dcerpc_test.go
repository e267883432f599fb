package engine

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

func TestDCEConditions(t *testing.T) {
	uuid := [16]byte{1, 2, 3}
	bound := &inspect.DCE{RequestSeen: true, Opnum: 63, Ifaces: []inspect.DCEIface{{UUID: uuid, Version: 1, FirstFrag: true}}}
	laterFrag := &inspect.DCE{RequestSeen: true, Ifaces: []inspect.DCEIface{{UUID: uuid, Version: 1}}}
	noRequest := &inspect.DCE{Opnum: 63, Ifaces: bound.Ifaces}
	for _, tc := range []struct {
		name string
		m    ir.Matcher
		d    *inspect.DCE
		want bool
	}{
		{"iface", &ir.DCEIface{UUID: uuid}, bound, true},
		{"iface other uuid", &ir.DCEIface{UUID: [16]byte{9}}, bound, false},
		{"iface version =1", &ir.DCEIface{UUID: uuid, Version: ir.Cmp{Op: "=", A: 1}}, bound, true},
		{"iface version >1", &ir.DCEIface{UUID: uuid, Version: ir.Cmp{Op: ">", A: 1}}, bound, false},
		{"iface not first frag", &ir.DCEIface{UUID: uuid}, laterFrag, false},
		{"iface any_frag", &ir.DCEIface{UUID: uuid, AnyFrag: true}, laterFrag, true},
		{"iface before a request", &ir.DCEIface{UUID: uuid}, noRequest, false},
		{"iface not dcerpc", &ir.DCEIface{UUID: uuid}, nil, false},
		{"opnum range", &ir.DCEOpnum{Any: []ir.Cmp{{Op: "=", A: 12}, {Op: "<=>", A: 62, B: 64}}}, bound, true},
		{"opnum list", &ir.DCEOpnum{Any: []ir.Cmp{{Op: "=", A: 12}, {Op: "=", A: 24}}}, bound, false},
		{"opnum before a request", &ir.DCEOpnum{Any: []ir.Cmp{{Op: "=", A: 63}}}, noRequest, false},
	} {
		u := &inspect.Unit{Kind: inspect.KindApp, DCE: tc.d}
		if got := condHolds(tc.m, u); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
