package seclang

import (
	"errors"
	"strings"
	"testing"

	"github.com/rulec/rulec/diag"
)

func TestVariables(t *testing.T) {
	cases := []struct {
		vars string
		want []Variable
	}{
		{`ARGS`, []Variable{{Name: "ARGS"}}},
		{`!REQUEST_HEADERS:User-Agent`, []Variable{{Exclude: true, Name: "REQUEST_HEADERS", KeyKind: KeyName, Key: "User-Agent"}}},
		{`&TX:foo`, []Variable{{Count: true, Name: "TX", KeyKind: KeyName, Key: "foo"}}},
		{`!&ARGS`, []Variable{{Exclude: true, Count: true, Name: "ARGS"}}},
		{`REQUEST_COOKIES:/__utm/`, []Variable{{Name: "REQUEST_COOKIES", KeyKind: KeyRegex, Key: "__utm"}}},
		{`TX:/^ARGS/|TX:1`, []Variable{{Name: "TX", KeyKind: KeyRegex, Key: "^ARGS"}, {Name: "TX", KeyKind: KeyName, Key: "1"}}},
		{`XML:/*|XML://@*`, []Variable{{Name: "XML", KeyKind: KeyName, Key: "/*"}, {Name: "XML", KeyKind: KeyName, Key: "//@*"}}},
		{`REQUEST_COOKIES:/^(?:a|b)$/|ARGS`, []Variable{{Name: "REQUEST_COOKIES", KeyKind: KeyRegex, Key: "^(?:a|b)$"}, {Name: "ARGS"}}},
		{`REQUEST_COOKIES:/\x22?\x24Version/`, []Variable{{Name: "REQUEST_COOKIES", KeyKind: KeyRegex, Key: `\x22?\x24Version`}}},
		{`ARGS:/a\/b/`, []Variable{{Name: "ARGS", KeyKind: KeyRegex, Key: `a\/b`}}},
		{`ARGS://`, []Variable{{Name: "ARGS", KeyKind: KeyName, Key: "//"}}},
		{`ARGS:'a|b c'|ARGS_NAMES`, []Variable{{Name: "ARGS", KeyKind: KeyQuoted, Key: "a|b c"}, {Name: "ARGS_NAMES"}}},
		{`ARGS_NAMES:json.profile`, []Variable{{Name: "ARGS_NAMES", KeyKind: KeyName, Key: "json.profile"}}},
		{` ARGS | !ARGS:x `, []Variable{{Name: "ARGS"}, {Exclude: true, Name: "ARGS", KeyKind: KeyName, Key: "x"}}},
	}
	for _, c := range cases {
		d := parseOne(t, `SecRule "`+c.vars+`" "@unconditionalMatch" "id:1"`)
		got := stripPos(d).Vars
		if len(got) != len(c.want) {
			t.Errorf("%s: %+v, want %+v", c.vars, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: variable %d = %+v, want %+v", c.vars, i, got[i], c.want[i])
			}
		}
	}
}

func TestUpdateTargetVariables(t *testing.T) {
	d := parseOne(t, `SecRuleUpdateTargetById 942550 "!REQUEST_COOKIES:/^pbjs-\w+$/"`)
	want := Variable{Exclude: true, Name: "REQUEST_COOKIES", KeyKind: KeyRegex, Key: `^pbjs-\w+$`}
	if len(d.Vars) != 1 || stripPos(d).Vars[0] != want || d.Op != nil || d.Actions != nil {
		t.Errorf("got %+v", d)
	}
}

func TestOperator(t *testing.T) {
	cases := []struct {
		op   string
		want Operator
	}{
		{`@rx foo`, Operator{Name: "rx", Arg: "foo"}},
		{`!@rx foo bar `, Operator{Negated: true, Name: "rx", Arg: "foo bar "}},
		{`@pmFromFile  a.data`, Operator{Name: "pmFromFile", Arg: "a.data"}},
		{`@detectSQLi`, Operator{Name: "detectSQLi"}},
		{`@eq 0`, Operator{Name: "eq", Arg: "0"}},
		{`^foo$`, Operator{Name: "rx", Implicit: true, Arg: "^foo$"}},
		{`!^foo`, Operator{Negated: true, Name: "rx", Implicit: true, Arg: "^foo"}},
		{`!!x`, Operator{Negated: true, Name: "rx", Implicit: true, Arg: "!x"}},
		{`! @within %{tx.allowed_methods}`, Operator{Negated: true, Name: "within", Arg: "%{tx.allowed_methods}"}},
	}
	for _, c := range cases {
		d := parseOne(t, `SecRule ARGS "`+c.op+`" "id:1"`)
		if got := *stripPos(d).Op; got != c.want {
			t.Errorf("%s: %+v, want %+v", c.op, got, c.want)
		}
	}
	if d := parseOne(t, `SecRule ARGS attack`); d.Op.Arg != "attack" || !d.Op.Implicit || d.Actions != nil {
		t.Errorf("unquoted operator, no actions: %+v", d)
	}
}

