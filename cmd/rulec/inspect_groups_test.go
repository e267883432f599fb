package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestInspectGroupsListsNoLiteralRules(t *testing.T) {
	rules := writeRules(t, `alert tcp any any -> any 80 (msg:"a"; content:"x"; sid:1;)
alert tcp any any -> any 80 (msg:"b"; pcre:"/ab+c/"; sid:2;)
alert http any any -> any any (msg:"c"; http.uri; pcre:"/q=[0-9]+/"; sid:3;)
alert udp any any -> any any (msg:"d"; flowbits:isset,x; sid:4;)
`)
	obj := filepath.Join(t.TempDir(), "g.rco")
	if _, errOut, code := runCLI(t, "compile", rules, "-o", obj); code != 0 {
		t.Fatalf("compile: %s", errOut)
	}
	out, errOut, code := runCLI(t, "inspect", "--groups", obj)
	if code != 0 {
		t.Fatalf("inspect: %s", errOut)
	}
	_, list, ok := strings.Cut(out, "rule groups: rules without a usable literal\n")
	if !ok {
		t.Fatalf("no group listing in:\n%s", out)
	}
	want := "  app:http/tcp: 1 rules: 3\n  packet/tcp: 1 rules: 2\n  packet/udp: 1 rules: 4\n  stream/tcp: 1 rules: 2\n"
	if list != want {
		t.Errorf("listing:\n%s\nwant:\n%s", list, want)
	}
	if plain, _, _ := runCLI(t, "inspect", obj); strings.Contains(plain, "rule groups") {
		t.Error("the listing without --groups")
	}
}
