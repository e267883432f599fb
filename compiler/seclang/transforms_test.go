package seclang

import (
	"reflect"
	"testing"

	"github.com/rulec/rulec/diag"
)

func TestTransforms(t *testing.T) {
	for _, name := range Transformations() {
		mustCompile(t, `SecRule ARGS "@rx a" "id:1,t:`+name+`"`)
	}
	res := mustCompile(t, `SecRule ARGS "@rx a" "id:1,t:base64decode,t:NormalisePath"`)
	if got := res.Rules[0].Sec.Parts[0].Transforms; !reflect.DeepEqual(got, []string{"base64Decode", "normalisePath"}) {
		t.Errorf("transforms %q, want canonical names", got)
	}
	runErrorCases(t, []errorCase{
		{`SecRule ARGS "@rx a" "id:1,t:rot13"`, diag.ErrUnsupported, `action "t": transformation "rot13" unsupported`},
	})
}
