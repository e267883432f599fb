package bpf

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestLimitsMatchHeader(t *testing.T) {
	f, err := os.Open("rulec.h")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defines := map[string]uint64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 3 || fields[0] != "#define" {
			continue
		}
		v, err := strconv.ParseUint(strings.TrimSuffix(fields[2], "u"), 0, 64)
		if err == nil {
			defines[fields[1]] = v
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	want := map[string]uint64{
		"MAX_SUMMARY":  MaxSummary,
		"MAX_WORDS":    MaxWords,
		"MAX_SCAN":     MaxScan,
		"MAX_PATTERN":  MaxPattern,
		"MAX_EVENTS":   MaxEvents,
		"SNAP_LEN":     SnapLen,
		"ACCEPT_BIT":   AcceptBit,
		"ITEM_NEGATED": ItemNeg,
		"NO_RULE":      NoRule,
	}
	for name, v := range want {
		got, ok := defines[name]
		if !ok {
			t.Errorf("rulec.h does not define %s", name)
		} else if got != v {
			t.Errorf("%s: rulec.h %d, limits.go %d", name, got, v)
		}
	}
}
