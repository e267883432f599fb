package bpflog

import (
	"strings"
	"testing"

	bpfexec "github.com/rulec/rulec/bpf/execwatch"
)

func TestParseLevel(t *testing.T) {
	cases := []struct {
		in   string
		want Level
		ok   bool
	}{
		{"debug", LevelDebug, true},
		{"INFO", LevelInfo, true},
		{"warn", LevelWarn, true},
		{"Warning", LevelWarn, true},
		{"error", LevelError, true},
		{"trace", 0, false},
		{"", 0, false},
	}
	for _, c := range cases {
		got, err := ParseLevel(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
		if c.ok && got.String() != strings.TrimSuffix(strings.ToLower(c.in), "ing") {
			t.Errorf("%v prints as %q", got, got.String())
		}
	}
}

func TestSetLevel(t *testing.T) {
	spec, err := bpfexec.LoadExecwatch()
	if err != nil {
		t.Fatal(err)
	}
	var def uint8
	if err := spec.Variables[LevelVar].Get(&def); err != nil || Level(def) != LevelInfo {
		t.Fatalf("default level %d, %v; want info", def, err)
	}
	if err := SetLevel(spec, LevelVar, LevelError); err != nil {
		t.Fatal(err)
	}
	var got uint8
	if err := spec.Variables[LevelVar].Get(&got); err != nil || Level(got) != LevelError {
		t.Errorf("level %d, %v after SetLevel(error)", got, err)
	}
	if err := SetLevel(spec, LevelVar, Level(0)); err == nil {
		t.Error("level 0 accepted")
	}
	if err := SetLevel(spec, "no_such_var", LevelInfo); err == nil || !strings.Contains(err.Error(), "no_such_var") {
		t.Errorf("unknown variable: %v", err)
	}
}
