package cheader

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// constant matches "#define NAME 123u" and enum members "NAME = 0x10".
var constant = regexp.MustCompile(`(?m)^\s*(?:#define\s+(\w+)\s+|(\w+)\s*=\s*)(0x[0-9a-fA-F]+|\d+)u?\b`)

// Check fails tb for every name of want that the header at path does not
// define with the same value.
func Check(tb testing.TB, path string, want map[string]uint64) {
	tb.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	found := map[string]uint64{}
	for _, m := range constant.FindAllStringSubmatch(string(src), -1) {
		if v, err := strconv.ParseUint(m[3], 0, 64); err == nil {
			found[m[1]+m[2]] = v
		}
	}
	for name, v := range want {
		got, ok := found[name]
		switch {
		case !ok:
			tb.Errorf("%s does not define %s", path, name)
		case got != v:
			tb.Errorf("%s: %s is %d, Go has %d", path, name, got, v)
		}
	}
}
