package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rulec/rulec/internal/demo"
)

func TestSignedObjects(t *testing.T) {
	dir := t.TempDir()
	rules := writeRules(t, "alert udp any any -> any 53 (msg:\"dns\"; sid:1;)\n")
	key, obj, plain := filepath.Join(dir, "key"), filepath.Join(dir, "signed.rco"), filepath.Join(dir, "plain.rco")
	pcap := demo.File(t)
	for _, args := range [][]string{
		{"keygen", "-o", key},
		{"compile", "--sign", key, rules, "-o", obj},
		{"compile", rules, "-o", plain},
	} {
		if _, errOut, code := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, errOut)
		}
	}
	if _, errOut, code := runCLI(t, "keygen", "-o", key); code == 0 {
		t.Errorf("keygen overwrote a key: %s", errOut)
	}
	if _, errOut, code := runCLI(t, "run", obj, "--verify", key+".pub", "--pcap", pcap, "--kernel", "reference"); code != 0 {
		t.Fatalf("signed object refused: %s", errOut)
	}
	if _, errOut, code := runCLI(t, "inspect", obj); code != 0 {
		t.Errorf("inspect of a signed object: %s", errOut)
	}
	data, _ := os.ReadFile(obj)
	data[20] ^= 1
	edited := filepath.Join(dir, "edited.rco")
	os.WriteFile(edited, data, 0o644)
	for _, c := range []struct{ obj, pub, want string }{
		{plain, key + ".pub", "object not signed"},
		{edited, key + ".pub", "signature does not verify"},
		{obj, key, "bad key file"},
	} {
		_, errOut, code := runCLI(t, "run", c.obj, "--verify", c.pub, "--pcap", pcap, "--kernel", "reference")
		if code == 0 || !strings.Contains(errOut, c.want) {
			t.Errorf("%s with %s: code %d, %q; want %q", filepath.Base(c.obj), filepath.Base(c.pub), code, errOut, c.want)
		}
	}
}
