package seclang

import (
	"errors"
	"reflect"
	"testing"

	"github.com/rulec/rulec/diag"
)

func TestOperatorsValid(t *testing.T) {
	for _, op := range []string{
		"@rx ^a(?i)b", "@pm a b c", "@contains x", "@containsWord x", "@beginsWith /", "@endsWith .php",
		"@streq %{tx.x}", "@within |GET|", "@eq 1", "@ge %{tx.n}", "@gt -3", "@le 0", "@lt 10",
		"@ipMatch 10.0.0.0/8,::1", "@validateByteRange 1-255", "@validateUrlEncoding", "@validateUtf8Encoding",
		"@detectSQLi", "@detectXSS", "@unconditionalMatch", "@noMatch", "@strmatch abc", "@rbl sbl.example",
		"!@rx x", "implicit-regex",
	} {
		mustCompile(t, `SecRule ARGS "`+op+`" "id:1,phase:2,pass"`)
	}
}

func TestOperatorArguments(t *testing.T) {
	res := mustCompile(t, `SecRule ARGS "!@validateByteRange 9,10, 32-126" "id:1,pass"
SecRule ARGS "@pm foo  bar" "id:2,pass"`)
	op := res.Rules[0].Sec.Parts[0].Operator
	if want := [][2]byte{{9, 9}, {10, 10}, {32, 126}}; !reflect.DeepEqual(op.Ranges, want) || !op.Negated {
		t.Errorf("ranges %v negated %v, want %v negated", op.Ranges, op.Negated, want)
	}
	if got := res.Rules[1].Sec.Parts[0].Operator.Phrases; !reflect.DeepEqual(got, []string{"foo", "bar"}) {
		t.Errorf("phrases %q", got)
	}
}

func TestPmFromFile(t *testing.T) {
	res := compileFiles(t, map[string]string{
		"main.conf":  `SecRule ARGS "@pmFromFile words.data" "id:1,pass"` + "\n" + `SecRule REMOTE_ADDR "@ipMatchFromFile ips.data" "id:2,pass"`,
		"words.data": "# comment\nalpha\n\n  beta gamma \n",
		"ips.data":   "192.0.2.1\n2001:db8::/32\n",
	})
	if res.Diags.Len() != 0 {
		t.Fatal(res.Diags.Items)
	}
	if got := res.Rules[0].Sec.Parts[0].Operator.Phrases; !reflect.DeepEqual(got, []string{"alpha", "beta gamma"}) {
		t.Errorf("phrases %q", got)
	}
	if got := res.Rules[1].Sec.Parts[0].Operator.Phrases; len(got) != 2 {
		t.Errorf("addresses %q", got)
	}
}

func TestOperatorErrors(t *testing.T) {
	runErrorCases(t, []errorCase{
		{`SecRule ARGS "@foo x" "id:1"`, diag.ErrUnsupported, `operator "@foo" unsupported`},
		{`SecRule ARGS "@rx a(?=b)" "id:1"`, diag.ErrUnsupported, "operator \"@rx\": not RE2 (error parsing regexp: invalid or unsupported Perl syntax: `(?=`): unsupported"},
		{`SecRule ARGS "@eq abc" "id:1"`, diag.ErrBadValue, `operator "@eq": "abc" is not an integer: bad value`},
		{`SecRule ARGS "@validateByteRange 1-300" "id:1"`, diag.ErrBadValue, `operator "@validateByteRange": byte range "1-300": bad value`},
		{`SecRule ARGS "@validateByteRange 9-2" "id:1"`, diag.ErrBadValue, `operator "@validateByteRange": byte range "9-2": bad value`},
		{`SecRule REMOTE_ADDR "@ipMatch 10.0.0.300" "id:1"`, diag.ErrBadValue, `operator "@ipMatch": "10.0.0.300" is not an address or prefix: bad value`},
		{`SecRule ARGS "@detectSQLi x" "id:1"`, diag.ErrBadValue, `operator "@detectSQLi": takes no argument: bad value`},
		{`SecRule ARGS "@streq %{tx.a" "id:1"`, diag.ErrBadValue, `operator "@streq": unterminated macro %{tx.a: bad value`},
		{`SecRule ARGS "@pm" "id:1"`, diag.ErrMissing, `operator "@pm": no phrases: missing required option`},
	})
}

func TestPmFromFileMissing(t *testing.T) {
	res := compileText(t, `SecRule ARGS "@pmFromFile nope.data" "id:1"`)
	if res.Diags.Len() != 1 || !errors.Is(res.Diags.Items[0], diag.ErrBadValue) {
		t.Errorf("got %v, want one bad value", res.Diags.Items)
	}
}

func TestEveryOperatorListed(t *testing.T) {
	if n := len(Operators()); n < 25 {
		t.Errorf("%d operators registered: %v", n, Operators())
	}
	if n := len(Actions()); n < 30 {
		t.Errorf("%d actions registered: %v", n, Actions())
	}
}
