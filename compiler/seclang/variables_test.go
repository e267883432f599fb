package seclang

import (
	"testing"

	"github.com/rulec/rulec/diag"
)

func TestVariables(t *testing.T) {
	for _, name := range Variables() {
		mustCompile(t, `SecRule `+name+` "@rx a" "id:1"`)
	}
	res := mustCompile(t, `SecRule request_headers:User-Agent "@rx a" "id:1"`)
	if got := res.Rules[0].Sec.Parts[0].Targets[0]; got.Collection != "REQUEST_HEADERS" || got.Key != "User-Agent" {
		t.Errorf("target %+v", got)
	}
	runErrorCases(t, []errorCase{
		{`SecRule NOPE "@rx a" "id:1"`, diag.ErrUnsupported, `variable "NOPE" unsupported`},
		{`SecRule ARGS:/a(?=b)/ "@rx a" "id:1"`, diag.ErrUnsupported, "variable key /a(?=b)/: error parsing regexp: invalid or unsupported Perl syntax: `(?=`: unsupported"},
	})
}
