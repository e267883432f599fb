package seclang

import (
	"reflect"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func ids(rs []*ir.Rule) []uint64 {
	var out []uint64
	for _, r := range rs {
		out = append(out, r.Meta.SID)
	}
	return out
}

func TestRemoveRules(t *testing.T) {
	res := mustCompile(t, `SecRule ARGS "@rx a" "id:1,tag:'attack-sqli'"
SecRule ARGS "@rx a" "id:2,msg:'drop me'"
SecMarker M
SecRule ARGS "@rx a" "id:3"
SecRule ARGS "@rx a" "id:4,tag:'keep'"
SecRule ARGS "@rx a" "id:10"
SecRule ARGS "@rx a" "id:11"
SecRuleRemoveByTag ^attack-
SecRuleRemoveByMsg drop
SecRuleRemoveById 3 10-20
SecRule ARGS "@rx a" "id:12"`)
	if got := ids(res.Rules); !reflect.DeepEqual(got, []uint64{4, 12}) {
		t.Fatalf("ids %v, want [4 12]", got)
	}
	if got := res.Rules[0].Sec.Markers; !reflect.DeepEqual(got, []string{"M"}) {
		t.Errorf("marker moved to %v, want [M] on rule 4", got)
	}
	if res.Tally.Rules != 2 {
		t.Errorf("tally %+v", res.Tally)
	}
}

func TestUpdateTargetsAndActions(t *testing.T) {
	res := mustCompile(t, `SecRule ARGS "@rx a" "id:1,tag:'t1',pass"
SecRule ARGS "@rx a" "id:2,tag:'t2',pass"
SecRuleUpdateTargetById 1 "!ARGS:password"
SecRuleUpdateTargetByTag ^t2$ "!REQUEST_COOKIES:/^sess/|ARGS_NAMES"
SecRuleUpdateTargetByMsg "^nothing$" ARGS_GET
SecRuleUpdateActionById 1 "deny,msg:'updated'"
SecRuleUpdateTargetByMsg "^updated$" XML`)
	r1, r2 := res.Rules[0], res.Rules[1]
	if got := r1.Sec.Parts[0].Targets; len(got) != 3 || got[2].Collection != "XML" || got[1] != (ir.SecTarget{Collection: "ARGS", Key: "password", Exclude: true}) {
		t.Errorf("rule 1 targets %+v", got)
	}
	if got := r2.Sec.Parts[0].Targets; len(got) != 3 || got[1] != (ir.SecTarget{Collection: "REQUEST_COOKIES", Key: "^sess", KeyRegex: true, Exclude: true}) {
		t.Errorf("rule 2 targets %+v", got)
	}
	if r1.Action != ir.ActDrop || r1.Meta.Msg != "updated" || r2.Action != ir.ActAlert {
		t.Errorf("actions %q %q %q", r1.Action, r1.Meta.Msg, r2.Action)
	}
}

func TestSettings(t *testing.T) {
	res := mustCompile(t, `SecRuleEngine DetectionOnly
SecRequestBodyLimit 13107200
SecComponentSignature "OWASP_CRS/4.28.0"
SecCollectionTimeout 600`)
	want := map[string]string{"SecRuleEngine": "DetectionOnly", "SecRequestBodyLimit": "13107200", "SecComponentSignature": "OWASP_CRS/4.28.0", "SecCollectionTimeout": "600"}
	if !reflect.DeepEqual(res.Config.Settings, want) {
		t.Errorf("settings %v", res.Config.Settings)
	}
	if res.Tally.Rules != 0 {
		t.Errorf("settings counted as rules: %+v", res.Tally)
	}
}

func TestDirectiveErrors(t *testing.T) {
	runErrorCases(t, []errorCase{
		{`SecFrobnicate On`, diag.ErrUnsupported, `directive "SecFrobnicate" unsupported`},
		{`SecRuleEngine Maybe`, diag.ErrBadValue, `SecRuleEngine "Maybe": want one of On, Off, DetectionOnly: bad value`},
		{`SecRequestBodyLimit lots`, diag.ErrBadValue, `SecRequestBodyLimit "lots": want a number: bad value`},
		{`SecDefaultAction "log,pass"`, diag.ErrMissing, `SecDefaultAction: missing phase: missing required option`},
		{`SecDefaultAction "phase:2,log"`, diag.ErrMissing, `SecDefaultAction: missing disruptive action (pass, deny, drop, allow, redirect): missing required option`},
		{`SecDefaultAction "phase:2,pass,id:3"`, diag.ErrBadValue, `SecDefaultAction: action "id" cannot be a default: bad value`},
		{`SecRuleRemoveById abc`, diag.ErrBadValue, `SecRuleRemoveById: "abc" is not an id or id range: bad value`},
		{`SecRuleRemoveByTag "a(?=b)"`, diag.ErrUnsupported, "SecRuleRemoveByTag: not RE2 (error parsing regexp: invalid or unsupported Perl syntax: `(?=`): unsupported"},
		{`SecRuleUpdateTargetById 5 ARGS`, diag.ErrBadValue, `SecRuleUpdateTargetById: no rule with id 5 defined before: bad value`},
		{`SecRuleUpdateActionById 5 "pass"`, diag.ErrBadValue, `SecRuleUpdateActionById: no rule with id 5 defined before: bad value`},
		{`SecRuleRemoveById`, diag.ErrMissing, `SecRuleRemoveById: want 1 argument(s), got 0: missing required option`},
	})
}
