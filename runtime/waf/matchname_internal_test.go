package waf

import (
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestMakeMatchName(t *testing.T) {
	args, err := lookupVariable("ARGS")
	if err != nil {
		t.Fatal(err)
	}
	method, err := lookupVariable("REQUEST_METHOD")
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range []item{{v: args, key: "Foo"}, {v: args, key: "foo"}, {v: args, key: "ÄÖ-Key"},
		{v: args, key: ""}, {v: method}} {
		got := makeMatchName(&it)
		if want := it.name(); got.name != want || got.lname != lowerKey(want) {
			t.Errorf("%s:%s: %q %q, want %q %q", it.v.name, it.key, got.name, got.lname, want, lowerKey(want))
		}
	}
}

// The names a pooled transaction keeps are bounded, and their keys are
// copies, not views of the (body) string the item's key was cut from.
func TestMatchNamesBoundedAndCopied(t *testing.T) {
	args, err := lookupVariable("ARGS_POST")
	if err != nil {
		t.Fatal(err)
	}
	tx := &Tx{}
	body := strings.Repeat("x", 1<<12) + "key=1"
	it := item{v: args, key: body[len(body)-5 : len(body)-2]}
	if n := tx.matchName(&it); n.name != "ARGS_POST:key" || n.lname != "args_post:key" {
		t.Fatalf("name %q %q", n.name, n.lname)
	}
	start, end := uintptr(unsafe.Pointer(unsafe.StringData(body))), uintptr(unsafe.Pointer(unsafe.StringData(body)))+uintptr(len(body))
	for k, n := range tx.names {
		for _, s := range []string{k.key, n.name, n.lname} {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= start && p < end {
				t.Errorf("kept %q points into the body", s)
			}
		}
	}
	for i := range 3 * maxMatchNames {
		it := item{v: args, key: "k" + strconv.Itoa(i)}
		if n := tx.matchName(&it); n.name != "ARGS_POST:"+it.key {
			t.Fatalf("name %q for key %q", n.name, it.key)
		}
		if len(tx.names) > maxMatchNames {
			t.Fatalf("%d names kept, at most %d", len(tx.names), maxMatchNames)
		}
	}
}