func TestActions(t *testing.T) {
	cases := []struct {
		list string
		want []Action
	}{
		{`id:1,phase:2,pass`, []Action{
			{Name: "id", HasValue: true, Value: "1"},
			{Name: "phase", HasValue: true, Value: "2"},
			{Name: "pass"}}},
		{`msg:'a, b',tag:'x'`, []Action{
			{Name: "msg", HasValue: true, Value: "a, b", Quoted: true},
			{Name: "tag", HasValue: true, Value: "x", Quoted: true}}},
		{`setvar:'tx.x=+%{tx.y}'`, []Action{{Name: "setvar", HasValue: true, Value: "tx.x=+%{tx.y}", Quoted: true}}},
		{`msg:'it\'s',logdata:'a\\b',tag:'\x5c'`, []Action{
			{Name: "msg", HasValue: true, Value: "it's", Quoted: true},
			{Name: "logdata", HasValue: true, Value: `a\b`, Quoted: true},
			{Name: "tag", HasValue: true, Value: `\x5c`, Quoted: true}}},
		{`msg:'say \"hi\"'`, []Action{{Name: "msg", HasValue: true, Value: `say "hi"`, Quoted: true}}},
		{` t:none , t:lowercase ,nolog `, []Action{
			{Name: "t", HasValue: true, Value: "none"},
			{Name: "t", HasValue: true, Value: "lowercase"},
			{Name: "nolog"}}},
		{`ctl:ruleRemoveTargetById=942100;ARGS:foo,setvar:tx.a=1`, []Action{
			{Name: "ctl", HasValue: true, Value: "ruleRemoveTargetById=942100;ARGS:foo"},
			{Name: "setvar", HasValue: true, Value: "tx.a=1"}}},
		{`msg:,logdata: 'x' `, []Action{
			{Name: "msg", HasValue: true},
			{Name: "logdata", HasValue: true, Value: "x", Quoted: true}}},
		{`setvar:tx.a='b'`, []Action{{Name: "setvar", HasValue: true, Value: "tx.a='b'"}}},
		{``, nil},
	}
	for _, c := range cases {
		d := parseOne(t, `SecAction "`+c.list+`"`)
		got := stripPos(d).Actions
		if len(got) != len(c.want) {
			t.Errorf("%s: %+v, want %+v", c.list, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: action %d = %+v, want %+v", c.list, i, got[i], c.want[i])
			}
		}
	}
}

func TestDirectiveShapes(t *testing.T) {
	cases := []struct {
		src               string
		vars, op, actions bool
	}{
		{`SecRule ARGS "@rx x" "id:1"`, true, true, true},
		{`secrule ARGS x`, true, true, false},
		{`SecAction "id:1,pass"`, false, false, true},
		{`SecDefaultAction "phase:2,log,pass"`, false, false, true},
		{`SecRuleUpdateActionById 942100 "t:none"`, false, false, true},
		{`SecRuleUpdateTargetByTag attack-sqli "!ARGS:x"`, true, false, false},
		{`SecRuleUpdateTargetByMsg "msg" "ARGS:x" "ARGS:y"`, true, false, false},
		{`SecMarker "END-REQUEST"`, false, false, false},
		{`SecCollectionTimeout 600`, false, false, false},
		{`SecRuleRemoveByTag "attack-xss"`, false, false, false},
		{`SecSomethingNew a b c d`, false, false, false},
		{`<IfModule mod_security2.c>`, false, false, false},
	}
	for _, c := range cases {
		d := parseOne(t, c.src)
		if (d.Vars != nil) != c.vars || (d.Op != nil) != c.op || (d.Actions != nil) != c.actions {
			t.Errorf("%s: vars %v, operator %v, actions %v", c.src, d.Vars != nil, d.Op != nil, d.Actions != nil)
		}
	}
}

