package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestKeywordsCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"keywords"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	text := out.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^content +kernel `),
		regexp.MustCompile(`(?m)^http\.uri +userspace`),
		regexp.MustCompile(`(?m)^sid +meta `),
		regexp.MustCompile(`(?m)^dcerpc\.stub_data +userspace `),
		regexp.MustCompile(`(?m)^smb\.share +unsupported +rulec does not parse SMB$`),
		regexp.MustCompile(`(?m)^lua +unsupported +Lua scripts are not run$`),
		regexp.MustCompile(`(?m)^\d+ kernel, \d+ userspace, \d+ meta, \d+ unsupported$`),
	} {
		if !want.MatchString(text) {
			t.Errorf("output lacks %v", want)
		}
	}
	out.Reset()
	run([]string{"keywords", "--status", "unsupported"}, &out, &errOut)
	if strings.Contains(out.String(), " userspace ") || !strings.Contains(out.String(), "ldap.request.operation") {
		t.Errorf("--status unsupported:\n%s", out.String())
	}
}
