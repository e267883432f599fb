package match

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestDCEByteOrder: byte_test, byte_jump and byte_extract with dce read
// the stub data in its transaction's byte order, and big endian in any
// other buffer, as Suricata's DETECT_CI_FLAGS_DCE_LE/BE.
func TestDCEByteOrder(t *testing.T) {
	rules := compileRules(t,
		`alert tcp any any -> any any (dce_stub_data; content:"|5c 00|"; byte_test:2,=,0x0102,0,relative,dce; sid:1;)`,
		`alert tcp any any -> any any (dce_stub_data; content:"|5c 00|"; byte_test:2,=,0x0201,0,relative,dce; sid:2;)`,
		`alert tcp any any -> any any (dce_stub_data; content:"|5c 00|"; byte_jump:2,0,relative,dce; byte_test:1,=,0x41,0,relative; sid:3;)`,
		`alert tcp any any -> any any (dce_stub_data; byte_extract:2,2,n,dce; byte_test:2,=,n,2; sid:4;)`,
		`alert tcp any any -> any any (dce_stub_data; content:"|5c 00|"; byte_test:2,=,0x0102,0,relative; sid:5;)`,
	)
	e, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	stub := "\x5c\x00\x02\x01\x00\x00\x41\x00"
	for _, tc := range []struct {
		little bool
		want   []int
	}{
		{true, []int{0}},
		{false, []int{1, 3}},
	} {
		u := appUnit(map[string]string{"dcerpc.stub_data": stub})
		u.DCE = &inspect.DCE{Little: tc.little}
		got := e.groupMatch(u, []int{0, 1, 2, 3, 4})
		if !slices.Equal(got, tc.want) {
			t.Errorf("little=%v: matched %v, want %v", tc.little, got, tc.want)
		}
	}
	// 1 little endian jumps one byte past the value, to 'A'; big endian
	// 0x0100 jumps out of the buffer
	stub = "\x5c\x00\x01\x00\x00\x41"
	u := appUnit(map[string]string{"dcerpc.stub_data": stub})
	u.DCE = &inspect.DCE{Little: true}
	if got := e.groupMatch(u, []int{2}); len(got) != 1 {
		t.Errorf("byte_jump dce little endian: matched %v", got)
	}
	u.DCE.Little = false
	if got := e.groupMatch(u, []int{2}); len(got) != 0 {
		t.Errorf("byte_jump dce big endian: matched %v", got)
	}
	// the dce option reads big endian outside the stub data
	rules = compileRules(t, `alert tcp any any -> any any (dce_stub_data; content:"a"; pkt_data; byte_test:2,=,0x0102,0,dce; sid:1;)`)
	if e, err = Compile(rules); err != nil {
		t.Fatal(err)
	}
	u = appUnit(map[string]string{"dcerpc.stub_data": "a", "payload": "\x01\x02"})
	u.DCE = &inspect.DCE{Little: true}
	if got := e.groupMatch(u, []int{0}); len(got) != 1 {
		t.Errorf("dce byte_test on the payload: matched %v, want big endian", got)
	}
}
