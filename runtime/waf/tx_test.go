package waf_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/waf"
)

func TestPhasesInOrder(t *testing.T) {
	w := newWAF(t, `
SecAction "id:5,phase:5,pass,log"
SecRule ARGS_POST:a "@streq 1" "id:2,phase:2,pass,log"
SecRule ARGS_POST:a "@streq 1" "id:1,phase:1,pass,log"
SecRule RESPONSE_STATUS "@eq 200" "id:3,phase:3,pass,log"
SecRule RESPONSE_BODY "@contains secret" "id:4,phase:4,pass,log"
`, detect)
	tx := run(w, request{method: "POST", body: "a=1",
		headers:     [][2]string{{"Content-Type", "application/x-www-form-urlencoded"}},
		respHeaders: [][2]string{{"Content-Type", "text/html"}}, respBody: "the secret"})
	defer tx.Close()
	if got, want := matched(tx), []uint64{2, 3, 4, 5}; !slices.Equal(got, want) {
		t.Errorf("matched %v, want %v (ARGS_POST is empty in phase 1)", got, want)
	}
}

func TestChains(t *testing.T) {
	w := newWAF(t, `
SecRule ARGS "@rx ^x" "id:1,phase:1,pass,log,msg:'last %{MATCHED_VAR_NAME}',logdata:'%{MATCHED_VAR}',setvar:tx.starter=+1,chain"
    SecRule ARGS:b "@streq xb" "t:none"
SecRule ARGS "@rx ^x" "id:2,phase:1,pass,log,setvar:tx.starter2=+1,chain"
    SecRule ARGS:c "@streq nope"
SecRule TX:starter "@eq 2" "id:3,phase:1,pass,log"
SecRule TX:starter2 "@eq 2" "id:4,phase:1,pass,log"
`, detect)
	tx := run(w, request{uri: "/?a=xa&b=xb"})
	defer tx.Close()
	if got, want := matched(tx), []uint64{1, 3, 4}; !slices.Equal(got, want) {
		t.Fatalf("matched %v, want %v", got, want)
	}
	m, _ := find(tx, 1)
	if m.Msg != "last ARGS:b" || m.Data != "xb" {
		t.Errorf("rule 1: msg %q data %q, want the chain's last match", m.Msg, m.Data)
	}
}

func TestSetvarAndMacros(t *testing.T) {
	w := newWAF(t, `
SecAction "id:1,phase:1,pass,nolog,setvar:tx.score=5,setvar:tx.flag,setvar:tx.gone=1,setvar:!tx.gone"
SecAction "id:2,phase:1,pass,nolog,setvar:tx.score=+%{tx.score},setvar:tx.score=-3,setvar:tx.name_%{tx.flag}=%{request_headers.host}"
SecRule TX:score "@eq 7" "id:3,phase:1,pass,log,msg:'score %{tx.score} on %{TX.NAME_1}'"
SecRule &TX:gone "@eq 0" "id:4,phase:1,pass,log"
SecRule TX:flag "@streq 1" "id:5,phase:1,pass,log"
`, detect)
	tx := run(w, request{headers: [][2]string{{"Host", "example.com"}}})
	defer tx.Close()
	if got, want := matched(tx), []uint64{1, 2, 3, 4, 5}; !slices.Equal(got, want) {
		t.Fatalf("matched %v, want %v", got, want)
	}
	if m, _ := find(tx, 3); m.Msg != "score 7 on example.com" {
		t.Errorf("msg %q, want %q", m.Msg, "score 7 on example.com")
	}
}

func TestCapture(t *testing.T) {
	w := newWAF(t, `
SecRule ARGS:q "@rx (\w+)=(\w+)" "id:1,phase:1,pass,log,capture,logdata:'%{TX.0}|%{TX.1}|%{TX.2}',chain"
    SecRule TX:1 "@streq %{TX.2}"
SecRule ARGS:q "@rx (a)" "id:2,phase:1,pass,nolog,capture"
SecRule &TX:2 "@eq 0" "id:3,phase:1,pass,log,logdata:'%{TX.1}'"
`, detect)
	tx := run(w, request{uri: "/?q=foo%3Dfoo+a"})
	defer tx.Close()
	if got, want := matched(tx), []uint64{1, 2, 3}; !slices.Equal(got, want) {
		t.Fatalf("matched %v, want %v", got, want)
	}
	if m, _ := find(tx, 1); m.Data != "foo=foo|foo|foo" {
		t.Errorf("rule 1 data %q", m.Data)
	}
	if m, _ := find(tx, 3); m.Data != "a" {
		t.Errorf("rule 3 data %q: a capture with one group clears TX:2 and sets TX:1", m.Data)
	}
}

func TestFlow(t *testing.T) {
	w := newWAF(t, `
SecAction "id:1,phase:1,pass,nolog,skipAfter:END"
SecAction "id:2,phase:1,pass,log"
SecAction "id:3,phase:2,pass,log,skipAfter:END"
SecAction "id:4,phase:2,pass,log"
SecMarker END
SecAction "id:5,phase:1,pass,log,skip:1"
SecAction "id:6,phase:1,pass,log"
SecAction "id:7,phase:1,pass,log"
SecAction "id:8,phase:2,pass,log"
SecAction "id:9,phase:2,pass,log,skipAfter:NOWHERE"
SecAction "id:10,phase:2,pass,log"
SecMarker NOWHERE
`, detect)
	tx := run(w, request{})
	defer tx.Close()
	if got, want := matched(tx), []uint64{1, 5, 7, 3, 8, 9}; !slices.Equal(got, want) {
		t.Errorf("matched %v, want %v", got, want)
	}
}

