package match

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestEntropyValue(t *testing.T) {
	for _, c := range []struct {
		data string
		want float64
	}{{"", 0}, {"aaaaaaa", 0}, {"abcdabcd", 2}, {"ab", 1}} {
		if got := entropy([]byte(c.data)); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("entropy(%q) = %v, want %v", c.data, got, c.want)
		}
	}
}

func TestEntropyStoresEveryEvaluation(t *testing.T) {
	e, err := Compile(compileRules(t,
		`alert http any any -> any any (file.data; entropy: value > 1; sid:1;)`,
		`alert http any any -> any any (file.data; entropy: value < 1; sid:2;)`,
		`alert http any any -> any any (file.data; entropy: offset 4, value = 0; sid:3;)`,
		`alert http any any -> any any (file.data; entropy: offset 100, value >= 0; sid:4;)`,
		`alert http any any -> any any (http.uri; entropy: bytes 2, value = 1; sid:5;)`,
	))
	if err != nil {
		t.Fatal(err)
	}
	u := appUnit(map[string]string{"file.data": "abcdaaaa", "http.uri": "/a/b"})
	var fx Effects
	got := e.NewGroup(e.All()).MatchEffects(u, nil, &fx)
	if !reflect.DeepEqual(sorted(got), []int{0, 2, 4}) {
		t.Errorf("matched %v, want rules 0, 2 and 4", got)
	}
	want := []EntropyValue{{"file_data", entropy([]byte("abcdaaaa"))}, {"file_data", entropy([]byte("abcdaaaa"))}, {"file_data", 0}, {"http_uri", 1}}
	if !reflect.DeepEqual(fx.Entropy, want) {
		t.Errorf("entropy values %v, want %v (an offset past the buffer stores none)", fx.Entropy, want)
	}
}

func TestPCRECapturesOfMatchedRules(t *testing.T) {
	e, err := Compile(compileRules(t,
		`alert http any any -> any any (http.user_agent; pcre:"/^(.*)\/(\d+\.\d+)/, flow:key,flow:value"; sid:1;)`,
		`alert http any any -> any any (http.user_agent; pcre:"/(?P<pkt_os>Windows [A-Z]+)/"; content:"nomatch"; sid:2;)`,
		`alert http any any -> any any (http.user_agent; pcre:"/(?:x)?(\w+) (\w+)/, pkt:key,pkt:value"; sid:3;)`,
		`alert http any any -> any any (http.user_agent; pcre:"/(a)?(?P<flow_ver>\d)/"; sid:4;)`,
		`alert http any any -> any any (http.user_agent; pcre:"/(?P<flow_u>[a-z])/"; content:"l"; within:1; sid:5;)`,
	))
	if err != nil {
		t.Fatal(err)
	}
	ua := "Mozilla/5.0 (Windows NT 10.0)" + strings.Repeat(" ", 3)
	var fx Effects
	got := e.NewGroup(e.All()).MatchEffects(appUnit(map[string]string{"http.user_agent": ua}), nil, &fx)
	if !reflect.DeepEqual(sorted(got), []int{0, 2, 3, 4}) {
		t.Fatalf("matched %v, want rules 0, 2, 3 and 4", got)
	}
	want := []Capture{
		{Rule: 0, Scope: "flow", Name: "key", Value: []byte("Mozilla")},
		{Rule: 0, Scope: "flow", Name: "value", Value: []byte("5.0")},
		{Rule: 2, Scope: "pkt", Key: []byte("Windows"), Value: []byte("NT")},
		{Rule: 3, Scope: "flow", Name: "ver", Value: []byte("5")},
		{Rule: 4, Scope: "flow", Name: "u", Value: []byte("i")}, // the retry's capture replaces the first
	}
	slices.SortStableFunc(fx.Vars, func(a, b Capture) int { return a.Rule - b.Rule })
	if !reflect.DeepEqual(fx.Vars, want) {
		t.Errorf("captures %+v, want %+v", fx.Vars, want)
	}
}

func sorted(s []int) []int {
	slices.Sort(s)
	return s
}

// A packet without payload is not inspected by payload rules (Suricata's
// signature mask requires a payload), so an entropy on it stores nothing.
func TestEmptyPacketPayloadNotInspected(t *testing.T) {
	e, err := Compile(compileRules(t,
		`alert tcp-pkt any any -> any any (entropy: value >= 0; sid:1;)`,
		`alert tcp-pkt any any -> any any (content:!"x"; sid:2;)`,
	))
	if err != nil {
		t.Fatal(err)
	}
	var fx Effects
	if got := e.NewGroup(e.All()).MatchEffects(packetUnit(6, map[string]string{"payload": ""}), nil, &fx); len(got) > 0 || len(fx.Entropy) > 0 {
		t.Errorf("empty payload: matched %v, entropy %v", got, fx.Entropy)
	}
	got := e.NewGroup(e.All()).MatchEffects(packetUnit(6, map[string]string{"payload": "ab"}), nil, &fx)
	if !reflect.DeepEqual(sorted(got), []int{0, 1}) || !reflect.DeepEqual(fx.Entropy, []EntropyValue{{"content", 1}}) {
		t.Errorf("payload: matched %v, entropy %v", got, fx.Entropy)
	}
}
