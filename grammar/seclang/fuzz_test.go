package seclang

import (
	"bytes"
	"errors"
	"testing"

	"github.com/rulec/rulec/diag"
)

// FuzzParseFile checks that parsing never panics, that every diagnostic is
// a positioned syntax error, that every position points at the element it
// names, and that Format round-trips every directive.
func FuzzParseFile(f *testing.F) {
	for _, seed := range []string{
		"SecRule REQUEST_HEADERS:User-Agent \"@rx (?i)^(?:curl|wget)\" \"id:1,phase:1,deny,msg:'a, b',setvar:'tx.x=+1'\"\n",
		"SecRule ARGS|!ARGS:foo|&TX:x|REQUEST_COOKIES:/^_ga/|XML:/* \\\n    \"!@pmFromFile x.data\" \\\n    \"id:2,\\\n    t:none,\\\n    chain\"\n    SecRule MATCHED_VARS \"@eq 0\"\n",
		"SecAction \"id:3,pass,nolog,setvar:tx.a=1,ctl:ruleRemoveTargetById=942100;ARGS:x\"\n",
		"SecDefaultAction \"phase:2,log,pass\"\n# comment \\\nSecMarker 'END'\nSecRuleUpdateTargetById 942550 \"!REQUEST_COOKIES:/^pbjs-\\w+$/\"\n",
		"SecRule ARGS \"@rx [\\\"'\\x5c]\\\\\" \"msg:'it\\'s \\\\ here'\"\r\nInclude rules/*.conf\n",
		"SecRule REQUEST_COOKIES:'a|b' !^x\nSecRule ARGS \"\" \"id:1,,\"\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, errs := ParseFile("f.conf", src)
		lines := bytes.Split(src, []byte("\n"))
		for _, e := range errs.Items {
			if !errors.Is(e, diag.ErrSyntax) || e.Pos.File != "f.conf" || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("bad diagnostic %v", e)
			}
		}
		for _, d := range file.Directives {
			if err := checkPositions(lines, d); err != nil {
				t.Fatal(err)
			}
			text := Format(d)
			again, errs := ParseFile("f.conf", []byte(text))
			if errs.Len() != 0 {
				t.Fatalf("reparse of %q: %v", text, errs)
			}
			if len(again.Directives) != 1 || !equalDirectives(d, again.Directives[0]) {
				t.Fatalf("round trip of %q changed the directive", text)
			}
		}
	})
}