func TestCtl(t *testing.T) {
	w := newWAF(t, `
SecAction "id:1,phase:1,pass,nolog,ctl:ruleRemoveById=10,ctl:ruleRemoveByTag=noisy,ctl:ruleRemoveTargetById=12;ARGS:secret"
SecRule ARGS "@rx ." "id:10,phase:2,pass,log"
SecRule ARGS "@rx ." "id:11,phase:2,pass,log,tag:'noisy'"
SecRule ARGS "@contains x" "id:12,phase:2,pass,log"
SecRule REQUEST_HEADERS:Content-Type "@contains json" "id:13,phase:1,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule ARGS:json.k "@streq x" "id:14,phase:2,pass,log"
SecAction "id:15,phase:2,pass,log,ctl:ruleEngine=Off"
SecAction "id:16,phase:2,pass,log"
`, detect)
	tx := run(w, request{method: "POST", uri: "/?secret=x", body: `{"k":"x"}`,
		headers: [][2]string{{"Content-Type", "application/json"}}})
	defer tx.Close()
	if got, want := matched(tx), []uint64{1, 13, 12, 14, 15}; !slices.Equal(got, want) {
		t.Fatalf("matched %v, want %v", got, want)
	}
	if m, _ := find(tx, 12); m.MatchedVarName != "ARGS:json.k" {
		t.Errorf("rule 12 matched %s, want ARGS:json.k (ARGS:secret removed)", m.MatchedVarName)
	}
}

func TestModes(t *testing.T) {
	rules := `SecRule ARGS:a "@streq bad" "id:1,phase:1,deny,status:406,log"
SecAction "id:2,phase:2,pass,log"
SecAction "id:3,phase:5,pass,log"`
	tests := []struct {
		mode   waf.Mode
		status int // 0: no interruption
		ids    []uint64
	}{
		{waf.On, 406, []uint64{1, 3}},
		{waf.DetectionOnly, 0, []uint64{1, 2, 3}},
		{waf.Off, 0, nil},
	}
	for _, tt := range tests {
		w := newWAF(t, rules, waf.Config{Mode: tt.mode})
		tx := run(w, request{uri: "/?a=bad"})
		status := 0
		if it := tx.Interruption(); it != nil {
			status = it.Status
			if it.RuleID != 1 || it.Action != "deny" {
				t.Errorf("%v: interruption %+v", tt.mode, it)
			}
		}
		if got := matched(tx); status != tt.status || !slices.Equal(got, tt.ids) {
			t.Errorf("%v: status %d matched %v, want %d %v", tt.mode, status, got, tt.status, tt.ids)
		}
		tx.Close()
	}
}

func TestMultiMatch(t *testing.T) {
	w := newWAF(t, `
SecRule ARGS:a "@rx ^%3c" "id:1,phase:1,pass,log,t:urlDecode,multiMatch"
SecRule ARGS:a "@rx ^%3c" "id:2,phase:1,pass,log,t:urlDecode"
SecRule ARGS:a "@rx ^<" "id:3,phase:1,pass,log,t:urlDecode,t:lowercase,multiMatch,setvar:tx.n=+1"
# "<X" and "<x" both match: actions run once per match
SecRule TX:n "@eq 2" "id:4,phase:1,pass,log"
`, detect)
	tx := run(w, request{uri: "/?a=%253cX"})
	defer tx.Close()
	if got, want := matched(tx), []uint64{1, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("matched %v, want %v", got, want)
	}
}

// TestUnsupportedRuleAlone: a rule the engine cannot run is left out on
// its own (the WAF used to be built all or nothing, so one such rule
// unloaded all of CRS); the rules around it run.
func TestUnsupportedRuleAlone(t *testing.T) {
	for _, bad := range []string{
		`SecRule XML:/a/b "@rx x" "id:5,phase:1,pass,log"`,
		`SecAction "id:5,phase:1,pass,log,setvar:env.x=1"`,
		`SecAction "id:5,phase:1,pass,log,ctl:ruleRemoveTargetById=1"`,
	} {
		rules := compileText(t, `SecRule ARGS:a "@rx x" "id:1,phase:1,pass,log,ctl:ruleRemoveById=3"
SecRule XML:/a "@rx x" "id:2,phase:1,pass,log"
`+bad+`
SecRule ARGS:a "@rx x" "id:3,phase:1,pass,log"
SecRule ARGS:a "@rx x" "id:4,phase:1,pass,log,chain"
	SecRule ARGS:b "@rx z" "t:lowercase"
`)
		w, err := waf.New(rules, detect)
		if err != nil {
			t.Fatalf("%s: New = %v", bad, err)
		}
		var ids []uint64
		for _, r := range w.Rejected() {
			ids = append(ids, r.Rule.Meta.SID)
		}
		if !slices.Equal(ids, []uint64{2, 5}) || w.Rules() != 3 {
			t.Errorf("%s: rejected %v, %d rules run; want [2 5] rejected, 3 run", bad, ids, w.Rules())
		}
		if !errors.Is(w.Rejected()[1].Err, waf.ErrUnsupported) {
			t.Errorf("%s: %v, want ErrUnsupported", bad, w.Rejected()[1].Err)
		}
		tx := run(w, request{uri: "/?a=x&b=Z"})
		if got, want := matched(tx), []uint64{1, 4}; !slices.Equal(got, want) {
			t.Errorf("%s: matched %v, want %v (3 removed by 1's ctl)", bad, got, want)
		}
		tx.Close()
	}
}
