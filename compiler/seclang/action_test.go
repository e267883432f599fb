package seclang

import (
	"reflect"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestRuleMeta(t *testing.T) {
	res := mustCompile(t, `SecRule REQUEST_URI "@rx a" "id:942100,phase:request,block,msg:'SQL',rev:'2',tag:'a',tag:'b',ver:'CRS/4',severity:'CRITICAL',t:none,t:urlDecodeUni,t:LOWERCASE,capture,multiMatch,logdata:'%{MATCHED_VAR}',setvar:'tx.score=+%{tx.critical_anomaly_score}',ctl:ruleRemoveById=1,skipAfter:END,status:403,nolog,auditlog"
SecMarker END`)
	r := res.Rules[0]
	if r.Lang != ir.SecLang || r.Meta.SID != 942100 || r.Meta.Rev != 2 || r.Meta.Msg != "SQL" || r.Meta.Priority != 1 {
		t.Errorf("meta %+v", r.Meta)
	}
	wantMeta := []ir.KV{{Key: "tag", Value: "a"}, {Key: "tag", Value: "b"}, {Key: "ver", Value: "CRS/4"}, {Key: "severity", Value: "CRITICAL"}}
	if !reflect.DeepEqual(r.Meta.Metadata, wantMeta) {
		t.Errorf("metadata %v", r.Meta.Metadata)
	}
	if r.Sec.Phase != 2 || r.Action != ir.ActAlert || !r.NoAlert || r.Header.Proto.App != "http" {
		t.Errorf("phase %d action %q noalert %v proto %+v", r.Sec.Phase, r.Action, r.NoAlert, r.Header.Proto)
	}
	p := r.Sec.Parts[0]
	if !reflect.DeepEqual(p.Transforms, []string{"urlDecodeUni", "lowercase"}) {
		t.Errorf("transforms %q", p.Transforms)
	}
	a := p.Actions
	wantSet := []ir.SecSetVar{{Collection: "tx", Name: "score", Op: '+', Value: "%{tx.critical_anomaly_score}"}}
	if !a.Capture || !a.MultiMatch || a.LogData != "%{MATCHED_VAR}" || a.SkipAfter != "END" || a.Status != 403 ||
		!reflect.DeepEqual(a.SetVars, wantSet) || !reflect.DeepEqual(a.Ctl, []ir.KV{{Key: "ruleRemoveById", Value: "1"}}) ||
		a.Log == nil || *a.Log || a.AuditLog == nil || !*a.AuditLog {
		t.Errorf("actions %+v", a)
	}
}

func TestDisruptiveActions(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want ir.Action
	}{
		{`SecRule ARGS "@rx a" "id:1,deny"`, ir.ActDrop},
		{`SecRule ARGS "@rx a" "id:1,drop"`, ir.ActDrop},
		{`SecRule ARGS "@rx a" "id:1,allow"`, ir.ActPass},
		{`SecRule ARGS "@rx a" "id:1,pass"`, ir.ActAlert},
		{`SecRule ARGS "@rx a" "id:1"`, ir.ActAlert},
		{`SecRule ARGS "@rx a" "id:1,block"`, ir.ActAlert},
		{`SecDefaultAction "phase:2,deny,log"` + "\n" + `SecRule ARGS "@rx a" "id:1,block"`, ir.ActDrop},
		{`SecDefaultAction "phase:2,deny,log"` + "\n" + `SecRule ARGS "@rx a" "id:1,phase:1,block"`, ir.ActAlert},
		{`SecDefaultAction "phase:2,deny,log"` + "\n" + `SecRule ARGS "@rx a" "id:1"`, ir.ActDrop},
	} {
		res := mustCompile(t, tc.src)
		if len(res.Rules) != 1 || res.Rules[0].Action != tc.want {
			t.Errorf("%s: got %v, want %q", tc.src, res.Rules, tc.want)
		}
	}
}

func TestSeverityPriority(t *testing.T) {
	for sev, want := range map[string]int{"EMERGENCY": 1, "0": 1, "critical": 1, "ERROR": 2, "WARNING": 3, "4": 3, "NOTICE": 4, "DEBUG": 4} {
		res := mustCompile(t, `SecAction "id:1,severity:`+sev+`"`)
		if got := res.Rules[0].Meta.Priority; got != want {
			t.Errorf("severity %s: priority %d, want %d", sev, got, want)
		}
	}
}

