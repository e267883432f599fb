package suricata

import (
	"errors"
	"strings"
	"testing"

	"github.com/rulec/rulec/diag"
)

func nested(n int, leaf string) string {
	return strings.Repeat("[", n) + leaf + strings.Repeat("]", n)
}

func TestNestingDepthCapped(t *testing.T) {
	if _, err := ParseAddr(nested(MaxDepth, "1.2.3.4")); err != nil {
		t.Fatalf("depth %d refused: %v", MaxDepth, err)
	}
	if _, err := ParsePort(nested(MaxDepth, "80")); err != nil {
		t.Fatalf("depth %d refused: %v", MaxDepth, err)
	}
	if _, err := ParseAddr(nested(MaxDepth+1, "1.2.3.4")); !errors.Is(err, diag.ErrLimit) {
		t.Errorf("address depth %d: err = %v, want limit", MaxDepth+1, err)
	}
	if _, err := ParsePort(nested(MaxDepth+1, "80")); !errors.Is(err, diag.ErrLimit) {
		t.Errorf("port depth %d: err = %v, want limit", MaxDepth+1, err)
	}
}

func TestDeepListInRulePositioned(t *testing.T) {
	const deep = 200000
	for _, tc := range []struct{ src, msg string }{
		{"alert tcp " + nested(deep, "1.2.3.4") + " any -> any any (sid:1;)", "address block recursion limit reached (max 64)"},
		{"alert tcp any " + nested(deep, "80") + " -> any any (sid:1;)", "port block recursion limit reached (max 64)"},
	} {
		_, err := ParseRule("t.rules", tc.src)
		var d *diag.Diagnostic
		if !errors.As(err, &d) || !errors.Is(err, diag.ErrLimit) {
			t.Fatalf("err = %v, want a positioned limit diagnostic", err)
		}
		if want := strings.Index(tc.src, "[") + MaxDepth + 1; d.Pos.Line != 1 || d.Pos.Col != want {
			t.Errorf("pos = %v, want column %d (the first bracket too deep)", d.Pos, want)
		}
		if !strings.Contains(d.Error(), tc.msg) || len(d.Error()) > 300 {
			t.Errorf("message %.300q", d.Error())
		}
	}
}