func TestSyntaxErrorsArePositioned(t *testing.T) {
	cases := map[string]string{
		`SecRule ARGS "@rx x`:                  "t.conf:2:14: unterminated quoted argument",
		`SecRule ARGS "@rx x""id:1"`:           `t.conf:2:21: unexpected '"' after closing quote`,
		`"SecRule" ARGS x`:                     "t.conf:2:1: expected a directive name",
		`SecRule ARGS`:                         "t.conf:2:1: SecRule takes 2 or 3 arguments, found 1",
		`SecMarker`:                            "t.conf:2:1: SecMarker takes 1 argument, found 0",
		`SecAction a b`:                        "t.conf:2:1: SecAction takes 1 argument, found 2",
		`SecRule ARGS|| "@rx x" "id:1"`:        "t.conf:2:14: expected a variable name",
		`SecRule ARGS| "@rx x" "id:1"`:         "t.conf:2:14: missing variable",
		`SecRule ARGS|&!X "@rx x" "id:1"`:      "t.conf:2:15: expected a variable name",
		`SecRule ARGS:/x/y "@rx x" "id:1"`:     "", // a plain key, not an error
		`SecRule "ARGS:'foo" "@rx x" "id:1"`:   "t.conf:2:15: unterminated quoted key",
		`SecRule "ARGS:''" "@rx x" "id:1"`:     "t.conf:2:15: empty key",
		`SecRule ARGS: "@rx x" "id:1"`:         "t.conf:2:14: empty key after ARGS:",
		`SecRule "ARGS:'a'b" "@rx x" "id:1"`:   `t.conf:2:18: unexpected 'b' in variable list`,
		`SecRule ARGS "@ x" "id:1"`:            "t.conf:2:15: bad operator name",
		`SecRule ARGS "@rx/x" "id:1"`:          "t.conf:2:15: bad operator name",
		`SecRule ARGS "" "id:1"`:               "t.conf:2:15: empty operator",
		`SecRule ARGS "!" "id:1"`:              "t.conf:2:15: empty operator",
		`SecRule ARGS "@rx x" "id:1,,pass"`:    "t.conf:2:28: empty action",
		`SecRule ARGS "@rx x" "id:1,"`:         "t.conf:2:28: empty action",
		`SecRule ARGS "@rx x" "id:1,msg:'abc"`: "t.conf:2:32: unterminated quoted value of msg",
		`SecRule ARGS "@rx x" "id:1 pass"`:     "t.conf:2:28: expected a comma after action id, found 'p'",
		`SecAction "msg:'a'b"`:                 `t.conf:2:19: expected a comma after action msg, found 'b'`,
		`SecAction "id:1,-x"`:                  `t.conf:2:17: unexpected '-' in action name`,
		`SecAction "id:1,\"x\""`:               `t.conf:2:18: unexpected '"' in action name`,
		"SecAction \"id:1,\\\n  ph-ase:1\"":    `t.conf:3:5: expected a comma after action ph`,
	}
	for src, want := range cases {
		_, errs := ParseFile("t.conf", []byte("\n"+src))
		if want == "" {
			if errs.Len() != 0 {
				t.Errorf("%s: %v", src, errs)
			}
			continue
		}
		if errs.Len() != 1 {
			t.Errorf("%s: %d errors, want 1", src, errs.Len())
			continue
		}
		e := errs.Items[0]
		if !errors.Is(e, diag.ErrSyntax) {
			t.Errorf("%s: %v does not wrap ErrSyntax", src, e)
		}
		if !strings.Contains(e.Error(), want) {
			t.Errorf("%s:\n got %v\nwant %s", src, e, want)
		}
	}
}

func TestErrorsDoNotStopTheFile(t *testing.T) {
	src := "SecMarker a\nSecRule ARGS\nSecMarker b\nSecAction \"x,,y\"\nSecMarker c\n"
	f, errs := ParseFile("t.conf", []byte(src))
	if errs.Len() != 2 || errs.Items[0].Pos.Line != 2 || errs.Items[1].Pos.Line != 4 {
		t.Errorf("errors: %v", errs.Items)
	}
	var names []string
	for _, d := range f.Directives {
		names = append(names, d.Args[0].Value)
	}
	if strings.Join(names, " ") != "a b c" {
		t.Errorf("kept %v", names)
	}
	_, errs = ParseFile("t.conf", []byte(strings.Repeat("SecMarker\n", diag.DefaultCap+5)))
	if errs.Len() != diag.DefaultCap || errs.Dropped != 5 {
		t.Errorf("cap: kept %d, dropped %d", errs.Len(), errs.Dropped)
	}
}

func TestFormat(t *testing.T) {
	cases := map[string]string{
		"SecRule  ARGS|!ARGS:x \t \"@rx a\\\"b\"  'id:1,msg:\\'x\\''": `SecRule ARGS|!ARGS:x "@rx a\"b" "id:1,msg:'x'"`,
		"SecRule ARGS \"@rx x\" \\\n    \"id:1,\\\n    pass\"":        `SecRule ARGS "@rx x" "id:1,    pass"`,
		`SecMarker 'a\"b'`: `SecMarker 'a\"b'`,
		`SecMarker 'a"b'`:  `SecMarker "a\"b"`,
		`SecMarker "a\\"`:  `SecMarker "a\\"`,
		`SecMarker a\ `:    `SecMarker a\ `,
		`SecMarker ""`:     `SecMarker ""`,
	}
	for src, want := range cases {
		d := parseOne(t, src)
		got := Format(d)
		if got != want {
			t.Errorf("Format(%s) = %s, want %s", src, got, want)
			continue
		}
		again := parseOne(t, got)
		if !equalDirectives(d, again) {
			t.Errorf("%s: reparse of %s differs:\n%+v\n%+v", src, got, stripPos(d), stripPos(again))
		}
	}
}
