package suricata

import (
	"reflect"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
)

// lastMatcher compiles a rule that must succeed and returns its last
// matcher.
func lastMatcher(t *testing.T, line string) ir.Matcher {
	t.Helper()
	r := mustCompile(t, line)
	if len(r.Matchers) == 0 {
		t.Fatalf("%s: no matchers", line)
	}
	return r.Matchers[len(r.Matchers)-1]
}

// matcherCase is a rule and the last matcher it must compile to.
type matcherCase struct {
	rule string
	want ir.Matcher
}

func checkMatchers(t *testing.T, cases []matcherCase) {
	t.Helper()
	for _, c := range cases {
		if got := lastMatcher(t, c.rule); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.rule, got, c.want)
		}
	}
}

// failCase is a rule that must fail with a sentinel and a message.
type failCase struct {
	rule     string
	sentinel error
	want     string
}

func checkFailures(t *testing.T, cases []failCase) {
	t.Helper()
	for _, c := range cases {
		mustFail(t, c.rule, c.sentinel, c.want)
	}
}

func TestParseCNum(t *testing.T) {
	for s, want := range map[string]int64{"0": 0, "10": 10, "010": 8, "0x1F": 31, "0X10": 16, "-12": -12, "-0x10": -16} {
		if got, err := parseCNum(s); err != nil || got != want {
			t.Errorf("parseCNum(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "0x", "08", "1_0", "+1", "--1", "x1", "9223372036854775808"} {
		if got, err := parseCNum(s); err == nil {
			t.Errorf("parseCNum(%q) = %d, want an error", s, got)
		}
	}
}
