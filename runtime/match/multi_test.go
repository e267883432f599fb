package match

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestMultiBufferInstances: a rule's matchers on a multi-buffer hold when
// they hold together on one instance, and each multi-buffer picks its own.
func TestMultiBufferInstances(t *testing.T) {
	rules := compileRules(t,
		`alert tls any any -> any any (tls.subjectaltname; content:"p142"; sid:1;)`,
		`alert tls any any -> any any (tls.subjectaltname; content:"p127"; content:"p142"; distance:0; sid:2;)`,
		`alert tls any any -> any any (tls.subjectaltname; content:"p142"; tls.certs; content:"third"; sid:3;)`,
		`alert tls any any -> any any (tls.subjectaltname; content:"p127"; tls.certs; content:"leaf"; sid:4;)`,
		`alert tls any any -> any any (tls.certs; content:"nowhere"; sid:5;)`,
		`alert tls any any -> any any (tls.subjectaltname; content:"P128"; nocase; sid:6;)`,
	)
	e, err := Compile(rules)
	if err != nil {
		t.Fatal(err)
	}
	u := &inspect.Unit{Kind: inspect.KindApp}
	for _, n := range []string{"p127.example", "p128.example", "p142.example"} {
		u.AddBuffer("tls.subjectaltname", []byte(n))
	}
	for _, c := range []string{"leaf", "intermediate", "third"} {
		u.AddBuffer("tls.certs", []byte(c))
	}
	// sid 2's contents are in different instances: no match
	want := []int{0, 2, 3, 5}
	if got := e.MatchAll(u); !slices.Equal(got, want) {
		t.Errorf("prefilter path: got %v, want %v", got, want)
	}
	if got := e.confirmEach(u, []int{0, 1, 2, 3, 4, 5}); !slices.Equal(got, want) {
		t.Errorf("confirm path: got %v, want %v", got, want)
	}
}