func TestDefaultTransforms(t *testing.T) {
	res := mustCompile(t, `SecDefaultAction "phase:2,log,pass,t:lowercase"
SecRule ARGS "@rx a" "id:1,t:urlDecode"
SecRule ARGS "@rx a" "id:2,t:none,t:trim"`)
	if got := res.Rules[0].Sec.Parts[0].Transforms; !reflect.DeepEqual(got, []string{"lowercase", "urlDecode"}) {
		t.Errorf("rule 1 transforms %q", got)
	}
	if got := res.Rules[1].Sec.Parts[0].Transforms; !reflect.DeepEqual(got, []string{"trim"}) {
		t.Errorf("rule 2 transforms %q", got)
	}
}

func TestChain(t *testing.T) {
	res := mustCompile(t, `SecRule ARGS "@rx a" "id:1,phase:1,deny,chain"
	SecRule &TX:x "@eq 0" "t:length,setvar:tx.y=1,chain"
		SecRule !ARGS:foo|ARGS:/^b/ "@contains c"
SecAction "id:2,nolog"`)
	if len(res.Rules) != 2 || res.Tally.Rules != 2 {
		t.Fatalf("rules %d tally %+v", len(res.Rules), res.Tally)
	}
	parts := res.Rules[0].Sec.Parts
	if len(parts) != 3 || parts[1].Targets[0] != (ir.SecTarget{Collection: "TX", Key: "x", Count: true}) ||
		parts[2].Targets[0] != (ir.SecTarget{Collection: "ARGS", Key: "foo", Exclude: true}) ||
		parts[2].Targets[1] != (ir.SecTarget{Collection: "ARGS", Key: "^b", KeyRegex: true}) {
		t.Errorf("parts %+v", parts)
	}
	if op := res.Rules[1].Sec.Parts[0].Operator.Name; op != "unconditionalMatch" {
		t.Errorf("SecAction operator %q", op)
	}
}

func TestActionErrors(t *testing.T) {
	runErrorCases(t, []errorCase{
		{`SecRule ARGS "@rx a" "id:1,frobnicate"`, diag.ErrUnsupported, `action "frobnicate" unsupported`},
		{`SecRule ARGS "@rx a" "id:x"`, diag.ErrBadValue, `action "id": "x" is not an id (1..4294967295): bad value`},
		{`SecRule ARGS "@rx a" "phase:2,pass"`, diag.ErrMissing, `SecRule: missing id: missing required option`},
		{`SecAction "pass"`, diag.ErrMissing, `SecAction: missing id: missing required option`},
		{`SecRule ARGS "@rx a" "id:1,phase:7"`, diag.ErrBadValue, `action "phase": "7" is not a phase (1..5, request, response, logging): bad value`},
		{`SecRule ARGS "@rx a" "id:1,severity:HUGE"`, diag.ErrBadValue, `action "severity": "HUGE" is not a severity (0..7 or EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG): bad value`},
		{`SecRule ARGS "@rx a" "id:1,status:99"`, diag.ErrBadValue, `action "status": "99" is not an HTTP status: bad value`},
		{`SecRule ARGS "@rx a" "id:1,setvar:tx"`, diag.ErrBadValue, `action "setvar": "tx": want collection.name: bad value`},
		{`SecRule ARGS "@rx a" "id:1,setvar:tx.a=%{nope.b}"`, diag.ErrUnsupported, `action "setvar": macro %{nope.b}: variable "nope" unsupported`},
		{`SecRule ARGS "@rx a" "id:1,msg:'%{FOO}'"`, diag.ErrUnsupported, `action "msg": macro %{FOO}: variable "FOO" unsupported`},
		{`SecRule ARGS "@rx a" "id:1,ctl:fooBar=1"`, diag.ErrUnsupported, `action "ctl": option "fooBar" unsupported`},
		{`SecRule ARGS "@rx a" "id:1,capture:yes"`, diag.ErrBadValue, `action "capture" takes no value: bad value`},
		{`SecRule ARGS "@rx a" "id:1,msg"`, diag.ErrMissing, `action "msg": missing value: missing required option`},
		{`SecRule ARGS "@rx a" "id:1,skip:0"`, diag.ErrBadValue, `action "skip": "0" is not a positive count: bad value`},
		{`SecRule ARGS "@rx a" "id:1,skipAfter:NOWHERE"`, diag.ErrBadValue, `skipAfter: no SecMarker "NOWHERE": bad value`},
		{`SecRule ARGS "@rx a" "id:1,chain"`, diag.ErrMissing, `chain: no SecRule follows: missing required option`},
		{`SecRule ARGS "@rx a" "id:1,chain"` + "\n" + `SecRule ARGS "@rx b" "id:2"`, diag.ErrBadValue, `action "id" in a chained rule: bad value`},
	})
}
